import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Result } from '@npvguard/core';
import { runCli } from '../cli.js';
import { attribute, type DocExample } from './page.js';
import { scratchProject, writeFiles } from './scratch.js';

const GIT_IDENTITY = ['-c', 'user.name=npvguard docs', '-c', 'user.email=docs@npvguard.invalid', '-c', 'commit.gpgsign=false', '-c', 'core.hooksPath=/dev/null'];

export interface ProjectDefaults {
  /** Files every example starts with; its own blocks overwrite them. */
  files: Record<string, string>;
  /** The check run when the example names none (`npvguard check ...`). */
  check: readonly string[];
  /** Link the repository's node_modules into the project, for examples that import fastify or npvguard. */
  linkNodeModules: boolean;
}

function git(root: string, ...args: string[]): void {
  execFileSync('git', [...GIT_IDENTITY, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } });
}

/** Splits a command line on spaces, keeping single- or double-quoted words whole. */
function words(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2] ?? match[3] ?? '');
}

/** The new findings' rule ids of `npvguard check <args> --format json`. */
async function check(root: string, args: readonly string[]): Promise<string[]> {
  const run = await runCli([...args, '--format', 'json'], { cwd: root });
  if (run.stdout === '') throw new Error(`npvguard ${args.join(' ')} wrote no report (exit ${run.code}): ${run.stderr}`);
  return (JSON.parse(run.stdout) as Result).findings.filter((finding) => finding.baseline === undefined).map((finding) => finding.ruleId);
}

/**
 * Runs an example written as the steps a person would take in a project, in the page's order:
 * ```<lang> file=<path>``` blocks write files, and ```sh``` blocks run their commands, one a line:
 * `npvguard <command>` (must succeed), `git commit ...` (commits everything, in a repository made on first use), and
 * last `npvguard check ...`, whose new findings are the example's. Without a check line, `defaults.check` runs.
 */
export async function runProjectExample(example: DocExample, defaults: ProjectDefaults): Promise<string[]> {
  const root = scratchProject('doc-project', defaults.files, { linkNodeModules: defaults.linkNodeModules });
  let reported: string[] | undefined;
  for (const block of example.blocks) {
    const file = attribute(block, 'file');
    if (file !== undefined) {
      writeFiles(root, { [file]: block.body });
      continue;
    }
    if (block.language !== 'sh') throw new Error(`block at line ${block.line}: neither file=<path> nor sh`);
    for (const line of block.body.split('\n').map((text) => text.trim()).filter((text) => text !== '' && !text.startsWith('#'))) {
      if (reported !== undefined) throw new Error(`block at line ${block.line}: \`${line}\` comes after the check`);
      const [command, ...args] = words(line);
      if (command === 'git' && args[0] === 'commit') {
        if (!existsSync(path.join(root, '.git'))) {
          writeFiles(root, { '.gitignore': 'node_modules\n' });
          git(root, 'init', '--quiet', '--initial-branch=main');
        }
        git(root, 'add', '--all');
        git(root, 'commit', '--quiet', '--allow-empty', '-m', 'example');
      } else if (command === 'npvguard' && args[0] === 'check') {
        reported = await check(root, args);
      } else if (command === 'npvguard') {
        const run = await runCli(args, { cwd: root });
        if (run.code !== 0) throw new Error(`\`${line}\` exited ${run.code}: ${run.stderr}`);
      } else {
        throw new Error(`block at line ${block.line}: \`${line}\` is not a command examples may run`);
      }
    }
  }
  return reported ?? (await check(root, defaults.check));
}
