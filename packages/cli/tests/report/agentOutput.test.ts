import { describe, expect, it } from 'vitest';
import type { Finding, Result } from '@npvguard/core';
import { compactReporter } from '../../src/report/compact.js';
import { githubReporter } from '../../src/report/github.js';
import { defaultFormat, detectAgent } from '../../src/report/agentFormat.js';
import { runCli, fixture } from '../support/cli.js';

function finding(file: string, line: number, severity: Finding['severity'] = 'error'): Finding {
  return { ruleId: 'boundaries/forbidden-import', check: 'boundaries', severity, file, line, column: 1, message: `m${line}`, hint: 'h', docsUrl: 'd', fingerprint: `${file}${line}` };
}

function result(findings: Finding[]): Result {
  return { schemaVersion: 1, tool: { name: 'npvguard', version: '0' }, status: 'fail', summary: { errors: findings.length, warnings: 0, infos: 0, baseline: 0, filesChecked: 1 }, checks: [], findings };
}

const OPTIONS = { color: false, rules: [], pathPrefix: '' };

describe('agent output', () => {
  it('compact puts findings on changed lines first and caps with an "N more" line', () => {
    const text = compactReporter(result([finding('a.ts', 1), finding('a.ts', 5), finding('b.ts', 2)]), {
      ...OPTIONS,
      maxFindings: 2,
      changedLines: new Map([['b.ts', new Set([2])]]),
    });
    expect(text).toBe('b.ts:2:1 error boundaries/forbidden-import m2 (fix: h)\na.ts:1:1 error boundaries/forbidden-import m1 (fix: h)\n1 more (run npvguard check --format json for all)\n');
  });

  it('github annotates at most ten findings per type and counts the rest', () => {
    const findings = [...Array.from({ length: 12 }, (_, index) => finding('a.ts', index + 1)), finding('b.ts', 1, 'warning')];
    const lines = githubReporter(result(findings), OPTIONS).trim().split('\n');
    expect(lines.filter((line) => line.startsWith('::error '))).toHaveLength(10);
    expect(lines.filter((line) => line.startsWith('::warning '))).toHaveLength(1);
    expect(lines).toContain('::notice title=npvguard::2 more error findings not annotated: see the job summary or the SARIF upload.');
  });

  it('detects an agent from its environment variable, not from "0" or "false"', () => {
    expect(detectAgent({ CLAUDECODE: '1' })).toBe('CLAUDECODE');
    expect(detectAgent({ CURSOR_AGENT: '1' })).toBe('CURSOR_AGENT');
    expect(detectAgent({ AI_AGENT: 'false', CODEX: '0' })).toBeUndefined();
    expect(defaultFormat({ GEMINI_CLI: '1' })).toBe('compact');
    expect(defaultFormat({})).toBe('stylish');
  });

  it('check without --format prints compact under an agent, stylish otherwise; --format wins', async () => {
    const cwd = fixture('violation');
    const agent = await runCli(['check'], { cwd, env: { CLAUDECODE: '1' } });
    expect(agent.stdout).toMatch(/^src\/\S+:\d+:\d+ error boundaries\/forbidden-import .*\(fix: .+\)$/m);
    const person = await runCli(['check'], { cwd });
    expect(person.stdout).not.toMatch(/^src\/\S+:\d+:\d+ error /m);
    const chosen = await runCli(['check', '--format', 'json'], { cwd, env: { CLAUDECODE: '1' } });
    expect(JSON.parse(chosen.stdout)).toMatchObject({ status: 'fail' });
  });
});
