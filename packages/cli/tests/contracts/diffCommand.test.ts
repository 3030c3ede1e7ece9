import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    const run = await runCli(['contracts', 'diff', 'pets-3.0.yaml', 'pets-3.0-refactored.yaml'], { cwd: DOCUMENTS });
    expect(run.stdout).toBe('0 changes: 0 breaking, 0 potentially breaking, 0 safe\n');
    expect(run.code).toBe(0);
  });

  it('reads <git ref>:<path> and the working file, reports 3.0 nullability removed and a response property made optional, with witnesses, exit 1', async () => {
    const run = await runCli(['contracts', 'diff', 'HEAD:api.yaml', 'api.yaml', '--format', 'json'], { cwd: repository });
    const output = JSON.parse(run.stdout) as { breaking: number; changes: Array<{ id: string; path: string; line: number; witness?: { request?: { body: Record<string, unknown> }; response?: { body: Record<string, unknown> } } }> };
    expect(output.changes.map((change) => `${change.id} ${change.path} line ${change.line}`)).toEqual([
      'response-property-became-optional /pets/{petId} line 38',
      'request-property-became-not-nullable /pets line 25',
    ]);
    expect(output.changes[1]?.witness?.request?.body['tag']).toBeNull();
    expect(output.changes[0]?.witness?.response?.body).not.toHaveProperty('name');
    expect(run.code).toBe(1);
  });

  it('prints each witness on an indented line in text', async () => {
    const run = await runCli(['contracts', 'diff', 'HEAD:api.yaml', 'api.yaml'], { cwd: repository });
    expect(run.stdout).toMatch(/^error {3}request-property-became-not-nullable {2}POST \/pets {2}request body tag: null is no longer accepted\n {8}witness \(a request the old contract accepts and the new refuses\): \{"method":"POST","path":"\/pets","body":\{.*"tag":null.*\}\}\n {8}the new contract refuses it: request body: \/tag must be string\n/m);
    expect(run.stdout).toContain('2 changes: 2 breaking, 0 potentially breaking, 0 safe');
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
