import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../support/cli.js';

export const SERVICE = path.join(REPO_ROOT, 'examples', 'npv-ranking-service');

/** A git repository holding a copy of the reference service (dependencies linked), committed once. */
export interface ServiceRepository {
  root: string;
  git(...args: string[]): string;
  edit(file: string, from: string, to: string): void;
  commitAll(message: string): void;
  remove(): void;
}

export function copyService(options: { propertyRuns: number }): ServiceRepository {
  const folder = mkdtempSync(path.join(tmpdir(), 'npvguard-contracts-service-'));
  const root = path.join(folder, 'service');
  for (const part of ['src', 'contracts', 'package.json', 'npvguard.config.ts']) cpSync(path.join(SERVICE, part), path.join(root, part), { recursive: true });
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  writeFileSync(path.join(root, '.gitignore'), 'node_modules\n');
  const config = path.join(root, 'npvguard.config.ts');
  writeFileSync(config, readFileSync(config, 'utf8').replace('properties: { runs: 100 }', `properties: { runs: ${options.propertyRuns} }`));
  const git = (...args: string[]): string =>
    execFileSync('git', ['-c', 'user.email=test@example.com', '-c', 'user.name=test', '-c', 'commit.gpgsign=false', ...args], { cwd: root, encoding: 'utf8' });
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-q', '-m', 'clean');
  return {
    root,
    git,
    edit(file, from, to) {
      const target = path.join(root, file);
      const text = readFileSync(target, 'utf8');
      if (!text.includes(from)) throw new Error(`${file} does not contain ${from}`);
      writeFileSync(target, text.replace(from, to));
    },
    commitAll(message) {
      git('add', '.');
      git('commit', '-q', '-m', message);
    },
    remove() {
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
