import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exitCodeFor, statusForExitCode, summarize, type CheckRun, type Finding, type Severity } from '../src/index.js';

function finding(severity: Severity, baseline?: 'base' | 'file'): Finding {
  return {
    ruleId: 'boundaries/forbidden-import',
    check: 'boundaries',
    severity,
    file: 'src/a.ts',
    line: 1,
    column: 1,
    message: 'm',
    hint: 'h',
    docsUrl: 'u',
    fingerprint: '0123456789abcdef',
    ...(baseline === undefined ? {} : { baseline }),
  };
}

const passed: Pick<CheckRun, 'status'> = { status: 'pass' };
const severityArbitrary = fc.constantFrom<Severity>('error', 'warning', 'info');
const findingArbitrary = fc
  .tuple(severityArbitrary, fc.constantFrom<'base' | 'file' | undefined>(undefined, 'base', 'file'))
  .map(([severity, baseline]) => finding(severity, baseline));
const checkArbitrary = fc.constantFrom<Pick<CheckRun, 'status'>>({ status: 'pass' }, { status: 'fail' }, { status: 'skipped' }, { status: 'error' });
const maxWarningsArbitrary = fc.option(fc.nat(5), { nil: undefined });

describe('exitCodeFor', () => {
  it('is 0 for a clean run, 1 for a new error, 2 when a check errored', () => {
    expect(exitCodeFor({ checks: [passed], findings: [] })).toBe(0);
    expect(exitCodeFor({ checks: [passed], findings: [finding('error')] })).toBe(1);
    expect(exitCodeFor({ checks: [passed, { status: 'error' }], findings: [] })).toBe(2);
  });

  it('does not fail on warnings or infos unless --max-warnings is exceeded', () => {
    const findings = [finding('warning'), finding('warning'), finding('info')];
    expect(exitCodeFor({ checks: [passed], findings })).toBe(0);
    expect(exitCodeFor({ checks: [passed], findings }, { maxWarnings: 2 })).toBe(0);
    expect(exitCodeFor({ checks: [passed], findings }, { maxWarnings: 1 })).toBe(1);
    expect(exitCodeFor({ checks: [passed], findings: [finding('warning')] }, { maxWarnings: 0 })).toBe(1);
  });

  it('never fails on baseline findings', () => {
    expect(exitCodeFor({ checks: [passed], findings: [finding('error', 'base'), finding('error', 'file')] })).toBe(0);
    expect(exitCodeFor({ checks: [passed], findings: [finding('warning', 'base')] }, { maxWarnings: 0 })).toBe(0);
  });

  it('is 2 whenever any check errored, whatever the findings', () => {
    fc.assert(
      fc.property(fc.array(checkArbitrary), fc.array(findingArbitrary), maxWarningsArbitrary, (checks, findings, maxWarnings) => {
        const code = exitCodeFor({ checks: [...checks, { status: 'error' }], findings }, { maxWarnings });
        expect(code).toBe(2);
      }),
    );
  });

  it('is unchanged by adding baseline or info findings', () => {
    fc.assert(
      fc.property(
        fc.array(checkArbitrary),
        fc.array(findingArbitrary),
        fc.array(findingArbitrary.filter((item) => item.baseline !== undefined || item.severity === 'info')),
        maxWarningsArbitrary,
        (checks, findings, harmless, maxWarnings) => {
          const before = exitCodeFor({ checks, findings }, { maxWarnings });
          const after = exitCodeFor({ checks, findings: [...findings, ...harmless] }, { maxWarnings });
          expect(after).toBe(before);
        },
      ),
    );
  });

  it('never decreases when a finding is added, and never increases when --max-warnings grows', () => {
    fc.assert(
      fc.property(fc.array(checkArbitrary), fc.array(findingArbitrary), findingArbitrary, maxWarningsArbitrary, (checks, findings, extra, maxWarnings) => {
        const before = exitCodeFor({ checks, findings }, { maxWarnings });
        expect(exitCodeFor({ checks, findings: [...findings, extra] }, { maxWarnings })).toBeGreaterThanOrEqual(before);
        if (maxWarnings !== undefined) {
          expect(exitCodeFor({ checks, findings }, { maxWarnings: maxWarnings + 1 })).toBeLessThanOrEqual(before);
          expect(exitCodeFor({ checks, findings })).toBeLessThanOrEqual(before);
        }
      }),
    );
  });

  it('is 1 exactly when there is no errored check and a new error or too many new warnings', () => {
    fc.assert(
      fc.property(fc.array(checkArbitrary), fc.array(findingArbitrary), maxWarningsArbitrary, (checks, findings, maxWarnings) => {
        const fresh = findings.filter((item) => item.baseline === undefined);
        const errored = checks.some((check) => check.status === 'error');
        const failing =
          fresh.some((item) => item.severity === 'error') ||
          (maxWarnings !== undefined && fresh.filter((item) => item.severity === 'warning').length > maxWarnings);
        expect(exitCodeFor({ checks, findings }, { maxWarnings })).toBe(errored ? 2 : failing ? 1 : 0);
      }),
    );
  });

  it('maps exit codes onto run statuses', () => {
    expect([0, 1, 2].map((code) => statusForExitCode(code as 0 | 1 | 2))).toEqual(['pass', 'fail', 'error']);
  });
});

describe('summarize', () => {
  it('counts by severity and baseline apart', () => {
    const summary = summarize([finding('error'), finding('warning'), finding('info'), finding('error', 'file')], 7);
    expect(summary).toEqual({ errors: 1, warnings: 1, infos: 1, baseline: 1, filesChecked: 7 });
  });

  it('accounts for every finding exactly once', () => {
    fc.assert(
      fc.property(fc.array(findingArbitrary), (findings) => {
        const summary = summarize(findings, 0);
        expect(summary.errors + summary.warnings + summary.infos + summary.baseline).toBe(findings.length);
      }),
    );
  });
});
