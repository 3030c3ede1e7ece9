import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ClosedSchemasPolicy, Result } from '@npvguard/core';
import { arbitraryFromSchema, fc, judgeAnswer, listOperations, normalizeOpenApiSchemas, type SchemaObject } from '@npvguard/harness/contracts';
import { diffDocuments } from '../../src/checks/contracts/diff/diffDocuments.js';
import type { ContractChange } from '../../src/checks/contracts/diff/types.js';
import { REPO_ROOT, runCli } from '../support/cli.js';

const POLICIES: readonly ClosedSchemasPolicy[] = ['tolerant', 'strict'];

/** A document whose GET /items answers 200 with `schema`, and whose POST /items takes `body`. */
function document(schema: unknown, body: unknown = { type: 'object', properties: { name: { type: 'string' } }, additionalProperties: false }): unknown {
  return {
    openapi: '3.1.0',
    info: { title: 'items', version: '1' },
    paths: {
      '/items': {
        get: { responses: { 200: { description: 'ok', content: { 'application/json': { schema } } } } },
        post: { requestBody: { required: true, content: { 'application/json': { schema: body } } }, responses: { 204: { description: 'done' } } },
      },
    },
  };
}

const item = (properties: Record<string, unknown>, required: string[], extra: Record<string, unknown> = { additionalProperties: false }): SchemaObject => ({
  type: 'object',
  properties,
  required,
  ...extra,
});

const ids = (changes: readonly ContractChange[]): string[] => changes.map((change) => `${change.level} ${change.id}`);

describe('the semantic diff follows contracts.closedSchemas', () => {
  const base = item({ id: { type: 'string' } }, ['id']);
  const withTitle = item({ id: { type: 'string' }, title: { type: 'string' } }, ['id']);
  const withRequiredTitle = item({ id: { type: 'string' }, title: { type: 'string' } }, ['id', 'title']);

  it('tolerant (the default): a property added to a closed response schema, optional or required, is safe', () => {
    expect(ids(diffDocuments(document(base), document(withTitle)))).toEqual(['info response-property-added']);
    expect(ids(diffDocuments(document(base), document(withRequiredTitle), { closedSchemas: 'tolerant' }))).toEqual(['info response-property-added']);
  });

  it('strict: it breaks clients, with an answer the new contract allows and the old one refuses as witness', () => {
    for (const next of [withTitle, withRequiredTitle]) {
      const [change, ...rest] = diffDocuments(document(base), document(next), { closedSchemas: 'strict' });
      expect(rest).toEqual([]);
      expect(change).toMatchObject({ id: 'response-property-added-to-closed-schema', level: 'error', location: 'response 200 title' });
      expect(change?.witness?.response).toMatchObject({ status: '200', body: { title: expect.any(String) } });
      expect(change?.witness?.refusedBecause).toContain('the old contract refuses it');
      expect(change?.witness?.refusedBecause).toContain('must NOT have additional properties');
    }
  });

  it('strict: an open response schema (no additionalProperties: false) takes new properties safely', () => {
    const open = item({ id: { type: 'string' } }, ['id'], {});
    const openWithTitle = item({ id: { type: 'string' }, title: { type: 'string' } }, ['id'], {});
    expect(ids(diffDocuments(document(open), document(openWithTitle), { closedSchemas: 'strict' }))).toEqual(['info response-property-added']);
  });

  it('strict: the closed schema may sit behind a $ref, nested in an array', () => {
    const wrap = (card: SchemaObject) => ({
      openapi: '3.1.0',
      info: { title: 'items', version: '1' },
      components: { schemas: { Card: card } },
      paths: {
        '/items': {
          get: {
            responses: {
              200: {
                description: 'ok',
                content: { 'application/json': { schema: { type: 'object', required: ['cards'], properties: { cards: { type: 'array', maxItems: 3, items: { $ref: '#/components/schemas/Card' } } }, additionalProperties: false } } },
              },
            },
          },
        },
      },
    });
    const strict = diffDocuments(wrap(base), wrap(withTitle), { closedSchemas: 'strict' });
    expect(ids(strict)).toEqual(['error response-property-added-to-closed-schema']);
    expect(strict[0]?.location).toBe('response 200 cards[].title');
    expect(ids(diffDocuments(wrap(base), wrap(withTitle)))).toEqual(['info response-property-added']);
  });

  it('removing a response property breaks clients under both policies, required or optional', () => {
    for (const closedSchemas of POLICIES) {
      for (const [old, next] of [
        [withTitle, base],
        [withRequiredTitle, base],
        [item({ id: { type: 'string' }, title: { type: 'string' } }, ['id'], {}), item({ id: { type: 'string' } }, ['id'], {})],
      ] as const) {
        const changes = diffDocuments(document(old), document(next), { closedSchemas });
        expect(ids(changes), closedSchemas).toEqual(['error response-property-removed']);
        expect(changes[0]?.witness, closedSchemas).toBeDefined();
      }
    }
  });

  it('dropping additionalProperties: false from a response is safe when tolerant, may break when strict', () => {
    const open = item({ id: { type: 'string' } }, ['id'], {});
    expect(ids(diffDocuments(document(base), document(open)))).toEqual(['info response-property-additional-properties-allowed']);
    expect(ids(diffDocuments(document(base), document(open), { closedSchemas: 'strict' }))).toEqual(['warning response-property-additional-properties-allowed']);
  });

  it('a property added where the old schema constrains unlisted properties must fit that schema, under both policies', () => {
    const map = item({ id: { type: 'string' } }, ['id'], { additionalProperties: { type: 'string' } });
    const counted = item({ id: { type: 'string' }, count: { type: 'integer' } }, ['id'], { additionalProperties: { type: 'string' } });
    for (const closedSchemas of POLICIES) {
      const changes = diffDocuments(document(map), document(counted), { closedSchemas });
      expect(ids(changes), closedSchemas).toEqual(['info response-property-added', 'error response-property-type-changed']);
      expect(changes[1]?.witness?.refusedBecause).toContain('must be string');
    }
  });

  it('request schemas do not follow the policy: accepting more is safe, refusing what was accepted breaks', () => {
    const body = item({ name: { type: 'string' } }, []);
    const moreBody = item({ name: { type: 'string' }, tag: { type: 'string' } }, []);
    const openBody = item({ name: { type: 'string' } }, [], {});
    for (const closedSchemas of POLICIES) {
      expect(ids(diffDocuments(document(base, body), document(base, moreBody), { closedSchemas })), closedSchemas).toEqual(['info new-optional-request-property']);
      expect(ids(diffDocuments(document(base, openBody), document(base, body), { closedSchemas })), closedSchemas).toEqual(['error request-property-additional-properties-disallowed']);
      expect(ids(diffDocuments(document(base, moreBody), document(base, body), { closedSchemas })), closedSchemas).toEqual(['warning request-property-removed']);
    }
  });
});

