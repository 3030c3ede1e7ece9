/**
 * Mutations of valid OpenAPI documents for the property test of `contracts diff` (and its bench): each mutation
 * picks a place in the document by index (modulo what exists), so one arbitrary fits every seed document.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { isNpvError } from '@npvguard/core';
import { stringify } from 'yaml';
import { parseSourceText } from '../../src/checks/contracts/load/sourceText.js';
import { compareApiDocuments } from '../../src/commands/contractsDiff.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');

/** The valid documents mutations start from; `external` is a folder whose root `api.yaml` refers to other files. */
export const SEEDS = [
  { name: 'store-3.0.yaml', folder: 'specs', root: 'store-3.0.yaml' },
  { name: 'catalog-3.1.json', folder: 'specs', root: 'catalog-3.1.json' },
  { name: 'feed-3.1.yaml', folder: 'specs', root: 'feed-3.1.yaml' },
  { name: 'accounts-3.0.json', folder: 'specs', root: 'accounts-3.0.json' },
  { name: 'external', folder: 'external', root: 'api.yaml' },
] as const;

const EXTERNAL_FILES = ['api.yaml', 'paths/pets.yaml', 'schemas/pet.yaml', 'schemas/tree.yaml', 'schemas/branch.json', 'common/errors.json'];

/** Values of every JSON type, the wrong type for most places. */
const OTHER_VALUES: unknown[] = [0, -1, 3.5, 1e308, '', 'int', 'x-y', [], [1, 'a'], [null], null, {}, { type: 'int' }, { $ref: '#/nope' }, true, false];
const BAD_TYPES: unknown[] = ['int', 'str', 'Integer', ['string', 'int'], [], 5, null, { type: 'string' }, ['null']];
const BAD_REFERENCES = ['#/components/schemas/Nope', '#/paths', '#/info/title', '#', '#foo', '#/a~2b', '#/%E0%A4%A', './missing.yaml', './missing.yaml#/X', 'http://example.com/pet.json', 'urn:x:y', '', '#/components/schemas/Pet/properties'];
const KEYWORDS = ['type', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'pattern', 'items', 'properties', 'required', 'enum', 'const', 'nullable', 'oneOf', 'anyOf', 'allOf', 'not', 'additionalProperties', 'format', 'default', 'minItems', 'maxItems', 'uniqueItems', 'multipleOf', '$ref', 'discriminator', 'in', 'name', 'schema', 'content', 'responses', 'parameters', 'requestBody', 'description', 'deprecated', 'x-extra'];
const KEYWORD_VALUES: unknown[] = [...OTHER_VALUES, '(', '[a-', '^[a-z]+$', 2, 0.5, -3, ['a', 'a'], ['string', 'null'], { type: 'string' }, [{ type: 'integer' }, { $ref: '#/components/schemas/Nope' }], 'query', 'path', 'cookie'];

export type Mutation =
  | { kind: 'delete'; at: number; key: number }
  | { kind: 'replace'; at: number; key: number; value: unknown }
  | { kind: 'rename'; at: number; key: number; name: string }
  | { kind: 'duplicate'; at: number }
  | { kind: 'clear'; at: number }
  | { kind: 'swap-reference'; at: number; target: number | string }
  | { kind: 'bad-type'; at: number; value: unknown }
  | { kind: 'add-keyword'; at: number; name: string; value: unknown }
  | { kind: 'number'; at: number; value: number };

const index = fc.nat({ max: 100_000 });

export const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: index, key: index }),
  fc.record({ kind: fc.constant('replace' as const), at: index, key: index, value: fc.constantFrom(...OTHER_VALUES) }),
  fc.record({ kind: fc.constant('rename' as const), at: index, key: index, name: fc.oneof(fc.constantFrom(...KEYWORDS), fc.string({ maxLength: 6 })) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: index }),
  fc.record({ kind: fc.constant('clear' as const), at: index }),
  fc.record({ kind: fc.constant('swap-reference' as const), at: index, target: fc.oneof(index, fc.constantFrom(...BAD_REFERENCES)) }),
  fc.record({ kind: fc.constant('bad-type' as const), at: index, value: fc.constantFrom(...BAD_TYPES) }),
  fc.record({ kind: fc.constant('add-keyword' as const), at: index, name: fc.constantFrom(...KEYWORDS), value: fc.constantFrom(...KEYWORD_VALUES) }),
  fc.record({ kind: fc.constant('number' as const), at: index, value: fc.oneof(fc.integer({ min: -5, max: 200 }), fc.double({ noNaN: true, noDefaultInfinity: true })) }),
);

type Container = Record<string, unknown> | unknown[];

interface Node {
  value: Container;
  pointer: string[];
}

function containers(root: unknown): Node[] {
  const found: Node[] = [];
  const walk = (value: unknown, pointer: string[]) => {
    if (typeof value !== 'object' || value === null) return;
    found.push({ value: value as Container, pointer });
    for (const [key, child] of Object.entries(value)) walk(child, [...pointer, key]);
  };
  walk(root, []);
  return found;
}

const pick = <T>(list: readonly T[], at: number): T | undefined => (list.length === 0 ? undefined : list[at % list.length]);

const pointerOf = (segments: readonly string[]) => (segments.length === 0 ? '#' : `#/${segments.map((segment) => segment.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`);

