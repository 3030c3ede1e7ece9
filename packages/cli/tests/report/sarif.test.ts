import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sarifReporter, relativeUri } from '../../src/report/sarif.js';
import { compileSchema } from '../support/schema.js';
import { CLI_ROOT, fixture, runCli } from '../support/cli.js';
import { PLAIN, sampleFinding, sampleResult } from '../support/result.js';

const validateSarif = compileSchema(path.join(CLI_ROOT, 'tests', 'report', 'sarif-2.1.0-required.schema.json'));

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Record<string, number> } }[];
  partialFingerprints: Record<string, string>;
  baselineState: string;
}

interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; informationUri: string; rules: { id: string; helpUri: string; defaultConfiguration: { level: string } }[] } };
    invocations: { executionSuccessful: boolean; toolExecutionNotifications: { message: { text: string }; descriptor: { id: string } }[] }[];
    results: SarifResult[];
  }[];
}

function expectValidSarif(log: unknown): void {
  const valid = validateSarif(log);
  expect(validateSarif.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
}

describe('sarifReporter', () => {
  const log = JSON.parse(sarifReporter(sampleResult(), PLAIN)) as SarifLog;
  const run = log.runs[0];

  it('passes the structural check of the SARIF 2.1.0 required fields', () => {
    expectValidSarif(log);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toContain('sarif-schema-2.1.0.json');
  });

  it('describes the driver and every rule with help and a default level', () => {
    expect(run?.tool.driver).toMatchObject({ name: 'npvguard', version: '0.1.0', informationUri: 'https://github.com/npvguard/npvguard' });
    expect(run?.tool.driver.rules.map((rule) => [rule.id, rule.defaultConfiguration.level])).toEqual([
      ['boundaries/forbidden-import', 'error'],
      ['boundaries/private-import', 'error'],
      ['baseline/stale-entry', 'note'],
    ]);
    expect(run?.tool.driver.rules[0]?.helpUri).toBe('https://github.com/npvguard/npvguard/blob/main/docs/rules/boundaries/forbidden-import.md');
  });

  it('links a rule to the page its findings name when a check documents it elsewhere', () => {
    const result = sampleResult();
    const documentedElsewhere = 'https://github.com/npvguard/npvguard/blob/main/packages/eslint-plugin/docs/rules/boundaries.md';
    result.findings = [sampleFinding({ ruleId: 'boundaries/private-import', docsUrl: documentedElsewhere })];
    const rules = (JSON.parse(sarifReporter(result, PLAIN)) as SarifLog).runs[0]?.tool.driver.rules ?? [];
    expect(rules.find((rule) => rule.id === 'boundaries/private-import')?.helpUri).toBe(documentedElsewhere);
    expect(rules.find((rule) => rule.id === 'boundaries/forbidden-import')?.helpUri).toBe(
      'https://github.com/npvguard/npvguard/blob/main/docs/rules/boundaries/forbidden-import.md',
    );
  });

  it('points each result at its rule by id and index, with a relative location and the fingerprint', () => {
    const rules = run?.tool.driver.rules ?? [];
    for (const result of run?.results ?? []) expect(rules[result.ruleIndex]?.id).toBe(result.ruleId);
    const first = run?.results[0];
    expect(first).toMatchObject({
      ruleId: 'boundaries/forbidden-import',
      level: 'error',
      message: { text: 'src/core/doubled.ts imports src/server/port.ts (layer server). Fix: Take the port as a parameter.' },
      baselineState: 'new',
    });
    expect(first?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'src/core/doubled.ts', uriBaseId: '%SRCROOT%' },
      region: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 42 },
    });
    expect(first?.partialFingerprints).toEqual({ 'npvguard/v1': sampleResult().findings[0]?.fingerprint });
  });

  it('maps severities onto levels and baseline findings onto unchanged', () => {
    expect(run?.results.map((result) => [result.level, result.baselineState])).toEqual([
      ['error', 'new'],
      ['warning', 'new'],
      ['error', 'unchanged'],
      ['note', 'new'],
    ]);
  });

  it('records a check that could not run as a failed invocation', () => {
    expect(run?.invocations).toEqual([
      {
        executionSuccessful: false,
        toolExecutionNotifications: [
          { level: 'error', message: { text: 'contracts could not run: tsconfig not found: <root>/tsconfig.json.' }, descriptor: { id: 'NPV2002' } },
        ],
      },
    ]);
  });

  it('percent-encodes each path segment so the URI stays relative and unambiguous', () => {
    expect(relativeUri('src/a b/#1?.ts')).toBe('src/a%20b/%231%3F.ts');
    const prefixed = JSON.parse(sarifReporter(sampleResult(), { ...PLAIN, pathPrefix: 'services/npv' })) as SarifLog;
    expect(prefixed.runs[0]?.results[0]?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('services/npv/src/core/doubled.ts');
  });

  it('produces valid SARIF from a real run', async () => {
    const real = await runCli(['check', '--format', 'sarif'], { cwd: fixture('violation') });
    expect(real.code).toBe(1);
    const parsed = JSON.parse(real.stdout) as SarifLog;
    expectValidSarif(parsed);
    expect(parsed.runs[0]?.results.map((result) => `${result.ruleId} ${result.locations[0]?.physicalLocation.artifactLocation.uri}:${result.locations[0]?.physicalLocation.region.startLine}`)).toEqual([
      'boundaries/forbidden-import src/core/doubled.ts:2',
      'boundaries/private-import src/server/handler.ts:1',
    ]);
    expect(parsed.runs[0]?.invocations[0]?.executionSuccessful).toBe(true);
  });
});
