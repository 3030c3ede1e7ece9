import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { contractsMeta } from '../../src/checks/contracts/meta.js';
import { modelContractMeta } from '../../src/checks/model-contract/meta.js';
import { CHANGE_KINDS } from '../../src/checks/contracts/diff/catalogue.js';
import { diffDocuments } from '../../src/checks/contracts/diff/diffDocuments.js';
import { compareModelContract } from '../../src/checks/model-contract/compare.js';
import { readModelSpec } from '../../src/checks/model-contract/spec.js';
import { REPO_ROOT } from '../support/cli.js';

const doc = readFileSync(path.join(REPO_ROOT, 'docs', 'checks', 'contracts.md'), 'utf8');

/** `### \`id\`` sections of the doc with their fenced blocks of one kind. */
function sections(kind: string): Array<{ id: string; blocks: string[] }> {
  return doc
    .split(/^### /m)
    .slice(1)
    .map((section) => ({
      id: /^`([^`]+)`/.exec(section)?.[1] ?? '',
      blocks: [...section.matchAll(new RegExp(`\`\`\`(?:yaml|json) ${kind}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((match) => match[1] ?? ''),
    }));
}

/** An example's schemas placed in a whole document: request body, required query parameter q, the 200 answer, or paths. */
function documentFor(where: string, value: unknown): unknown {
  const ok = { 200: { description: 'ok' } };
  const paths: Record<string, unknown> =
    where === 'paths'
      ? (value as Record<string, unknown>)
      : where === 'request body'
        ? { '/items': { post: { requestBody: { required: true, content: { 'application/json': { schema: value } } }, responses: ok } } }
        : where === 'query parameter'
          ? { '/items': { get: { parameters: [{ name: 'q', in: 'query', required: true, schema: value }], responses: ok } } }
          : { '/items': { get: { responses: { 200: { description: 'ok', content: { 'application/json': { schema: value } } } } } } };
  return { openapi: '3.1.0', info: { title: 'example', version: '1' }, paths };
}

describe('docs/checks/contracts.md', () => {
  it('has a section for every rule the check declares, reachable from its docs URL', () => {
    const headings = sections('none').map((section) => section.id);
    for (const rule of [...contractsMeta.rules, ...modelContractMeta.rules]) {
      expect(headings).toContain(rule.id.startsWith('contracts/') && CHANGE_KINDS.some((kind) => `contracts/${kind.id}` === rule.id) ? rule.id.slice('contracts/'.length) : rule.id);
    }
    for (const rule of modelContractMeta.rules) {
      expect(doc).toContain(`<a id="${rule.id.replace('/', '-')}"></a>`);
    }
  });

  const examples = sections('contract-example');
  for (const kind of CHANGE_KINDS) {
    it(`the example pair of ${kind.id} produces exactly that id at level ${kind.level}${kind.level === 'error' ? ', with a witness' : ''}`, () => {
      const section = examples.find((candidate) => candidate.id === kind.id);
      expect(section?.blocks).toHaveLength(1);
      const example = parse(section?.blocks[0] ?? '') as { where: string; old: unknown; new: unknown };
      const changes = diffDocuments(documentFor(example.where, example.old), documentFor(example.where, example.new));
      const change = changes.find((candidate) => candidate.id === kind.id);
      expect(change?.level).toBe(kind.level);
      if (kind.level === 'error') expect(change?.witness?.refusedBecause).toMatch(/contract/);
      // The pair shows one change; safe companions (an info) may come along, never another breaking one.
      expect(changes.filter((candidate) => candidate.level === 'error' && candidate.id !== kind.id)).toEqual([]);
    });
  }

  it('the model contract examples produce their rule', () => {
    const models = sections('model-example');
    const withExamples = models.filter((section) => section.blocks.length > 0);
    expect(withExamples.map((section) => section.id)).toHaveLength(8);
    for (const section of withExamples) {
      const example = JSON.parse(section.blocks[0] ?? '') as { spec: unknown; metadata: unknown };
      const rules = compareModelContract(readModelSpec(example.spec, 'doc', 'npv-ranker'), example.metadata).map((mismatch) => `model-contract/${mismatch.rule}`);
      expect(rules).toContain(section.id);
    }
  });
});
