import { expect } from 'vitest';
import type { ClosedSchemasPolicy } from '@npvguard/core';
import { parse } from 'yaml';
import type { StabilityLevel } from '@npvguard/core';
import { changeKind } from '../../../src/checks/contracts/diff/catalogue.js';
import { diffDocuments } from '../../../src/checks/contracts/diff/diffDocuments.js';
import { KINDS_WITHOUT_WITNESS } from '../../../src/checks/contracts/diff/kinds/index.js';
import type { DocBlock, DocExample, DocExampleExecutor } from './page.js';
import { runProjectExample, type ProjectDefaults } from './project.js';

/** What a contracts project example starts from, unless it writes the file itself; the pages say so. */
export const CONTRACTS_PROJECT: ProjectDefaults = {
  files: {
    'npvguard.config.ts': "import { defineConfig } from 'npvguard';\n\nexport default defineConfig({\n  include: ['app.ts'],\n  contracts: { app: './app.ts#buildApp' },\n});\n",
  },
  check: ['check'],
  linkNodeModules: true,
};

interface ContractPair {
  where: 'paths' | 'request body' | 'query parameter' | 'header parameter' | 'response' | 'operation' | 'document';
  old: unknown;
  new: unknown;
  /** `contracts.closedSchemas` for the diff; absent: the default. */
  closedSchemas?: ClosedSchemasPolicy;
  /** The day of the diff (`--date`); absent: 2025-06-01, so examples with sunset dates give the same verdict every day. */
  date?: string;
  /** `contracts.lifecycle.minSunsetDays` for the diff; absent: the defaults. */
  minSunsetDays?: Partial<Record<StabilityLevel, number>>;
  /** Judge info.version against the changes (`--version-policy`). */
  versionPolicy?: boolean;
}

const EXAMPLE_DAY = '2025-06-01';

/**
 * An example's values placed in a whole document: the body of POST /items, the required query parameter q, the 200
 * answer, the `paths` object, the operation `GET /items`, or the document itself.
 */
function documentFor(where: ContractPair['where'], value: unknown): unknown {
  if (where === 'document') return value;
  const ok = { 200: { description: 'ok' } };
  const paths: Record<string, unknown> =
    where === 'operation'
      ? { '/items': { get: value } }
      : where === 'paths'
      ? (value as Record<string, unknown>)
      : where === 'request body'
        ? { '/items': { post: { requestBody: { required: true, content: { 'application/json': { schema: value } } }, responses: ok } } }
        : where === 'query parameter' || where === 'header parameter'
          ? { '/items': { get: { parameters: [{ name: where === 'query parameter' ? 'q' : 'x-q', in: where === 'query parameter' ? 'query' : 'header', required: true, schema: value }], responses: ok } } }
          : { '/items': { get: { responses: { 200: { description: 'ok', content: { 'application/json': { schema: value } } } } } } };
  return { openapi: '3.1.0', info: { title: 'example', version: '1' }, paths };
}

const PREFIX = 'contracts/';

/**
 * A ```yaml contract-example``` pair through the semantic diff. An incorrect pair must show its change at the
 * catalogue's level, with a witness when it breaks clients, and no other breaking change (safe companions may come).
 */
function runPair(block: DocBlock, example: DocExample, ruleId: string): string[] {
  const pair = parse(block.body) as ContractPair;
  const options = {
    date: pair.date ?? EXAMPLE_DAY,
    ...(pair.closedSchemas === undefined ? {} : { closedSchemas: pair.closedSchemas }),
    ...(pair.minSunsetDays === undefined ? {} : { minSunsetDays: pair.minSunsetDays }),
    ...(pair.versionPolicy === true ? { versionPolicy: true } : {}),
  };
  const changes = diffDocuments(documentFor(pair.where, pair.old), documentFor(pair.where, pair.new), options);
  if (example.kind === 'incorrect') {
    const kind = changeKind(ruleId.slice(PREFIX.length));
    const change = changes.find((candidate) => candidate.id === kind.id);
    expect(change?.level, `the level of ${kind.id}`).toBe(kind.level);
    // A broken lifecycle promise, or a request the API sends, has no exchange to show; every other break has one.
    if (kind.level === 'error' && !KINDS_WITHOUT_WITNESS.has(kind.id)) expect(change?.witness?.refusedBecause).toMatch(/contract/);
    // A version judged against breaking changes comes with them: those are the example's other errors.
    if (pair.versionPolicy !== true) expect(changes.filter((candidate) => candidate.level === 'error' && candidate.id !== kind.id)).toEqual([]);
  }
  return changes.map((change) => `${PREFIX}${change.id}`);
}

/**
 * A contracts example is either a pair of schemas for the semantic diff (```yaml contract-example```) or a project
 * (```ts file=app.ts``` and ```sh``` steps, see runProjectExample) checked with `npvguard check`.
 */
export const contractsExamples: DocExampleExecutor = {
  incorrect: 'includes',
  correct: 'not-this-rule',
  async run(example, ruleId) {
    const pairs = example.blocks.filter((block) => block.attributes.includes('contract-example'));
    if (pairs.length > 0) return pairs.flatMap((block) => runPair(block, example, ruleId));
    return runProjectExample(example, CONTRACTS_PROJECT);
  },
};
