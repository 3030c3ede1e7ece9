import type { CheckRun, Finding, Result } from '@npvguard/core';
import { shownPath, type Reporter, type ReporterOptions } from './reporter.js';
import { escapeXml } from './xml.js';
import { tableBlocks } from './blocks.js';

interface TestCase {
  name: string;
  classname: string;
  /** A new error-severity finding fails its case; warnings, infos and baseline findings are listed in system-out. */
  failures: Finding[];
  notes: Finding[];
}

function casesFor(run: CheckRun, result: Result): TestCase[] {
  const cases = new Map<string, TestCase>();
  for (const finding of result.findings.filter((item) => item.check === run.id)) {
    const key = `${finding.file}\u0000${finding.ruleId}`;
    let testCase = cases.get(key);
    if (testCase === undefined) {
      testCase = { name: `${finding.file} ${finding.ruleId}`, classname: run.id, failures: [], notes: [] };
      cases.set(key, testCase);
    }
    if (finding.baseline === undefined && finding.severity === 'error') testCase.failures.push(finding);
    else testCase.notes.push(finding);
  }
  return [...cases.values()];
}

function describeFinding(finding: Finding, options: ReporterOptions): string {
  const mark = finding.baseline === undefined ? '' : ` [baseline: ${finding.baseline}]`;
  return `${shownPath(finding.file, options)}:${finding.line}:${finding.column} ${finding.severity} ${finding.message}${mark}\nfix: ${finding.hint}\n${finding.docsUrl}`;
}

function renderCase(testCase: TestCase, options: ReporterOptions): string {
  const attributes = `name="${escapeXml(testCase.name)}" classname="${escapeXml(testCase.classname)}"`;
  const body: string[] = [];
  const [first] = testCase.failures;
  if (first !== undefined) {
    const text = testCase.failures.map((finding) => describeFinding(finding, options)).join('\n\n');
    body.push(`      <failure message="${escapeXml(first.message)}" type="${escapeXml(first.ruleId)}">${escapeXml(text)}</failure>`);
  }
  if (testCase.notes.length > 0) {
    body.push(`      <system-out>${escapeXml(testCase.notes.map((finding) => describeFinding(finding, options)).join('\n\n'))}</system-out>`);
  }
  return body.length === 0 ? `    <testcase ${attributes}/>` : `    <testcase ${attributes}>\n${body.join('\n')}\n    </testcase>`;
}

/** JUnit XML for CI test tabs: one testsuite per check, one testcase per file and rule. */
export const junitReporter: Reporter = (result, options) => {
  const suites: string[] = [];
  let totalTests = 0;
  let totalFailures = 0;
  let totalErrors = 0;
  for (const run of result.checks) {
    const seconds = (run.durationMs / 1000).toFixed(3);
    const header = (tests: number, failures: number, errors: number, skipped: number): string =>
      `  <testsuite name="${escapeXml(run.id)}" tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${seconds}">`;
    if (run.status === 'skipped') {
      suites.push(`${header(1, 0, 0, 1)}\n    <testcase name="${escapeXml(run.id)}" classname="${escapeXml(run.id)}">\n      <skipped message="not selected or not configured"/>\n    </testcase>\n  </testsuite>`);
      totalTests += 1;
      continue;
    }
    if (run.status === 'error') {
      const error = run.error ?? { code: 'NPV9001', message: 'the check could not run' };
      suites.push(
        `${header(1, 0, 1, 0)}\n    <testcase name="${escapeXml(run.id)}" classname="${escapeXml(run.id)}">\n      <error message="${escapeXml(error.message)}" type="${escapeXml(error.code)}"/>\n    </testcase>\n  </testsuite>`,
      );
      totalTests += 1;
      totalErrors += 1;
      continue;
    }
    const cases = casesFor(run, result);
    // A check with nothing to report is one passing case, so the suite is never empty.
    const rendered = cases.length === 0 ? [`    <testcase name="${escapeXml(run.id)}" classname="${escapeXml(run.id)}"/>`] : cases.map((item) => renderCase(item, options));
    const failures = cases.filter((item) => item.failures.length > 0).length;
    const rows = tableBlocks(result)
      .filter((shown) => shown.check === run.id)
      .flatMap(({ block }) => block.rows.map((row, index) => ({ key: row.key, line: block.lines[index] ?? row.cells.join(', ') })));
    // Per-route figures as suite properties, where CI test tabs show them next to the cases.
    const properties = rows.length === 0 ? '' : `    <properties>\n${rows.map((row) => `      <property name="${escapeXml(row.key)}" value="${escapeXml(row.line)}"/>`).join('\n')}\n    </properties>\n`;
    suites.push(`${header(rendered.length, failures, 0, 0)}\n${properties}${rendered.join('\n')}\n  </testsuite>`);
    totalTests += rendered.length;
    totalFailures += failures;
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="npvguard" tests="${totalTests}" failures="${totalFailures}" errors="${totalErrors}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
};
