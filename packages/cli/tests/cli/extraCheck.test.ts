import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Check, Result } from '@npvguard/core';
import { CHECKS } from '../../src/checks/index.js';
import { allRules } from '../../src/run/selectChecks.js';
import { runChecks } from '../../src/run/runChecks.js';
import { createCheckExecutor } from '../../src/run/threads/checkExecutor.js';
import { CLI_ROOT, fixture, runCli } from '../support/cli.js';

// The check lives in one folder of its own (check.js, docs/); adding it is one line: the registry plus it.
const { todoCheck } = (await import(new URL('../fixtures/extra-check/todo/check.js', import.meta.url).href)) as { todoCheck: Check };
const REGISTRY: readonly Check[] = [...CHECKS, todoCheck];
const COMPILED_WORKER = new URL(`file://${path.join(CLI_ROOT, 'dist', 'run', 'threads', 'checkWorker.js')}`);

describe('a check added from outside npvguard', () => {
  let project: string;

  beforeAll(() => {
    project = mkdtempSync(path.join(tmpdir(), 'npvguard-extra-check-'));
    cpSync(fixture('extra-check/project'), project, { recursive: true });
  });

  afterAll(() => {
    rmSync(project, { recursive: true, force: true });
  });

  it('runs in the main thread: its finding, its data and its view reach the result', async () => {
    const run = await runCli(['check', '--format', 'json'], { cwd: project, checks: REGISTRY });
    const result = JSON.parse(run.stdout) as Result;
    expect(result.findings.map((finding) => `${finding.ruleId} ${finding.severity} ${finding.file}:${finding.line}:${finding.column} ${finding.message}`)).toEqual([
      'todo/found warning src/a.ts:2:4 FIXME: the empty list',
    ]);
    expect(result.checks.find((entry) => entry.id === 'todo')).toMatchObject({ status: 'pass', data: { count: 1, word: 'FIXME' }, view: [{ kind: 'table', id: 'count' }] });
    expect(run.code).toBe(0);
    const stylish = await runCli(['check'], { cwd: project, checks: REGISTRY });
    expect(stylish.stdout).toContain('Unfinished work');
  });

  it('runs in a worker thread, which loads it from its own module', async () => {
    const executor = createCheckExecutor({ threads: 1, workerScript: COMPILED_WORKER });
    try {
      const outcome = await runChecks([todoCheck], { root: project, config: { todo: { word: 'FIXME' } } as never, files: ['src/a.ts', 'src/c.ts'], paths: [], rules: allRules(REGISTRY), executor });
      expect(outcome.findings.map((finding) => `${finding.ruleId} ${finding.file}:${finding.line}`)).toEqual(['todo/found src/a.ts:2']);
      expect(outcome.runs[0]?.data).toEqual({ count: 1, word: 'FIXME' });
    } finally {
      await executor.close();
    }
    expect(threadId).toBe(0);
  });

  it('validates its own config section: a wrong type and an unknown key are NPV1xxx errors naming the path', async () => {
    const config = path.join(project, 'npvguard.config.ts');
    try {
      writeFileSync(config, "export default { include: 'src/**/*.ts', todo: { word: 3 } };\n");
      const wrongType = await runCli(['check'], { cwd: project, checks: REGISTRY });
      expect(wrongType.code).toBe(2);
      expect(wrongType.stderr).toContain('error NPV1003: Invalid config in npvguard.config.ts at todo.word: expected a word to look for, found the number 3.');
      writeFileSync(config, "export default { include: 'src/**/*.ts', todo: { wrod: 'X' } };\n");
      const unknownKey = await runCli(['check'], { cwd: project, checks: REGISTRY });
      expect(unknownKey.code).toBe(2);
      expect(unknownKey.stderr).toContain('NPV1004');
      expect(unknownKey.stderr).toContain('Did you mean "word"?');
      // Without the check registered, its section is an unknown key.
      writeFileSync(config, "export default { include: 'src/**/*.ts', todo: {} };\n");
      const unregistered = await runCli(['check'], { cwd: project });
      expect(unregistered.stderr).toContain('error NPV1004: Unknown key "todo"');
    } finally {
      cpSync(fixture('extra-check/project/npvguard.config.ts'), config);
    }
  });

  it('is listed by rules, explained from its own page, and its severity can be set in the config', async () => {
    const rules = await runCli(['rules'], { cwd: project, checks: REGISTRY });
    const page = fixture('extra-check/todo/docs/found.md');
    expect(rules.stdout).toMatch(new RegExp(`^todo/found +warning +${page.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} +A line marks unfinished work\\.$`, 'm'));
    const explained = await runCli(['explain', 'todo/found'], { cwd: project, checks: REGISTRY });
    expect(explained.code).toBe(0);
    expect(explained.stdout).toContain('# todo/found');
    expect(explained.stdout).toContain('// TODO: handle the empty list');
    const unknown = await runCli(['explain', 'todo/fond'], { cwd: project, checks: REGISTRY });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Did you mean "todo/found"');
    const config = path.join(project, 'npvguard.config.ts');
    try {
      writeFileSync(config, "export default { include: 'src/**/*.ts', rules: { 'todo/found': 'error' }, todo: { word: 'FIXME' } };\n");
      const run = await runCli(['check', '--format', 'compact'], { cwd: project, checks: REGISTRY });
      expect(run.stdout).toContain('src/a.ts:2:4 error todo/found');
      expect(run.code).toBe(1);
    } finally {
      cpSync(fixture('extra-check/project/npvguard.config.ts'), config);
    }
  });
});
