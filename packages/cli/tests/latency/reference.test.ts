import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Result } from '@npvguard/core';
import { main } from '../../src/main.js';
import { analyzeLatency } from '../../src/checks/latency/index.js';
import { copyService, SERVICE, SERVICE_LATENCY, sourceFiles, type Edit } from './referenceCopy.js';

const copies: string[] = [];
afterAll(() => copies.forEach((folder) => fs.rmSync(folder, { recursive: true, force: true })));

function capture(): { stream: { write(text: string): boolean }; text(): string } {
  let text = '';
  return { stream: { write: (chunk: string) => ((text += chunk), true) }, text: () => text };
}

/** `npvguard check --only latency -f json` on a copy, in-process; exit code and result. */
async function checkCopy(edits: readonly Edit[]): Promise<{ exitCode: number; result: Result }> {
  const root = copyService(edits);
  copies.push(root);
  const stdout = capture();
  const stderr = capture();
  const exitCode = await main(['node', 'npvguard', 'check', '--cwd', root, '--only', 'latency', '-f', 'json'], {
    stdout: stdout.stream,
    stderr: stderr.stream,
    cwd: root,
    env: {},
  });
  expect(stderr.text()).toBe('');
  return { exitCode, result: JSON.parse(stdout.text()) as Result };
}

describe('the reference service', () => {
  it('is within budget: the cards route is bounded by 10 + 10 + 8 + 20 = 48 ms of stage timeouts', { timeout: 60_000 }, () => {
    const analysis = analyzeLatency({ root: SERVICE, files: sourceFiles(SERVICE), config: SERVICE_LATENCY });
    const cards = analysis.routes.find((route) => route.route === 'POST /v1/npv/cards');
    expect(cards).toMatchObject({ budgetMs: 50, staticBoundMs: 48, headroomMs: 2, verdict: 'within', file: 'src/server/routes/cardsRoute.ts' });
    expect(analysis.deadlineBudgetMs).toBe(45);
    expect(analysis.routes.map((route) => route.route)).toEqual(['GET /healthz', 'GET /metrics', 'GET /readyz', 'POST /v1/npv/cards']);
    // Only the two assumptions (five sources, three scorers): no error, no warning.
    expect(analysis.findings.map((finding) => `${finding.ruleId} ${finding.file}:${finding.line}`)).toEqual([
      'latency/assumed-implementation src/core/runner/gather.ts:52',
      'latency/assumed-implementation src/core/runner/score.ts:24',
    ]);
    const links = cards?.criticalPath.map((step) => `${step.file}:${step.line}`) ?? [];
    expect(links).toContain('src/pipeline/npvPipeline.ts:40');
    expect(links).toContain('src/components/scorers/modelScorer.ts:44');
  });
});

const BAD_CHANGES: { name: string; ruleId: string; file: string; edits: Edit[] }[] = [
  {
    name: 'sources awaited in a loop',
    ruleId: 'latency/static-budget-exceeded',
    file: 'src/server/routes/cardsRoute.ts',
    edits: [
      {
        file: 'src/core/runner/gather.ts',
        find: `  const [requestFeatures, ...perSource] = await Promise.all([
    hydrateRequest(definition, context, observer),
    ...definition.sources.map((stage) => runSource(stage, context, observer)),
  ]);`,
        replace: `  const requestFeatures = await hydrateRequest(definition, context, observer);
  const perSource: (readonly T['candidate'][])[] = [];
  for (const stage of definition.sources) {
    perSource.push(await runSource(stage, context, observer));
  }`,
      },
    ],
  },
  {
    name: 'model timeout raised past the budget',
    ruleId: 'latency/static-budget-exceeded',
    file: 'src/server/routes/cardsRoute.ts',
    edits: [{ file: 'src/config/env.ts', find: 'modelTimeoutMs: 20,', replace: 'modelTimeoutMs: 60,' }],
  },
  {
    name: 'AbortSignal removed from the model call',
    ruleId: 'latency/missing-timeout',
    file: 'src/clients/model/oipClient.ts',
    edits: [{ file: 'src/clients/model/oipClient.ts', find: `        body,\n        signal,\n`, replace: `        body,\n` }],
  },
  {
    name: 'exposure write awaited',
    ruleId: 'latency/awaited-side-effect',
    file: 'src/core/runner/runPipeline.ts',
    edits: [
      { file: 'src/core/runner/runPipeline.ts', find: '  fireSideEffects(definition, context, outcome, observer);', replace: '  await fireSideEffects(definition, context, outcome, observer);' },
      { file: 'src/core/runner/runPipeline.ts', find: 'function fireSideEffects<', replace: 'async function fireSideEffects<' },
      { file: 'src/core/runner/runPipeline.ts', find: '): void {\n  for (const sideEffect', replace: '): Promise<void> {\n  for (const sideEffect' },
      { file: 'src/core/runner/runPipeline.ts', find: '      sideEffect.fire(context, outcome);', replace: '      await sideEffect.fire(context, outcome);' },
    ],
  },
  {
    name: 'per-candidate feature fetch',
    ruleId: 'latency/per-item-io-in-loop',
    file: 'src/components/hydrators/candidateFeaturesHydrator.ts',
    edits: [
      {
        file: 'src/components/hydrators/candidateFeaturesHydrator.ts',
        find: `      const records = await featureStore.candidateFeatures(
        request.seedTrack.id,
        candidates.map((candidate) => candidate.entity),
        signal,
      );`,
        replace: `      const perCandidate = await Promise.all(
        candidates.map((candidate) => featureStore.candidateFeatures(request.seedTrack.id, [candidate.entity], signal)),
      );
      const records = perCandidate.flat();`,
      },
    ],
  },
  {
    name: 'a remote lookup awaited in the app\'s onRequest hook',
    ruleId: 'latency/static-budget-exceeded',
    file: 'src/server/routes/cardsRoute.ts',
    edits: [
      {
        file: 'src/server/app.ts',
        find: `    void reply.header('x-request-id', request.id);\n  });`,
        replace: `    void reply.header('x-request-id', request.id);\n    await fetch('http://127.0.0.1:8082/flags', { signal: AbortSignal.timeout(20) });\n  });`,
      },
    ],
  },
];

describe('latency bad changes applied to a copy of the reference service', () => {
  it.each(BAD_CHANGES)('$name → exit 1 with $ruleId', { timeout: 60_000 }, async ({ ruleId, file, edits }) => {
    const { exitCode, result } = await checkCopy(edits);
    expect(exitCode).toBe(1);
    const matching = result.findings.filter((finding) => finding.ruleId === ruleId);
    expect(matching.map((finding) => finding.file)).toContain(file);
  });

  it('the unchanged copy passes with exit 0 and shows each route next to its budget', { timeout: 60_000 }, async () => {
    const { exitCode, result } = await checkCopy([]);
    expect(exitCode).toBe(0);
    const routes = result.checks.find((run) => run.id === 'latency')?.data?.routes;
    expect(routes).toEqual(expect.arrayContaining([expect.objectContaining({ route: 'POST /v1/npv/cards', budgetMs: 50, staticBoundMs: 48 })]));
  });
});