/**
 * Old-client replay's judgement of one head answer: the answer checked against the base contract as its clients
 * read it (what `runProperty(app, 'replay', ...)` does with every answer).
 */
function replayRefuses(baseDocument: unknown, body: unknown, closedSchemas: ClosedSchemasPolicy): boolean {
  const root = normalizeOpenApiSchemas(baseDocument);
  const operation = listOperations(root).find((candidate) => candidate.method === 'GET');
  if (operation === undefined) throw new Error('no GET /items');
  return judgeAnswer(operation, root, { statusCode: 200, contentType: 'application/json', body }, { closedSchemas }) !== undefined;
}

const NAMES = ['alpha', 'beta', 'gamma', 'delta'] as const;
const TYPES = [{ type: 'string' }, { type: 'integer' }, { type: 'boolean' }] as const;

/** An answer schema of one to four typed properties, some required, closed or open. */
const objectSchema = fc
  .record({
    properties: fc.subarray([...NAMES], { minLength: 1 }),
    types: fc.array(fc.constantFrom(...TYPES), { minLength: 4, maxLength: 4 }),
    required: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    closed: fc.boolean(),
  })
  .map(({ properties, types, required, closed }) => ({
    properties: Object.fromEntries(properties.map((name, index) => [name, types[index] ?? { type: 'string' }])),
    required: properties.filter((_name, index) => required[index] === true),
    closed,
  }));

type Shape = { properties: Record<string, unknown>; required: string[]; closed: boolean };
const schemaOf = (shape: Shape): SchemaObject => item(shape.properties, shape.required, shape.closed ? { additionalProperties: false } : {});
/** The answers a server of `shape` sends, every property it declares filled in. */
const answersOf = (shape: Shape): unknown[] => fc.sample(arbitraryFromSchema({ ...schemaOf(shape), required: Object.keys(shape.properties) }), { numRuns: 10, seed: 7 });

