import { docsUrlFor, fingerprint, summarize, type Finding, type Result, type RuleMeta } from '@npvguard/core';
import type { ReporterOptions } from '../../src/report/reporter.js';

export function sampleFinding(overrides: Partial<Finding> = {}): Finding {
  const ruleId = overrides.ruleId ?? 'boundaries/forbidden-import';
  const file = overrides.file ?? 'src/core/doubled.ts';
  return {
    ruleId,
    check: ruleId.split('/')[0] ?? ruleId,
    severity: 'error',
    file,
    line: 2,
    column: 1,
    message: 'src/core/doubled.ts imports src/server/port.ts (layer server).',
    hint: 'Take the port as a parameter.',
    docsUrl: docsUrlFor(ruleId),
    fingerprint: fingerprint(ruleId, file, ['port']),
    ...overrides,
  };
}

export const SAMPLE_RULES: RuleMeta[] = [
  { id: 'boundaries/forbidden-import', description: 'A forbidden import.', defaultSeverity: 'error' },
  { id: 'boundaries/private-import', description: 'An import past an entry point.', defaultSeverity: 'error' },
  { id: 'baseline/stale-entry', description: 'A stale baseline entry.', defaultSeverity: 'info' },
];

export const PLAIN: ReporterOptions = { color: false, rules: SAMPLE_RULES, pathPrefix: '' };

/** A result with a new error, a new warning, a baseline finding, a stale-entry info and an errored check. */
export function sampleResult(): Result {
  const findings: Finding[] = [
    sampleFinding({ endLine: 2, endColumn: 42 }),
    sampleFinding({ ruleId: 'boundaries/private-import', severity: 'warning', file: 'src/server/handler.ts', line: 1, message: 'Imports a private file, of core.' }),
    sampleFinding({ file: 'src/old.ts', line: 9, baseline: 'base', fingerprint: fingerprint('boundaries/forbidden-import', 'src/old.ts', ['x']) }),
    sampleFinding({ ruleId: 'baseline/stale-entry', check: 'baseline', severity: 'info', file: 'npvguard.baseline.json', line: 4, message: 'No longer occurs.' }),
  ];
  return {
    schemaVersion: 1,
    tool: { name: 'npvguard', version: '0.1.0' },
    status: 'error',
    summary: summarize(findings, 12),
    checks: [
      { id: 'boundaries', status: 'fail', durationMs: 12.5 },
      { id: 'contracts', status: 'error', durationMs: 1, error: { code: 'NPV2002', message: 'tsconfig not found: <root>/tsconfig.json.' } },
      { id: 'latency', status: 'skipped', durationMs: 0 },
    ],
    findings,
  };
}
