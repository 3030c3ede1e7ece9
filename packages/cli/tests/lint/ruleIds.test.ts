import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { afterAll, describe, expect, it } from 'vitest';
import { DOCS_BASE_URL, ERROR_CODES, docsUrlFor, errorDocsUrl, fingerprint, validateBaselineFile, type Finding, type Result } from '@npvguard/core';
import { CHECKS } from '../../src/checks/index.js';
import { explainRule, listRules } from '../../src/explain/explainRule.js';
import { loadProject } from '../../src/load/loadProject.js';
import { registerTools } from '../../src/mcp/tools.js';
import { currentEntry } from '../../src/baseline/baselineFile.js';
import { REPO_ROOT, runCli } from '../support/cli.js';
import { createRepo, type TempRepo } from '../integrity/gitRepo.js';

const folders: string[] = [];
const repos: TempRepo[] = [];
afterAll(() => {
  folders.forEach((folder) => rmSync(folder, { recursive: true, force: true }));
  repos.forEach((repo) => repo.cleanup());
});

function project(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'npvguard-ids-'));
  folders.push(root);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

type Handler = (input: { ruleId: string }) => Promise<{ structuredContent?: Record<string, unknown>; isError?: boolean }>;

/** The MCP tools as registered, called in place: the handler the server runs for `explain_rule`. */
function mcpExplainRule(): Handler {
  const handlers = new Map<string, Handler>();
  const server = { registerTool: (name: string, _config: unknown, handler: Handler) => handlers.set(name, handler) } as unknown as McpServer;
  registerTools(server, { cwd: process.cwd(), checks: CHECKS });
  const handler = handlers.get('explain_rule');
  if (handler === undefined) throw new Error('explain_rule is not registered');
  return handler;
}

const ENV_READ = 'export const port = Number(process.env.PORT ?? 8080);\n';
const OLD_ID = 'lint/no-process-env-outside-config';
const ID = 'lint/npvguard/no-process-env-outside-config';

async function lintRun(root: string, extra: readonly string[] = []): Promise<{ code: number; stderr: string; findings: Finding[]; result: Result }> {
  const run = await runCli(['check', '--only', 'lint', '--format', 'json', ...extra], { cwd: root });
  const result = JSON.parse(run.stdout) as Result;
  return { code: run.code, stderr: run.stderr, findings: result.findings, result };
}