describe('the diff and old-client replay agree on additions and removals, under both policies', () => {
  it('a property added to an answer: the diff calls it breaking exactly when replay refuses the new answers', () => {
    fc.assert(
      fc.property(objectSchema, fc.constantFrom(...NAMES), fc.constantFrom(...TYPES), fc.boolean(), fc.constantFrom(...POLICIES), (old, added, type, required, closedSchemas) => {
        fc.pre(!(added in old.properties));
        const next: Shape = { properties: { ...old.properties, [added]: type }, required: required ? [...old.required, added] : old.required, closed: old.closed };
        const breaking = diffDocuments(document(schemaOf(old)), document(schemaOf(next)), { closedSchemas }).some((change) => change.level === 'error');
        const refused = answersOf(next).some((body) => replayRefuses(document(schemaOf(old)), body, closedSchemas));
        expect(breaking).toBe(refused);
        expect(breaking).toBe(closedSchemas === 'strict' && old.closed);
      }),
      { numRuns: 60 },
    );
  });

  it('a property removed from an answer: the diff always calls it breaking; replay refuses the new answers when it was required', () => {
    fc.assert(
      fc.property(objectSchema, fc.nat(), fc.constantFrom(...POLICIES), (old, pick, closedSchemas) => {
        const names = Object.keys(old.properties);
        const removed = names[pick % names.length] ?? '';
        const { [removed]: _gone, ...kept } = old.properties;
        const next: Shape = { properties: kept, required: old.required.filter((name) => name !== removed), closed: old.closed };
        const changes = diffDocuments(document(schemaOf(old)), document(schemaOf(next)), { closedSchemas });
        expect(changes.find((change) => change.id === 'response-property-removed')?.level).toBe('error');
        const refused = answersOf(next).some((body) => replayRefuses(document(schemaOf(old)), body, closedSchemas));
        expect(refused).toBe(old.required.includes(removed));
      }),
      { numRuns: 60 },
    );
  });
});

/** A track API whose answer schema is closed; `extra` adds properties to it (and to the answers), `drop` takes one out of both. */
function trackApp(options: { extra?: Record<string, string>; drop?: 'title' } = {}): string {
  const properties: Record<string, unknown> = { id: { type: 'string' }, title: { type: 'string' } };
  const answer: Record<string, string> = { id: 'id', title: '`track ${id}`' };
  for (const [name, value] of Object.entries(options.extra ?? {})) {
    properties[name] = { type: 'string' };
    answer[name] = value;
  }
  if (options.drop !== undefined) {
    delete properties[options.drop];
    delete answer[options.drop];
  }
  const required = ['id', ...(options.drop === 'title' ? [] : ['title'])];
  return `import Fastify from 'fastify';

const Params = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^[a-z0-9]{1,8}$' } } } as const;
const Track = { type: 'object', required: ${JSON.stringify(required)}, properties: ${JSON.stringify(properties)}, additionalProperties: false } as const;

export function buildApp() {
  const app = Fastify();
  void app.register(async (instance) => {
    instance.get('/tracks/:id', { schema: { params: Params, response: { 200: Track } } }, async (request) => {
      const { id } = request.params as { id: string };
      return { ${Object.entries(answer).map(([name, value]) => `${name}: ${value}`).join(', ')} };
    });
  });
  return app;
}
`;
}

function config(closedSchemas?: string): string {
  const policy = closedSchemas === undefined ? '' : `, closedSchemas: ${JSON.stringify(closedSchemas)}`;
  return `export default { include: ['app.ts'], contracts: { app: './app.ts#buildApp', properties: { runs: 20 }${policy} } };\n`;
}

interface Project {
  root: string;
  write(file: string, text: string): void;
  commit(): void;
}

const projects: string[] = [];
afterAll(() => {
  for (const folder of projects) rmSync(folder, { recursive: true, force: true });
});

/** A git repository whose base commit serves `trackApp()` with its snapshot committed. */
async function project(closedSchemas?: string): Promise<Project> {
  const root = mkdtempSync(path.join(tmpdir(), 'npvguard-closed-schemas-'));
  projects.push(root);
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  const write = (file: string, text: string): void => writeFileSync(path.join(root, file), text);
  const git = (...args: string[]): void => {
    execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'commit.gpgsign=false', ...args], { cwd: root });
  };
  write('.gitignore', 'node_modules\n');
  write('npvguard.config.ts', config(closedSchemas));
  write('app.ts', trackApp());
  expect((await runCli(['contracts', 'update', '--cwd', root], { cwd: root })).code).toBe(0);
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-q', '-m', 'base');
  return {
    root,
    write,
    commit() {
      git('add', '.');
      git('commit', '-q', '-m', 'change');
    },
  };
}

