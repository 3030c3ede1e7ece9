import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';

/**
 * The editor must show what CI shows: the same project (tests/fixtures/agreement, one violation of each
 * kind on disk) checked by the real `npvguard boundaries` command and by the ESLint rule gives the same
 * findings, rule id, file and line.
 */
const PROJECT = fileURLToPath(new URL('fixtures/agreement/', import.meta.url));
const CLI = fileURLToPath(new URL('../../cli/bin/npvguard.js', import.meta.url));
const run = promisify(execFile);

const MESSAGE_RULE_IDS: Readonly<Record<string, string>> = {
  forbiddenImport: 'boundaries/forbidden-import',
  privateImport: 'boundaries/private-import',
  externalNotAllowed: 'boundaries/external-not-allowed',
  unresolvedImport: 'boundaries/unresolved-import',
  unassignedFile: 'boundaries/unassigned-file',
};

interface CliFinding {
  ruleId: string;
  file: string;
  line: number;
}

async function cliFindings(): Promise<string[]> {
  let stdout: string;
  try {
    ({ stdout } = await run(process.execPath, [CLI, 'boundaries', '--format', 'json', '--cwd', PROJECT]));
  } catch (error) {
    // Exit code 1 means findings were reported; the report is still on stdout.
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    if (failed.code !== 1 || failed.stdout === undefined) {
      throw new Error(`npvguard boundaries failed: ${failed.stderr ?? String(error)}`, { cause: error });
    }
    stdout = failed.stdout;
  }
  const report = JSON.parse(stdout) as { findings: CliFinding[] };
  return report.findings.map((finding) => `${finding.ruleId} ${finding.file}:${finding.line}`).sort();
}

async function ruleFindings(): Promise<string[]> {
  const config = JSON.parse(fs.readFileSync(path.join(PROJECT, 'npvguard.config.json'), 'utf8')) as { boundaries: unknown };
  const eslint = new ESLint({
    cwd: PROJECT,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser as Linter.Parser } },
      {
        plugins: { npvguard: plugin as unknown as NonNullable<Linter.Config['plugins']>[string] },
        rules: { 'npvguard/boundaries': 'error' },
        settings: { npvguard: { boundaries: config.boundaries } },
      },
    ],
  });
  const results = await eslint.lintFiles(['src/**/*.ts']);
  return results
    .flatMap((result) =>
      result.messages.map((message) => {
        const ruleId = MESSAGE_RULE_IDS[message.messageId ?? ''] ?? `unexpected ${message.ruleId ?? 'fatal'}: ${message.message}`;
        return `${ruleId} ${path.relative(PROJECT, result.filePath).split(path.sep).join('/')}:${message.line}`;
      }),
    )
    .sort();
}

describe('boundaries rule and `npvguard boundaries` agree', () => {
  it('report the same findings on the same project', async () => {
    const [cli, rule] = await Promise.all([cliFindings(), ruleFindings()]);
    expect(cli.length).toBeGreaterThanOrEqual(6);
    expect(rule).toEqual(cli);
  }, 60_000);
});
