import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The packages npvguard publishes, in dependency order, with their folders. */
export const PUBLISHABLE = [
  { name: '@npvguard/core', folder: 'packages/core' },
  { name: '@npvguard/harness', folder: 'packages/harness' },
  { name: 'eslint-plugin-npvguard', folder: 'packages/eslint-plugin' },
  { name: 'npvguard', folder: 'packages/cli' },
] as const;

export const PACK_FOLDER = path.join(REPO_ROOT, 'dist-packages');

interface PackEntry {
  name: string;
  version: string;
  filename: string;
}

/** Builds every workspace and packs the publishable ones into dist-packages/; returns the tarball paths. */
export async function packAll(destination: string = PACK_FOLDER): Promise<string[]> {
  await run('npx', ['tsc', '-b'], { cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024 });
  rmSync(destination, { recursive: true, force: true });
  mkdirSync(destination, { recursive: true });
  const workspaces = PUBLISHABLE.flatMap(({ name }) => ['-w', name]);
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', destination, ...workspaces], { cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024 });
  const packed = JSON.parse(stdout.slice(stdout.indexOf('['))) as PackEntry[];
  const tarballs = packed.map((entry) => path.join(destination, entry.filename));
  const written = new Set(readdirSync(destination).map((file) => path.join(destination, file)));
  const missing = tarballs.filter((tarball) => !written.has(tarball));
  if (missing.length > 0 || tarballs.length !== PUBLISHABLE.length) throw new Error(`npm pack did not write every tarball: ${missing.join(', ') || stdout}`);
  return tarballs;
}

/** The tarball `npm pack` writes for a publishable package at its current version (`@scope/name` → `scope-name-x.y.z.tgz`). */
export function tarballPath(name: string, folder: string, destination: string = PACK_FOLDER): string {
  const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, folder, 'package.json'), 'utf8')) as { version: string };
  return path.join(destination, `${name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`);
}
