import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '@npvguard/core';
import { runCli } from '../support/cli.js';
import { copyService, type ServiceRepository } from './serviceCopy.js';

/** Each change is committed on a branch from the clean commit and checked with --base HEAD~1. */
const SCENARIOS: ReadonlyArray<{ name: string; edits: ReadonlyArray<[string, string, string]>; expected: readonly string[] }> = [
  {
    name: 'removing subtitle from the response schema',
    edits: [['src/server/schemas/cardsSchemas.ts', '    subtitle: Type.Optional(Type.String()),\n', '']],
    expected: ['contracts/response-property-removed'],
  },
  {
    name: 'lowering the maximum limit from 50 to 30',
    edits: [['src/server/schemas/cardsSchemas.ts', 'maximum: MAX_CARD_LIMIT, default', 'maximum: 30, default']],
    expected: ['contracts/request-property-max-decreased'],
  },
  {
    name: 'adding a required request field',
    edits: [['src/server/schemas/cardsSchemas.ts', '    platform: Type.Enum(PLATFORMS),\n', '    platform: Type.Enum(PLATFORMS),\n    locale: Type.String({ minLength: 2 }),\n']],
    expected: ['contracts/new-required-request-property'],
  },
  {
    name: 'changing the OIP input datatype',
    edits: [['src/clients/model/featureSpec.ts', "export const TENSOR_DATATYPE = 'FP32';", "export const TENSOR_DATATYPE = 'FP64';"]],
    expected: ['model-contract/datatype-mismatch'],
  },
  {
    name: 'changing the feature order',
    edits: [
      [
        'src/clients/model/featureSpec.ts',
        "  { name: 'popularity', read: (row) => row.popularity },\n  { name: 'artist_affinity', read: (row) => row.artistAffinity },\n",
        "  { name: 'artist_affinity', read: (row) => row.artistAffinity },\n  { name: 'popularity', read: (row) => row.popularity },\n",
      ],
    ],
    expected: ['model-contract/feature-order-changed'],
  },
];

const REFACTORS: ReadonlyArray<{ name: string; edits: ReadonlyArray<[string, string, string]> }> = [
  {
    name: 're-ordering schema keys',
    edits: [
      [
        'src/server/schemas/cardsSchemas.ts',
        '    listenerId: Type.String({ minLength: 1, maxLength: MAX_LISTENER_ID_LENGTH }),\n    trackId: Type.String({ minLength: 1, maxLength: 64 }),\n',
        '    trackId: Type.String({ maxLength: 64, minLength: 1 }),\n    listenerId: Type.String({ maxLength: MAX_LISTENER_ID_LENGTH, minLength: 1 }),\n',
      ],
    ],
  },
  {
    name: 'moving the inline card schema to a shared $ref',
    edits: [
      ['src/server/schemas/cardsSchemas.ts', "  { additionalProperties: false },\n);\n\nexport const CardsResponse", "  { additionalProperties: false, $id: 'Card' },\n);\n\nexport const CardsResponse"],
      ['src/server/schemas/cardsSchemas.ts', 'cards: Type.Array(CardSchema, {', "cards: Type.Array(Type.Ref('Card'), {"],
      ['src/server/app.ts', '  registerErrorHandling(app);\n', '  registerErrorHandling(app);\n  app.addSchema(CardSchema);\n'],
      ['src/server/app.ts', "import { registerErrorHandling } from './errorHandling.js';\n", "import { registerErrorHandling } from './errorHandling.js';\nimport { CardSchema } from './schemas/cardsSchemas.js';\n"],
    ],
  },
];

let repository: ServiceRepository;

beforeAll(() => {
  repository = copyService({ propertyRuns: 3 });
});

afterAll(() => {
  repository.remove();
});

async function checkChange(edits: ReadonlyArray<[string, string, string]>, name: string): Promise<{ code: number; result: Result; stderr: string }> {
  repository.git('checkout', '-q', '-B', `change-${name.replace(/[^a-z]+/g, '-')}`, 'main');
  for (const [file, from, to] of edits) repository.edit(file, from, to);
  repository.commitAll(name);
  const run = await runCli(['check', '--only', 'contracts,model-contract', '--base', 'HEAD~1', '--format', 'json', '--cwd', repository.root], { cwd: repository.root });
  return { code: run.code, result: JSON.parse(run.stdout) as Result, stderr: run.stderr };
}

