import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCases, type AgentCase } from '../runner/cases.js';
import { contractTouchingCases, judgeCase, JUDGES, type CaseJudgement, type Judge } from '../runner/contractJudges.js';
import { createTemplate, removeTree } from '../runner/workspace.js';

const CATALOGUE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Why a judge has nothing to say about a bad case's change; every other judge must fail it. */
type DoesNotJudge = Partial<Record<Judge, string>>;

const MODEL_CONTRACT = 'the change is to what the service sends the model or reads from it, judged by the model-contract check and lint; the HTTP contract and its answers are as they were';
const CONSISTENT_HEAD = 'the head answers as its own contract says; the change is between the two contracts';

/**
 * Every contract-touching case of the catalogue, with the judges that do not judge its change under the default
 * policy (`tolerant`) and why. A benign case has no row of reasons: every judge passes it. A new case that touches
 * the contract needs its row here, so a judge cannot silently stop agreeing.
 */
const TOLERANT: Record<string, DoesNotJudge | 'benign'> = {
  'benign-closed-schema-optional-field': 'benign',
  'benign-optional-model-version-field': 'benign',
  'blind-benign-snapshot-domain-error-code': 'benign',
  'blind-benign-snapshot-domain-limit-constant': 'benign',
  'blind-benign-snapshot-domain-market-enum': 'benign',
  'blind-benign-snapshot-domain-platform-enum': 'benign',
  'contract-closed-schema-field-removed': { properties: CONSISTENT_HEAD },
  'contract-drop-fallback-reason': {
    replay: 'fallbackReason was optional: an answer without it is one the base contract allowed',
    properties: CONSISTENT_HEAD,
  },
  'contract-feature-order-swapped': { diff: MODEL_CONTRACT, replay: MODEL_CONTRACT, properties: MODEL_CONTRACT },
  'contract-limit-required': {
    replay: 'old requests without limit are refused with 400, a status the base contract documents for refused requests',
    properties: CONSISTENT_HEAD,
  },
  'contract-model-outage-500': {
    diff: 'the contract document is unchanged: only the answers are',
    replay: 'replay fails the way the valid-request property does (a 5xx), and such a failure is the route\'s own, reported once by the property tests',
  },
  'contract-new-feature-not-in-model': { diff: MODEL_CONTRACT, replay: MODEL_CONTRACT, properties: MODEL_CONTRACT },
  'contract-oip-datatype-fp64': { diff: MODEL_CONTRACT, replay: MODEL_CONTRACT, properties: MODEL_CONTRACT },
  'contract-outputs-by-index': { diff: MODEL_CONTRACT, replay: MODEL_CONTRACT, properties: MODEL_CONTRACT },
  'contract-rename-score-source': { properties: CONSISTENT_HEAD },
  'contract-score-as-percent': { properties: CONSISTENT_HEAD },
  'contract-track-id-pattern': {
    replay: 'old requests with track ids outside the new pattern are refused with 400, a status the base contract documents for refused requests',
  },
  'contract-undeclared-response-field': {
    diff: 'the contract document is unchanged: the field is not declared',
    replay: 'replay does not look for undeclared properties, and fastify\'s serializer drops the field from what old clients get',
  },
};

/**
 * Under `closedSchemas: 'strict'`, the cases whose change adds or removes an answer property: adding one to a closed
 * schema breaks strict clients, so the benign additions become breaking, and removals stay breaking.
 */
const STRICT: Record<string, DoesNotJudge> = {
  'benign-closed-schema-optional-field': { properties: CONSISTENT_HEAD },
  'benign-optional-model-version-field': {
    replay: 'modelVersion is sent only with answers the model scored, and the property tests\' app has no model server',
    properties: CONSISTENT_HEAD,
  },
  'contract-closed-schema-field-removed': { properties: CONSISTENT_HEAD },
  'contract-drop-fallback-reason': { replay: 'fallbackReason was optional: an answer without it is one the base contract allowed', properties: CONSISTENT_HEAD },
};

const { cases } = loadCases(CATALOGUE);
const selected = contractTouchingCases(cases);
const byId = new Map(cases.map((agentCase) => [agentCase.id, agentCase]));

/** The judges' verdicts on one run, in the shape the tables above give them. */
function observed(judgement: CaseJudgement): Record<Judge, 'fails' | 'passes'> {
  return Object.fromEntries(JUDGES.map((judge) => [judge, judgement.verdicts[judge].fails ? 'fails' : 'passes'])) as Record<Judge, 'fails' | 'passes'>;
}

