import { describe, expect, it } from 'vitest';
import type { Result } from '@npvguard/core';
import { markdownReporter } from '../../src/report/markdown.js';
import { sarifReporter } from '../../src/report/sarif.js';
import { stylishReporter } from '../../src/report/stylish.js';
import { PLAIN, sampleFinding, sampleResult } from '../support/result.js';

const witness = {
  direction: 'old-accepts-new-rejects',
  request: { method: 'POST', path: '/v1/npv/cards', body: { limit: 50 } },
  refusedBecause: 'the new contract refuses it: request body: /limit must be <= 30',
};

function resultWithWitness(): Result {
  const finding = sampleFinding({
    ruleId: 'contracts/request-property-max-decreased',
    file: 'contracts/openapi.json',
    line: 40,
    message: 'POST /v1/npv/cards, request body limit: the maximum tightened: maximum 50 → maximum 30',
    hint: 'Make the change additive.',
    data: { change: 'request-property-max-decreased', witness },
  });
  return { ...sampleResult(), findings: [finding], checks: [{ id: 'contracts', status: 'fail', durationMs: 1 }] };
}

describe('contract witnesses in reports', () => {
  it('stylish prints the witness on its own indented line, under the message', () => {
    const lines = stylishReporter(resultWithWitness(), PLAIN).split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'contracts/openapi.json',
      '  40:1  error   POST /v1/npv/cards, request body limit: the maximum tightened: maximum 50 → maximum 30  contracts/request-property-max-decreased',
      '                witness: {"request":{"method":"POST","path":"/v1/npv/cards","body":{"limit":50}}} (the new contract refuses it: request body: /limit must be <= 30)',
      '                fix: Make the change additive.',
    ]);
  });

  it('markdown puts the witness in the message cell', () => {
    expect(markdownReporter(resultWithWitness(), PLAIN)).toContain(
      '<br>witness: `{"request":{"method":"POST","path":"/v1/npv/cards","body":{"limit":50}}} (the new contract refuses it: request body: /limit must be <= 30)`<br>fix: Make the change additive.',
    );
  });

  it('SARIF carries the witness in the result properties', () => {
    const log = JSON.parse(sarifReporter(resultWithWitness(), PLAIN)) as { runs: Array<{ results: Array<{ properties?: Record<string, unknown> }> }> };
    expect(log.runs[0]?.results[0]?.properties).toEqual({ witness });
  });
});
