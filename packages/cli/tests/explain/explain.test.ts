import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/checks/index.js';
import { docsFolders } from '../../src/explain/docsLocation.js';
import { explainRule, listRules } from '../../src/explain/explainRule.js';
import { closestIds } from '../../src/explain/closestIds.js';
import { CLI_ROOT, REPO_ROOT, runCli, STACK_FRAME } from '../support/cli.js';

describe('npvguard explain and rules', () => {
  it('every rule id of every registered check is explained by its own page', () => {
    const ids = CHECKS.flatMap((check) => check.meta.rules.map((rule) => rule.id));
    expect(ids.length).toBeGreaterThan(50);
    for (const id of ids) {
      const explanation = explainRule(id, CHECKS);
      expect(explanation.markdown.startsWith(`# ${id}\n`), id).toBe(true);
      expect(explanation.source).toBe(`docs/rules/${id}.md`);
    }
  });

  it('every ESLint plugin rule has its page, listed as lint/npvguard/<rule>', () => {
    const pluginRules = listRules(CHECKS).filter((rule) => rule.id.startsWith('lint/npvguard/'));
    expect(pluginRules.map((rule) => rule.id)).toContain('lint/npvguard/require-timeout');
    for (const rule of pluginRules) expect(explainRule(rule.id, CHECKS).markdown).toMatch(new RegExp(`^# ${rule.id.slice('lint/npvguard/'.length)}\\n`));
  });

  it('prints the rule\'s page with its incorrect and correct examples, and where the page is', async () => {
    const run = await runCli(['explain', 'boundaries/forbidden-import'], { cwd: REPO_ROOT });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^boundaries\/forbidden-import \(error, check boundaries\): A file imports[^\n]*\n\n# boundaries\/forbidden-import\n/);
    expect(run.stdout).toContain('### ❌ Incorrect');
    expect(run.stdout).toContain('### ✅ Correct');
    expect(run.stdout).toContain('## How to fix');
    expect(run.stdout).not.toContain('boundaries/private-import');
    expect(run.stdout.endsWith('\nsource: docs/rules/boundaries/forbidden-import.md\n')).toBe(true);
  });

  it('accepts the ESLint rule name, and the id of its findings, for a plugin rule', () => {
    expect(explainRule('npvguard/no-pii-in-logs', CHECKS).rule.id).toBe('lint/npvguard/no-pii-in-logs');
    expect(explainRule('lint/no-pii-in-logs', CHECKS).rule.id).toBe('lint/npvguard/no-pii-in-logs');
    expect(explainRule('lint/no-pii-in-logs', CHECKS).source).toBe('eslint-plugin-npvguard/docs/rules/no-pii-in-logs.md');
  });

  it('an unknown id exits 2 with the closest ids and no stack trace', async () => {
    const run = await runCli(['explain', 'boundaries/forbiden-import'], { cwd: REPO_ROOT });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error NPV2401: Unknown rule id "boundaries\/forbiden-import"\. Did you mean "boundaries\/forbidden-import"/);
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });

  it('suggests by the last segment too', () => {
    expect(closestIds('as-any', listRules(CHECKS).map((rule) => rule.id))[0]).toBe('integrity/as-any');
    expect(closestIds('zzzzzzzzzzzz', ['boundaries/cycle'])).toEqual([]);
  });

  it('rules lists one line per rule, and JSON with --json', async () => {
    const text = await runCli(['rules'], { cwd: REPO_ROOT });
    expect(text.stdout).toMatch(/^boundaries\/forbidden-import\s+error\s+docs\/rules\/boundaries\/forbidden-import\.md\s+A file imports/m);
    expect(text.stdout).toMatch(/^lint\/npvguard\/require-timeout\s+error\s+eslint-plugin-npvguard\/docs\/rules\/require-timeout\.md\s+Require/m);
    const json = await runCli(['rules', '--json'], { cwd: REPO_ROOT });
    const rules = JSON.parse(json.stdout) as { id: string }[];
    expect(text.stdout.trim().split('\n')).toHaveLength(rules.length);
  });

  it('explains an error code from the catalogue inside the package, the same row docs/errors.md has', async () => {
    const run = await runCli(['explain', 'npv2301'], { cwd: tmpdir() });
    expect(run.code).toBe(0);
    const row = readFileSync(path.join(REPO_ROOT, 'docs', 'errors.md'), 'utf8').split('\n').find((line) => line.includes('<a id="npv2301"></a>'));
    const [, title, solution] = (row ?? '').split(' | ');
    expect(title).toBe('ESLint failed while linting');
    expect(run.stdout).toBe(`NPV2301: ${title}\n\nHow to solve: ${(solution ?? '').replace(/ \|$/, '')}\n\nsource: docs/errors.md#npv2301 (https://github.com/npvguard/npvguard/blob/main/docs/errors.md#npv2301)\n`);
    const unknown = await runCli(['explain', 'NPV2399'], { cwd: tmpdir() });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^error NPV2401: Unknown error code "NPV2399"\. Did you mean "NPV2\d{3}"/);
  });

  it('the packed tarball holds the rule pages, check overviews and error codes that explain reads', () => {
    const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts=false'], { cwd: CLI_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const [packed] = JSON.parse(output.slice(output.indexOf('['))) as { files: { path: string }[] }[];
    const files = new Set((packed?.files ?? []).map((file) => file.path));
    for (const file of ['dist/docs/errors.md', 'dist/docs/checks/lint.md', 'dist/docs/rules/lint/parse-error.md', 'dist/explain/explainError.js']) expect(files.has(file), file).toBe(true);
    expect(readFileSync(path.join(CLI_ROOT, 'dist', 'docs', 'errors.md'), 'utf8')).toBe(readFileSync(path.join(REPO_ROOT, 'docs', 'errors.md'), 'utf8'));
  }, 60_000);

  it('an installed package finds the bundled copy of the rule pages and check overviews', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'npvguard-docs-'));
    try {
      const bundled = path.join(folder, 'package', 'dist', 'docs');
      execFileSync(process.execPath, [path.join(CLI_ROOT, 'scripts', 'bundleDocs.js'), bundled]);
      expect(docsFolders(path.join(folder, 'package'))[0]).toBe(bundled);
      expect(existsSync(path.join(bundled, 'rules', 'contracts', 'response-property-removed.md'))).toBe(true);
      expect(existsSync(path.join(bundled, 'checks', 'contracts.md'))).toBe(true);
      // The error catalogue ships as it is in the repository, its one source.
      expect(readFileSync(path.join(bundled, 'errors.md'), 'utf8')).toBe(readFileSync(path.join(REPO_ROOT, 'docs', 'errors.md'), 'utf8'));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