function expected(row: DoesNotJudge | 'benign'): Record<Judge, 'fails' | 'passes'> {
  return Object.fromEntries(JUDGES.map((judge) => [judge, row === 'benign' || row[judge] !== undefined ? 'passes' : 'fails'])) as Record<Judge, 'fails' | 'passes'>;
}

/** Runs the cases two at a time (each run is mostly a child process waiting on the app): the test stays within minutes. */
async function judgeAll(entries: ReadonlyArray<[AgentCase, 'tolerant' | 'strict' | undefined]>, template: string): Promise<CaseJudgement[]> {
  const results: CaseJudgement[] = new Array<CaseJudgement>(entries.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < entries.length) {
      const index = next;
      next += 1;
      const [agentCase, closedSchemas] = entries[index] ?? [];
      if (agentCase === undefined) continue;
      results[index] = await judgeCase(agentCase, template, closedSchemas === undefined ? {} : { closedSchemas });
    }
  };
  await Promise.all([worker(), worker()]);
  return results;
}

let template: string;
let tolerant: Map<string, CaseJudgement>;
let strict: Map<string, CaseJudgement>;

beforeAll(async () => {
  template = await createTemplate();
  const runs: Array<[AgentCase, 'tolerant' | 'strict' | undefined]> = [
    ...selected.map((agentCase): [AgentCase, undefined] => [agentCase, undefined]),
    ...Object.keys(STRICT).flatMap((id): Array<[AgentCase, 'strict']> => {
      const agentCase = byId.get(id);
      return agentCase === undefined ? [] : [[agentCase, 'strict']];
    }),
  ];
  const results = await judgeAll(runs, template);
  tolerant = new Map(results.slice(0, selected.length).map((judgement) => [judgement.id, judgement]));
  strict = new Map(results.slice(selected.length).map((judgement) => [judgement.id, judgement]));
}, 1_200_000);

afterAll(() => {
  if (template !== undefined) removeTree(template);
});

describe('the semantic diff, old-client replay and the property tests agree on every contract change of the catalogue', () => {
  it('classifies every contract-touching case, and only those', () => {
    expect(selected.map((agentCase) => agentCase.id).sort()).toEqual(Object.keys(TOLERANT).sort());
    for (const [id, row] of Object.entries(TOLERANT)) expect(row === 'benign', id).toBe(byId.get(id)?.kind === 'benign');
    for (const id of Object.keys(STRICT)) expect(byId.has(id), id).toBe(true);
  });

  it.each(Object.keys(TOLERANT))('%s (closedSchemas tolerant, the default): every judge that judges the change agrees', (id) => {
    const judgement = tolerant.get(id);
    const row = TOLERANT[id];
    if (judgement === undefined || row === undefined) throw new Error(`${id} was not judged`);
    expect(judgement.error, 'a run that writes to stderr').toBeUndefined();
    expect({ id, ...observed(judgement) }).toEqual({ id, ...expected(row) });
    if (row === 'benign') expect(judgement.exitCode).toBe(0);
    // The diff has nothing to judge only when the contract document is as it was.
    if (row !== 'benign' && row.diff !== undefined) expect(judgement.contractChanges).toBe(0);
  });

  it.each(Object.keys(STRICT))('%s (closedSchemas strict): every judge that judges the change fails it', (id) => {
    const judgement = strict.get(id);
    const row = STRICT[id];
    if (judgement === undefined || row === undefined) throw new Error(`${id} was not judged`);
    expect(judgement.error, 'a run that writes to stderr').toBeUndefined();
    expect({ id, ...observed(judgement) }).toEqual({ id, ...expected(row) });
    expect(judgement.exitCode).toBe(1);
  });

  it('a property added to a closed answer schema is additive when tolerant and breaking when strict, by the diff and replay alike', () => {
    const id = 'benign-closed-schema-optional-field';
    expect(tolerant.get(id)?.verdicts).toEqual({ diff: { fails: false, errors: [] }, replay: { fails: false, errors: [] }, properties: { fails: false, errors: [] } });
    expect(strict.get(id)?.verdicts).toEqual({
      diff: { fails: true, errors: ['contracts/response-property-added-to-closed-schema'] },
      replay: { fails: true, errors: ['contracts/old-client-replay-failed'] },
      properties: { fails: false, errors: [] },
    });
  });
});