describe('one rule id: the id a finding prints is the id every other door takes', () => {
  it('every catalogue id of every check round-trips through explain, the MCP explain_rule, the config\'s rules and a baseline entry', async () => {
    const ids = listRules(CHECKS).map((rule) => rule.id);
    expect(ids).toContain(ID);
    expect(ids).toContain('lint/parse-error');
    expect(ids.length).toBeGreaterThan(150);
    const explainTool = mcpExplainRule();
    for (const id of ids) {
      expect(explainRule(id, CHECKS).rule.id, id).toBe(id);
      expect(explainRule(id, CHECKS).note, id).toBeUndefined();
      const answer = await explainTool({ ruleId: id });
      expect(answer.isError, id).toBeFalsy();
      expect((answer.structuredContent?.rule as { id: string }).id, id).toBe(id);
      const entry = { ruleId: id, file: 'src/a.ts', fingerprint: fingerprint(id, 'src/a.ts', ['m']), message: 'm', reason: 'accepted' };
      expect(currentEntry(validateBaselineFile({ version: 1, findings: [entry] }, { file: 'b.json' }).findings[0] ?? entry), id).toEqual(entry);
    }
    const root = project({ 'npvguard.config.json': JSON.stringify({ lint: {}, integrity: {}, rules: Object.fromEntries(ids.map((id) => [id, 'warning'])) }), 'src/a.ts': ENV_READ });
    const loaded = await loadProject({ processCwd: root, checks: CHECKS });
    expect(Object.keys(loaded.config.rules ?? {}).sort()).toEqual([...ids].sort());
    expect(loaded.notes).toEqual([]);
  }, 120_000);

  it('a produced lint finding carries the catalogue id, its docs link is the plugin\'s page, and its id turns the rule down in the config', async () => {
    const root = project({
        'npvguard.config.json': JSON.stringify({ lint: {} }),
        'src/port.ts': ENV_READ,
        'src/log.ts': 'export function f(): void {\n  console.log(1);\n}\n',
        'eslint.config.mjs': "import npvguard from 'eslint-plugin-npvguard';\nimport tseslint from 'typescript-eslint';\nexport default [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, npvguard.configs.recommended, { rules: { 'no-console': 'error' } }];\n",
    });
    symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
    const run = await lintRun(root);
    expect(run.findings.map((finding) => finding.ruleId).sort()).toEqual(['lint/no-console', ID]);
    const plugin = run.findings.find((finding) => finding.ruleId === ID);
    expect(plugin?.docsUrl).toMatch(/\/packages\/eslint-plugin\/docs\/rules\/no-process-env-outside-config\.md$/);
    const known = new Set(listRules(CHECKS).map((rule) => rule.id));
    expect(known.has(ID)).toBe(true);
    expect(explainRule(ID, CHECKS).source).toBe('eslint-plugin-npvguard/docs/rules/no-process-env-outside-config.md');
    // A core ESLint rule is no npvguard rule: it is documented by ESLint, and its id still works in the config.
    const core = run.findings.find((finding) => finding.ruleId === 'lint/no-console');
    expect(core?.docsUrl).toMatch(/^https:\/\/eslint\.org\/docs\/.*no-console/);
    // Each hint says what to do; for a plugin rule, where the correct code is shown.
    expect(core?.hint).toBe('Change the code so that no-console no longer reports it; the rule\'s page (docs link) shows what it accepts.');
    expect(plugin?.hint).toContain(`\`npvguard explain ${ID}\``);
    writeFileSync(path.join(root, 'npvguard.config.json'), JSON.stringify({ lint: {}, rules: { [ID]: 'off', 'lint/no-console': 'warning' } }));
    const configured = await lintRun(root);
    expect(configured.findings.map((finding) => `${finding.ruleId} ${finding.severity}`)).toEqual(['lint/no-console warning']);
    expect(configured.stderr).toBe('');
  }, 60_000);

  it('the old id of a plugin rule still works in explain, the config and the baseline file, each time with a note naming the id to write', async () => {
    expect(explainRule(OLD_ID, CHECKS).rule.id).toBe(ID);
    expect(explainRule(OLD_ID, CHECKS).note).toMatch(/old id lint\/no-process-env-outside-config; write lint\/npvguard\/no-process-env-outside-config/);
    const explained = await runCli(['explain', OLD_ID], { cwd: process.cwd() });
    expect(explained.code).toBe(0);
    expect(explained.stderr).toMatch(/^note: .*write lint\/npvguard\/no-process-env-outside-config/);
    // A core ESLint rule with no plugin rule of that name is not renamed.
    expect(explainRule('lint/parse-error', CHECKS).note).toBeUndefined();

    const message = 'Read process.env only in the config module.';
    const root = project({ 'npvguard.config.json': JSON.stringify({ lint: {}, rules: { [OLD_ID]: 'warning' } }), 'src/port.ts': ENV_READ });
    const warned = await lintRun(root);
    expect(warned.findings.map((finding) => `${finding.ruleId} ${finding.severity}`)).toEqual([`${ID} warning`]);
    expect(warned.stderr).toMatch(/note: npvguard\.config\.json `rules` names the rule by its old id lint\/no-process-env-outside-config; write lint\/npvguard\/no-process-env-outside-config/);

    // A baseline written by the older npvguard: the entry's id and fingerprint as they were then.
    const finding = warned.findings[0];
    expect(finding?.message.length).toBeGreaterThan(0);
    const actual = finding?.message ?? message;
    const entry = { ruleId: OLD_ID, file: 'src/port.ts', fingerprint: fingerprint(OLD_ID, 'src/port.ts', [actual]), message: actual, reason: 'accepted before the rename' };
    writeFileSync(path.join(root, 'npvguard.config.json'), JSON.stringify({ lint: {} }));
    writeFileSync(path.join(root, 'npvguard.baseline.json'), `${JSON.stringify({ version: 1, findings: [entry] }, null, 2)}\n`);
    const accepted = await lintRun(root);
    expect(accepted.code).toBe(0);
    expect(accepted.findings.map((item) => `${item.ruleId} ${item.baseline ?? 'new'}`)).toEqual([`${ID} file`]);
    expect(accepted.stderr).toMatch(/note: npvguard\.baseline\.json names the rule by its old id .*Run `npvguard baseline --update` to rewrite it\./);
  }, 60_000);
});

