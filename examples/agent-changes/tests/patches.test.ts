import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCases } from '../runner/cases.js';
import { applyPatch, createTemplate, removeTree } from '../runner/workspace.js';

const CATALOGUE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { cases } = loadCases(CATALOGUE);

let template: string;

beforeAll(async () => {
  template = await createTemplate();
}, 60_000);

afterAll(() => {
  if (template !== undefined) removeTree(template);
});

/** A change to the reference service that a case's patch depends on must update that case. */
describe('every patch applies to the current reference service', () => {
  it.each(cases.map((agentCase) => [agentCase.id, agentCase] as const))('%s', async (_id, agentCase) => {
    await expect(applyPatch(template, agentCase.patchFile, { check: true })).resolves.toBeUndefined();
  });
});
