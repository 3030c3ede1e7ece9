import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '@npvguard/core';
import { runCli, spawnCli } from '../support/cli.js';

const DOCUMENTS = path.join(import.meta.dirname, 'fixtures', 'documents');
let repository: string;

beforeAll(() => {
  repository = mkdtempSync(path.join(tmpdir(), 'npvguard-contracts-diff-'));
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'commit.gpgsign=false', ...args], { cwd: repository });
  git('init', '-q', '-b', 'main');
  cpSync(path.join(DOCUMENTS, 'pets-3.0.yaml'), path.join(repository, 'api.yaml'));
  git('add', '.');
  git('commit', '-q', '-m', 'api');
  cpSync(path.join(DOCUMENTS, 'pets-3.0-breaking.yaml'), path.join(repository, 'api.yaml'));
});

afterAll(() => {
  rmSync(repository, { recursive: true, force: true });
});

describe('npvguard contracts diff', () => {
  it('a refactor of an OpenAPI 3.0 YAML document (inline ↔ $ref, reordered keys, renamed path parameter) has no breaking or potentially breaking change', async () => {
    const run = await runCli(['contracts', 'diff', 'pets-3.0.yaml', 'pets-3.0-refactored.yaml', '--format', 'compact'], { cwd: DOCUMENTS });
    // The refactor inlined the Pet schema: the component is gone, which is safe.
    expect(run.stdout).toBe('pets-3.0.yaml:34:1 info contracts/api-schema-removed the schema Pet was removed from components.schemas (fix: A safe change; nothing to do.)\n');
    expect(run.code).toBe(0);
  });

  it('reads <git ref>:<path> and the working file, reports 3.0 nullability removed and a response property made optional, with witnesses, exit 1', async () => {
    const run = await runCli(['contracts', 'diff', 'HEAD:api.yaml', 'api.yaml', '--format', 'json'], { cwd: repository });
    type Witness = { request?: { body: Record<string, unknown> }; response?: { body: Record<string, unknown> } };
    const result = JSON.parse(run.stdout) as Result;
    expect(result.status).toBe('fail');
    expect(result.checks).toMatchObject([{ id: 'contracts', status: 'fail', data: { old: 'HEAD:api.yaml', new: 'api.yaml', changes: 2, breaking: 2, potentiallyBreaking: 0, safe: 0 } }]);
    expect(result.findings.map((finding) => `${finding.ruleId} ${String(finding.data?.path)} ${finding.file}:${finding.line}`)).toEqual([
      'contracts/request-property-became-not-nullable /pets api.yaml:25',
      'contracts/response-property-became-optional /pets/{petId} api.yaml:38',
    ]);
    expect((result.findings[0]?.data?.witness as Witness).request?.body['tag']).toBeNull();
    expect((result.findings[1]?.data?.witness as Witness).response?.body).not.toHaveProperty('name');
    expect(result.findings[0]?.docsUrl).toContain('request-property-became-not-nullable');
    expect(run.code).toBe(1);
  });

  it('renders through the same reporters as check: each witness on an indented line, one line per change in compact', async () => {
    const run = await runCli(['contracts', 'diff', 'HEAD:api.yaml', 'api.yaml', '--format', 'stylish'], { cwd: repository });
    expect(run.stdout).toMatch(/^ {2}25:1 {2}error {3}POST \/pets, request body tag: null is no longer accepted {2}contracts\/request-property-became-not-nullable\n {16}witness: \{"request":\{"method":"POST","path":"\/pets","body":\{.*"tag":null.*\}\}\} \(the new contract refuses it: request body: \/tag must be string\)\n/m);
    expect(run.stdout).toContain('✖ 2 problems (2 errors, 0 warnings, 0 infos) in 2 files; checks: contracts');
    const compact = await runCli(['contracts', 'diff', 'HEAD:api.yaml', 'api.yaml', '--format', 'compact'], { cwd: repository });
    expect(compact.stdout.split('\n').filter((line) => line !== '').map((line) => line.split(' ').slice(0, 3).join(' '))).toEqual([
      'api.yaml:25:1 error contracts/request-property-became-not-nullable',
      'api.yaml:38:1 error contracts/response-property-became-optional',
    ]);
    expect(compact.code).toBe(1);
  });

  it('bad input is a coded error with exit 2 and no stack trace', async () => {
    const missing = await spawnCli(['contracts', 'diff', 'nope.yaml', 'api.yaml'], { cwd: repository });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('error NPV2103: nope.yaml is neither an existing file nor <git ref>:<path>.');
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    const notAtRef = await runCli(['contracts', 'diff', 'HEAD:other.yaml', 'api.yaml'], { cwd: repository });
    expect(notAtRef.stderr).toContain('NPV2103: HEAD:other.yaml: other.yaml does not exist at HEAD.');
    const unsafeRef = await runCli(['contracts', 'diff', 'HEAD;rm:api.yaml', 'api.yaml'], { cwd: repository });
    expect(unsafeRef.code).toBe(2);
    expect(unsafeRef.stderr).toContain('NPV2103');
  });

  it('a document that is not OpenAPI 3.x is NPV2103', async () => {
    const run = await runCli(['contracts', 'diff', path.join(DOCUMENTS, 'pets-3.0.yaml'), path.join(import.meta.dirname, 'fixtures', 'items', 'npvguard.config.ts')], { cwd: repository });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/NPV2103: .*npvguard\.config\.ts is not (valid JSON or YAML|an OpenAPI document)/);
  });
});