describe('docs links resolve to a page that exists', () => {
  /** A published URL as the file in this repository it is built from. */
  function repoFile(url: string): string {
    const prefix = DOCS_BASE_URL.slice(0, DOCS_BASE_URL.length - 'docs/'.length);
    expect(url.startsWith(prefix), url).toBe(true);
    return path.join(REPO_ROOT, url.slice(prefix.length).split('#')[0] ?? '');
  }

  it('every catalogue rule\'s docs URL is a page of this repository, and every error code\'s URL an anchor of docs/errors.md', () => {
    const rules = listRules(CHECKS).filter((rule) => !path.isAbsolute(rule.docs));
    expect(rules.length).toBeGreaterThan(150);
    for (const rule of rules) expect(existsSync(repoFile(docsUrlFor(rule.id))), rule.id).toBe(true);
    const errors = readFileSync(path.join(REPO_ROOT, 'docs', 'errors.md'), 'utf8');
    for (const code of Object.keys(ERROR_CODES)) {
      const url = errorDocsUrl(code);
      expect(existsSync(repoFile(url))).toBe(true);
      expect(errors, code).toContain(`<a id="${url.split('#')[1] ?? ''}"></a>${code}`);
    }
  });
});

describe('baseline entries are judged only for the files the run looked at', () => {
  it('a --base run that lints one file reports no stale entry for files it did not lint, and does for the file it linted', async () => {
    const repo = createRepo({ 'npvguard.config.json': JSON.stringify({ lint: {} }), 'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'nodenext', strict: true }, include: ['src'] }), 'src/a.ts': ENV_READ, 'src/b.ts': ENV_READ, 'src/c.ts': 'export const c = 1;\n' });
    repos.push(repo);
    const first = await lintRun(repo.root);
    expect(first.findings.map((finding) => finding.file)).toEqual(['src/a.ts', 'src/b.ts']);
    // Accepted: the messages in a.ts and b.ts, and one in c.ts that is gone already (its file is not linted below).
    const entries = [
      ...first.findings.map((finding) => ({ ruleId: finding.ruleId, file: finding.file, fingerprint: finding.fingerprint, message: finding.message, reason: 'legacy' })),
      { ruleId: ID, file: 'src/c.ts', fingerprint: fingerprint(ID, 'src/c.ts', ['gone']), message: 'gone', reason: 'legacy' },
    ];
    repo.write({ 'npvguard.baseline.json': `${JSON.stringify({ version: 1, findings: entries }, null, 2)}\n` });
    repo.commit('baseline');
    // The change fixes a.ts; only a.ts is linted under --base.
    repo.write({ 'src/a.ts': 'export const port = 8080;\n' });
    repo.commit('fix a');
    const run = await lintRun(repo.root, ['--base', 'HEAD~1']);
    expect(run.result.checks.find((check) => check.id === 'lint')?.data).toMatchObject({ filesLinted: 1, scope: { kind: 'affected', changedFiles: 1 } });
    const stale = run.findings.filter((finding) => finding.ruleId === 'baseline/stale-entry');
    expect(stale.map((finding) => (finding.data?.entry as { file: string }).file)).toEqual(['src/a.ts']);
    expect(run.code).toBe(0);
    // Without --base every file is linted: the entry for c.ts is stale too, b.ts's still matches.
    const whole = await lintRun(repo.root);
    expect(whole.findings.filter((finding) => finding.ruleId === 'baseline/stale-entry').map((finding) => (finding.data?.entry as { file: string }).file).sort()).toEqual(['src/a.ts', 'src/c.ts']);
    expect(whole.findings.filter((finding) => finding.file === 'src/b.ts').map((finding) => finding.baseline)).toEqual(['file']);
  }, 90_000);
});
