import { describe, expect, it } from 'vitest';
import { jsonReporter } from '../../src/report/json.js';
import { RESULT_SCHEMA_FILE, compileSchema } from '../support/schema.js';
import { fixture, runCli } from '../support/cli.js';
import { PLAIN, sampleResult } from '../support/result.js';

const validateResult = compileSchema(RESULT_SCHEMA_FILE);

function expectValidResult(value: unknown): void {
  const valid = validateResult(value);
  expect(validateResult.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
}

describe('the JSON result and docs/result.schema.json', () => {
  it('prints the result object itself', () => {
    expect(JSON.parse(jsonReporter(sampleResult(), PLAIN))).toEqual(sampleResult());
  });

  it('validates real --format json output of a failing run', async () => {
    const run = await runCli(['check', '--format', 'json'], { cwd: fixture('violation') });
    expect(run.code).toBe(1);
    const result: unknown = JSON.parse(run.stdout);
    expectValidResult(result);
    expect(result).toMatchObject({ schemaVersion: 1, status: 'fail', summary: { errors: 1, warnings: 1 } });
  });

  it('validates real output of a run where a check could not run', async () => {
    const run = await runCli(['check', '--format', 'json'], { cwd: fixture('missing-tsconfig') });
    expect(run.code).toBe(2);
    const result: unknown = JSON.parse(run.stdout);
    expectValidResult(result);
    expect(result).toMatchObject({ status: 'error', checks: expect.arrayContaining([expect.objectContaining({ id: 'boundaries', status: 'error', error: expect.objectContaining({ code: 'NPV2002' }) })]) });
  });

  it('validates a result with baseline findings and skipped checks', () => {
    expectValidResult(sampleResult());
  });

  it('rejects results that break the contract (the schema is not vacuous)', () => {
    const missingFingerprint = sampleResult();
    const [first] = missingFingerprint.findings;
    if (first !== undefined) Reflect.deleteProperty(first, 'fingerprint');
    expect(validateResult(missingFingerprint)).toBe(false);
    expect(validateResult({ ...sampleResult(), status: 'maybe' })).toBe(false);
    expect(validateResult({ ...sampleResult(), extra: true })).toBe(false);
    const absolute = sampleResult();
    if (absolute.findings[0] !== undefined) absolute.findings[0].file = '/abs/path.ts';
    expect(validateResult(absolute)).toBe(false);
    const erroredWithoutError = sampleResult();
    erroredWithoutError.checks[1] = { id: 'contracts', status: 'error', durationMs: 1 };
    expect(validateResult(erroredWithoutError)).toBe(false);
  });
});
