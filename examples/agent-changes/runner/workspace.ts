import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** Where the service lives, in this repository and in every temporary copy (its tsconfig extends ../../tsconfig.base.json). */
export const SERVICE_PATH = 'examples/npv-ranking-service';
/** Build output, dependencies and local scratch files are not part of the service's source. */
const SKIPPED = new Set(['node_modules', 'dist', 'var', '.scratch']);
const GIT_IDENTITY = ['-c', 'user.name=eval', '-c', 'user.email=eval@example.invalid', '-c', 'commit.gpgsign=false'];

export async function git(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await execFileAsync('git', [...GIT_IDENTITY, ...args], { cwd, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/**
 * The tsconfig files the service's project references reach, transitively: the temporary copy holds them so the
 * service's tsconfig resolves at head and at the base worktree alike. Their sources are not needed: the service
 * imports the built packages through node_modules.
 */
function referencedTsconfigs(fromFolder: string, seen = new Set<string>()): string[] {
  const file = path.join(REPO_ROOT, fromFolder, 'tsconfig.json');
  if (seen.has(file) || !existsSync(file)) return [];
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  // tsconfig files may carry comments; the references block of ours is plain JSON.
  const config = JSON.parse(text) as { references?: { path: string }[]; extends?: string };
  const found = [path.join(fromFolder, 'tsconfig.json')];
  for (const reference of config.references ?? []) {
    const folder = path.relative(REPO_ROOT, path.resolve(REPO_ROOT, fromFolder, reference.path));
    found.push(...referencedTsconfigs(folder, seen));
  }
  return found;
}

/**
 * A git repository laid out like this one (service under examples/, tsconfig.base.json at the top, the repo's
 * node_modules linked) holding the current reference service as its only commit. Cases copy it.
 */
export async function createTemplate(): Promise<string> {
  const top = mkdtempSync(path.join(tmpdir(), 'npvguard-eval-template-'));
  cpSync(path.join(REPO_ROOT, SERVICE_PATH), path.join(top, SERVICE_PATH), {
    recursive: true,
    filter: (source) => !SKIPPED.has(path.basename(source)),
  });
  cpSync(path.join(REPO_ROOT, 'tsconfig.base.json'), path.join(top, 'tsconfig.base.json'));
  for (const tsconfig of referencedTsconfigs(SERVICE_PATH)) {
    if (tsconfig.startsWith(SERVICE_PATH)) continue;
    mkdirSync(path.dirname(path.join(top, tsconfig)), { recursive: true });
    cpSync(path.join(REPO_ROOT, tsconfig), path.join(top, tsconfig));
  }
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(top, 'node_modules'), 'dir');
  writeFileSync(path.join(top, '.gitignore'), 'node_modules\n');
  await git(top, 'init', '--quiet', '--initial-branch=main');
  await git(top, 'add', '--all');
  await git(top, 'commit', '--quiet', '-m', 'the reference service');
  return top;
}

/** A fresh copy of the template for one case (the git history comes along). */
export function copyTemplate(template: string, name: string): string {
  const top = mkdtempSync(path.join(tmpdir(), `npvguard-eval-${name}-`));
  cpSync(template, top, { recursive: true, verbatimSymlinks: true });
  return top;
}

export function removeTree(folder: string): void {
  rmSync(folder, { recursive: true, force: true });
}

/** Patch paths are relative to the service root; --directory places them under the service's folder. */
export async function applyPatch(top: string, patchFile: string, options: { check?: boolean } = {}): Promise<void> {
  const args = ['apply', '--whitespace=nowarn', `--directory=${SERVICE_PATH}`];
  // Without --index: a copied repository's index holds stale file stamps; commitAll stages the result.
  if (options.check === true) args.push('--check');
  await git(top, ...args, patchFile);
}

export async function commitAll(top: string, message: string): Promise<void> {
  await git(top, 'add', '--all');
  await git(top, 'commit', '--quiet', '--allow-empty', '-m', message);
}