/** Applies one mutation to `document` in place (an index that finds nothing fitting leaves it as it is). */
export function applyMutation(document: unknown, mutation: Mutation): void {
  const nodes = containers(document);
  const node = pick(nodes, mutation.at);
  if (node === undefined) return;
  const target = node.value;
  const keys = Object.keys(target);
  switch (mutation.kind) {
    case 'delete': {
      const key = pick(keys, mutation.key);
      if (key === undefined) return;
      if (Array.isArray(target)) target.splice(Number(key), 1);
      else delete target[key];
      return;
    }
    case 'replace': {
      const key = pick(keys, mutation.key);
      if (key !== undefined) (target as Record<string, unknown>)[key] = structuredClone(mutation.value);
      return;
    }
    case 'rename': {
      const key = pick(keys, mutation.key);
      if (key === undefined || Array.isArray(target)) return;
      const value = target[key];
      delete target[key];
      target[mutation.name] = value;
      return;
    }
    case 'duplicate':
      if (Array.isArray(target) && target.length > 0) target.push(structuredClone(target[0]));
      else if (!Array.isArray(target) && keys.length > 0) target[`${keys[0] ?? ''}2`] = structuredClone(target[keys[0] ?? '']);
      return;
    case 'clear':
      if (Array.isArray(target)) target.length = 0;
      else for (const key of keys) delete target[key];
      return;
    case 'swap-reference': {
      const holders = nodes.filter((candidate) => !Array.isArray(candidate.value) && typeof candidate.value['$ref'] === 'string');
      const holder = pick(holders, mutation.at);
      if (holder === undefined) return;
      const references = holders.map((candidate) => (candidate.value as Record<string, unknown>)['$ref'] as string);
      const anywhere = nodes.map((candidate) => pointerOf(candidate.pointer));
      (holder.value as Record<string, unknown>)['$ref'] = typeof mutation.target === 'string' ? mutation.target : (pick([...references, ...anywhere], mutation.target) ?? '#');
      return;
    }
    case 'bad-type': {
      const typed = nodes.filter((candidate) => !Array.isArray(candidate.value) && 'type' in candidate.value);
      const holder = pick(typed, mutation.at) ?? node;
      if (!Array.isArray(holder.value)) holder.value['type'] = structuredClone(mutation.value);
      return;
    }
    case 'add-keyword':
      if (!Array.isArray(target)) target[mutation.name] = structuredClone(mutation.value);
      return;
    case 'number': {
      // A number somewhere (a bound, a length, a default): the document mostly stays valid, and the diff has work.
      const numbered = nodes.flatMap((candidate) => Object.entries(candidate.value).filter(([, value]) => typeof value === 'number').map(([key]) => ({ holder: candidate.value, key })));
      const place = pick(numbered, mutation.at);
      if (place !== undefined) (place.holder as Record<string, unknown>)[place.key] = mutation.value;
      return;
    }
  }
}

/** One run: a seed, mutations for the old and the new side, the file of the seed they apply to, YAML or JSON output. */
export interface MutationCase {
  seed: number;
  oldMutations: Mutation[];
  newMutations: Mutation[];
  file: number;
  asYaml: boolean;
}

export const mutationCaseArbitrary: fc.Arbitrary<MutationCase> = fc.record({
  seed: fc.nat({ max: SEEDS.length - 1 }),
  oldMutations: fc.array(mutationArbitrary, { maxLength: 1 }),
  newMutations: fc.array(mutationArbitrary, { minLength: 1, maxLength: 3 }),
  file: fc.nat({ max: EXTERNAL_FILES.length - 1 }),
  asYaml: fc.boolean(),
});

export type Outcome = { kind: 'result'; changes: number } | { kind: 'coded'; code: string; message: string } | { kind: 'internal'; error: unknown };

async function writeSide(folder: string, mutations: readonly Mutation[], testCase: MutationCase): Promise<string> {
  const seed = SEEDS[testCase.seed] ?? SEEDS[0];
  cpSync(path.join(FIXTURES, seed.folder), folder, { recursive: true });
  const file = seed.name === 'external' ? (EXTERNAL_FILES[testCase.file] ?? seed.root) : seed.root;
  const target = path.join(folder, file);
  const text = readFileSync(target, 'utf8');
  const document = (await parseSourceText(text, file)).value;
  for (const mutation of mutations) applyMutation(document, mutation);
  writeFileSync(target, testCase.asYaml && !file.endsWith('.json') ? stringify(document, { aliasDuplicateObjects: false }) : JSON.stringify(document, null, 2));
  return path.join(folder, seed.root);
}

/**
 * Writes the old and new side of a case to a temp folder and runs what `contracts diff` runs on them (read,
 * resolve, validate, diff): a list of changes, a coded error, or anything else (a bug).
 */
export async function runMutationCase(testCase: MutationCase): Promise<Outcome> {
  const folder = mkdtempSync(path.join(tmpdir(), 'npvguard-mutation-'));
  try {
    const oldRoot = await writeSide(path.join(folder, 'old'), testCase.oldMutations, testCase);
    const newRoot = await writeSide(path.join(folder, 'new'), testCase.newMutations, testCase);
    const comparison = await compareApiDocuments(oldRoot, newRoot, folder);
    return { kind: 'result', changes: comparison.changes.length };
  } catch (error) {
    if (isNpvError(error) && error.code !== 'NPV9001') return { kind: 'coded', code: error.code, message: error.message };
    return { kind: 'internal', error };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
