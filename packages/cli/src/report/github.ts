import { SEVERITIES, type Severity } from '@npvguard/core';
import { newFindings, shownPath, type Reporter } from './reporter.js';
import { tableBlocks } from './blocks.js';

/** Escapes the message part of a workflow command (after `::`). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value (`file=...`, `title=...`), where `:` and `,` are separators too. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub shows about ten annotations of each type per step; the rest go to the job summary. */
export const ANNOTATIONS_PER_TYPE = 10;

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

function command(name: string, properties: Record<string, string | number | undefined>, message: string): string {
  const list = Object.entries(properties)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',');
  return `::${name}${list === '' ? '' : ` ${list}`}::${escapeData(message)}`;
}

/**
 * GitHub Actions workflow commands: one annotation per new finding on its file and line, one per check that
 * could not run. Baseline findings are not annotated: they are not what the change added.
 */
export const githubReporter: Reporter = (result, options) => {
  const findings = newFindings(result);
  const perSeverity = new Map<Severity, number>();
  const annotated = findings.filter((finding) => {
    const count = perSeverity.get(finding.severity) ?? 0;
    perSeverity.set(finding.severity, count + 1);
    return count < ANNOTATIONS_PER_TYPE;
  });
  const lines = annotated.map((finding) =>
    command(
      COMMAND[finding.severity],
      {
        file: shownPath(finding.file, options),
        line: finding.line,
        col: finding.column,
        endLine: finding.endLine,
        endColumn: finding.endColumn,
        title: finding.ruleId,
      },
      `${finding.message}\nfix: ${finding.hint}\n${finding.docsUrl}`,
    ),
  );
  for (const severity of SEVERITIES) {
    const left = (perSeverity.get(severity) ?? 0) - ANNOTATIONS_PER_TYPE;
    if (left > 0) lines.push(command('notice', { title: 'npvguard' }, `${left} more ${severity} finding${left === 1 ? '' : 's'} not annotated: see the job summary or the SARIF upload.`));
  }
  for (const { check, block } of tableBlocks(result)) {
    block.rows.forEach((row, index) => lines.push(command('notice', { title: `npvguard ${check} ${row.key}` }, block.lines[index] ?? row.cells.join(', '))));
  }
  for (const run of result.checks) {
    if (run.status === 'error' && run.error !== undefined) {
      lines.push(command('error', { title: `npvguard ${run.id}: ${run.error.code}` }, `${run.id} could not run: ${run.error.message}`));
    }
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
};