// Each test runs the real bin on a copy of the service (app boot, property runs): room for a busy machine; a test
// that times out leaves its run going beside the next one, which then sees a changed copy.
describe('contracts on the reference service, each change committed on a clean base', { timeout: 120_000 }, () => {
  it('the clean service passes: snapshot in sync, properties hold, model contract matches', async () => {
    const run = await runCli(['check', '--only', 'contracts,model-contract', '--format', 'json', '--cwd', repository.root], { cwd: repository.root });
    const result = JSON.parse(run.stdout) as Result;
    expect(run.stderr).toBe('');
    expect(result.findings.filter((finding) => finding.severity !== 'info')).toEqual([]);
    expect(run.code).toBe(0);
  });

  for (const scenario of SCENARIOS) {
    it(`${scenario.name} exits 1 with ${scenario.expected.join(', ')}`, async () => {
      const { code, result, stderr } = await checkChange(scenario.edits, scenario.name);
      expect(stderr).toBe('');
      const newErrors = result.findings.filter((finding) => finding.baseline === undefined && finding.severity === 'error').map((finding) => finding.ruleId);
      for (const id of scenario.expected) expect(newErrors).toContain(id);
      expect(code).toBe(1);
    });
  }

  it('a breaking change carries a witness confirmed against both contracts', async () => {
    const { result } = await checkChange(SCENARIOS[1]?.edits ?? [], 'witness');
    const finding = result.findings.find((candidate) => candidate.ruleId === 'contracts/request-property-max-decreased');
    expect(finding?.file).toBe('contracts/openapi.json');
    const witness = finding?.data?.['witness'] as { request: { method: string; path: string; body: { limit: number } }; refusedBecause: string };
    expect(witness.request.method).toBe('POST');
    expect(witness.request.path).toBe('/v1/npv/cards');
    expect(witness.request.body.limit).toBeGreaterThan(30);
    expect(witness.request.body.limit).toBeLessThanOrEqual(50);
    expect(witness.refusedBecause).toContain('/limit must be <= 30');
  });

  it('an acknowledged breaking change passes, and the acknowledgement it adds is a warning for the reviewer', async () => {
    repository.git('checkout', '-q', '-B', 'acknowledged', 'main');
    for (const [file, from, to] of SCENARIOS[0]?.edits ?? []) repository.edit(file, from, to);
    // The code stops filling it too: a field the handler still returned would be an undeclared property.
    repository.edit('src/domain/cards.ts', '    ...(candidate.subtitle === undefined ? {} : { subtitle: candidate.subtitle }),\n', '');
    const reason = 'subtitle was never filled; the app team confirmed no client reads it';
    repository.edit('contracts/changes.json', '"acknowledged": []', `"acknowledged": [{ "id": "response-property-removed", "method": "POST", "path": "/v1/npv/cards", "reason": "${reason}" }]`);
    const update = await runCli(['contracts', 'update', '--cwd', repository.root], { cwd: repository.root });
    expect(update.code).toBe(0);
    repository.commitAll('remove subtitle, acknowledged');
    const run = await runCli(['check', '--only', 'contracts', '--base', 'HEAD~1', '--format', 'json', '--cwd', repository.root], { cwd: repository.root });
    const result = JSON.parse(run.stdout) as Result;
    const removed = result.findings.find((finding) => finding.ruleId === 'contracts/response-property-removed');
    expect(removed?.severity).toBe('info');
    expect(removed?.data?.['acknowledged']).toBe(reason);
    const acknowledged = result.findings.filter((finding) => finding.ruleId === 'contracts/breaking-change-acknowledged');
    expect(acknowledged.map((finding) => [finding.severity, finding.file, finding.message])).toEqual([
      ['warning', 'contracts/changes.json', `This change acknowledges the breaking change response-property-removed on POST /v1/npv/cards: ${reason}`],
    ]);
    expect(result.findings.filter((finding) => finding.severity === 'error')).toEqual([]);
    expect(run.code).toBe(0);
  });

  for (const refactor of REFACTORS) {
    it(`${refactor.name} exits 0 with no breaking finding and no drift`, async () => {
      const { code, result, stderr } = await checkChange(refactor.edits, refactor.name);
      expect(stderr).toBe('');
      expect(result.findings.filter((finding) => finding.severity !== 'info')).toEqual([]);
      expect(code).toBe(0);
    });
  }
});
