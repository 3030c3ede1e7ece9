import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CLI_ROOT, REPO_ROOT } from '../support/cli.js';

export const INIT_FIXTURES = path.join(CLI_ROOT, 'tests', 'init', 'fixtures');

export interface FixtureProject {
  root: string;
  read(file: string): string;
  write(file: string, text: string): void;
  commit(message: string): void;
  remove(): void;
}

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.email=test@example.com', '-c', 'user.name=test', '-c', 'commit.gpgsign=false', ...args], { cwd, stdio: 'ignore' });
}

/**
 * A copy of an init fixture in a git repository of its own, as a user's project: the repository's installed
 * packages linked one by one into its node_modules, and the fixture's `stubs/` (declarations of packages the
 * repository does not install, so their imports resolve; nothing runs them) added beside them. `withoutPackages`
 * leaves packages out, as in a project that has not installed them.
 */
export function fixtureProject(name: string, options: { withoutPackages?: readonly string[] } = {}): FixtureProject {
  const without = new Set(options.withoutPackages ?? []);
  const folder = mkdtempSync(path.join(tmpdir(), 'npvguard-init-'));
  const root = path.join(folder, name);
  cpSync(path.join(INIT_FIXTURES, name), root, { recursive: true });
  const modules = path.join(root, 'node_modules');
  mkdirSync(modules);
  const stubs = path.join(root, 'stubs');
  const stubNames = new Set<string>();
  if (existsSync(stubs)) {
    for (const entry of readdirSync(stubs)) {
      if (entry.startsWith('@')) for (const scoped of readdirSync(path.join(stubs, entry))) stubNames.add(`${entry}/${scoped}`);
      else stubNames.add(entry);
    }
  }
  const repoModules = path.join(REPO_ROOT, 'node_modules');
  for (const entry of readdirSync(repoModules)) {
    if (entry.startsWith('.')) continue;
    if (entry.startsWith('@')) {
      mkdirSync(path.join(modules, entry), { recursive: true });
      for (const scoped of readdirSync(path.join(repoModules, entry))) if (!stubNames.has(`${entry}/${scoped}`) && !without.has(`${entry}/${scoped}`)) symlinkSync(path.join(repoModules, entry, scoped), path.join(modules, entry, scoped), 'dir');
    } else if (!stubNames.has(entry) && !without.has(entry)) symlinkSync(path.join(repoModules, entry), path.join(modules, entry), 'dir');
  }
  for (const stub of stubNames) {
    mkdirSync(path.dirname(path.join(modules, stub)), { recursive: true });
    cpSync(path.join(stubs, stub), path.join(modules, stub), { recursive: true });
  }
  rmSync(stubs, { recursive: true, force: true });
  writeFileSync(path.join(root, '.gitignore'), 'node_modules\n');
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: root });
  git(root, 'add', '.');
  git(root, 'commit', '-q', '-m', 'service');
  return {
    root,
    read: (file) => readFileSync(path.join(root, file), 'utf8'),
    write: (file, text) => {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    },
    commit: (message) => {
      git(root, 'add', '.');
      // --allow-empty: a step may change nothing (contracts update on the snapshot init already wrote).
      git(root, 'commit', '-q', '--allow-empty', '-m', message);
    },
    remove: () => rmSync(folder, { recursive: true, force: true }),
  };
}