/** Commits the change with its snapshot and checks it against the base: exit code and new findings by level. */
async function checkChange(repository: Project, app: string): Promise<{ code: number; errors: string[]; infos: string[]; stderr: string }> {
  repository.write('app.ts', app);
  expect((await runCli(['contracts', 'update', '--cwd', repository.root], { cwd: repository.root })).code).toBe(0);
  repository.commit();
  const run = await runCli(['check', '--only', 'contracts', '--base', 'HEAD~1', '--format', 'json', '--cwd', repository.root], { cwd: repository.root });
  const findings = (JSON.parse(run.stdout) as Result).findings.filter((finding) => finding.baseline === undefined);
  const of = (severity: string): string[] => [...new Set(findings.filter((finding) => finding.severity === severity).map((finding) => finding.ruleId))].sort();
  return { code: run.code, errors: of('error'), infos: of('info'), stderr: run.stderr };
}

describe('npvguard check --base with contracts.closedSchemas', { timeout: 60_000 }, () => {
  it('tolerant (the default): a property added to a closed answer and sent passes the diff and replay', async () => {
    const run = await checkChange(await project(), trackApp({ extra: { artworkUrl: "'https://cdn.example/a.png'" } }));
    expect(run).toEqual({ code: 0, errors: [], infos: ['contracts/response-property-added'], stderr: '' });
  });

  it('strict: the same change fails the diff and replay', async () => {
    const run = await checkChange(await project('strict'), trackApp({ extra: { artworkUrl: "'https://cdn.example/a.png'" } }));
    expect(run.errors).toEqual(['contracts/old-client-replay-failed', 'contracts/response-property-added-to-closed-schema']);
    expect(run.code).toBe(1);
  });

  it('a required property removed fails the diff and replay under both policies', async () => {
    for (const closedSchemas of ['tolerant', 'strict']) {
      const run = await checkChange(await project(closedSchemas), trackApp({ drop: 'title' }));
      expect(run.errors, closedSchemas).toEqual(['contracts/old-client-replay-failed', 'contracts/response-property-removed']);
      expect(run.code, closedSchemas).toBe(1);
    }
  });

  it('a policy that is neither tolerant nor strict is a config error: NPV1003, exit 2, no stack trace', async () => {
    const repository = await project();
    repository.write('npvguard.config.ts', config('lenient'));
    const run = await runCli(['check', '--only', 'contracts', '--cwd', repository.root], { cwd: repository.root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('NPV1003');
    expect(run.stderr).toContain('contracts.closedSchemas');
    expect(run.stderr).toContain('"tolerant", "strict"');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('npvguard contracts diff --closed-schemas', () => {
  it('defaults to tolerant; strict makes a property added to a closed answer breaking (exit 1); an unknown policy exits 2', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'npvguard-closed-diff-'));
    projects.push(folder);
    writeFileSync(path.join(folder, 'old.json'), JSON.stringify(document(item({ id: { type: 'string' } }, ['id']))));
    writeFileSync(path.join(folder, 'new.json'), JSON.stringify(document(item({ id: { type: 'string' }, title: { type: 'string' } }, ['id']))));
    const tolerant = await runCli(['contracts', 'diff', 'old.json', 'new.json', '--format', 'json'], { cwd: folder });
    expect((JSON.parse(tolerant.stdout) as Result).findings.map((finding) => `${finding.severity} ${finding.ruleId}`)).toEqual(['info contracts/response-property-added']);
    expect(tolerant.code).toBe(0);
    const strict = await runCli(['contracts', 'diff', 'old.json', 'new.json', '--closed-schemas', 'strict', '--format', 'json'], { cwd: folder });
    expect((JSON.parse(strict.stdout) as Result).findings.map((finding) => `${finding.severity} ${finding.ruleId}`)).toEqual(['error contracts/response-property-added-to-closed-schema']);
    expect(strict.code).toBe(1);
    const unknown = await runCli(['contracts', 'diff', 'old.json', 'new.json', '--closed-schemas', 'lenient'], { cwd: folder });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('lenient');
  });
});
