import type { Finding } from '@npvguard/core';
import { newFindings, shownPath, type Reporter, type ReporterOptions } from './reporter.js';
import { tableBlocks } from './blocks.js';

/** Findings on lines the change touched first (stable otherwise): what an agent just wrote is what it can fix. */
function changedFirst(findings: readonly Finding[], changedLines: ReporterOptions['changedLines']): Finding[] {
  if (changedLines === undefined) return [...findings];
  const onChange = (finding: Finding) => changedLines.get(finding.file)?.has(finding.line) ?? false;
  return [...findings.filter(onChange), ...findings.filter((finding) => !onChange(finding))];
}

/** One line per finding, `path:line:col severity ruleId message (fix: hint)`, for grep and agents. */
export const compactReporter: Reporter = (result, options) => {
  const findings = changedFirst(newFindings(result), options.changedLines);
  const shown = options.maxFindings === undefined ? findings : findings.slice(0, options.maxFindings);
  const lines = shown.map(
    (finding) =>
      `${shownPath(finding.file, options)}:${finding.line}:${finding.column} ${finding.severity} ${finding.ruleId} ${finding.message} (fix: ${finding.hint})`,
  );
  if (shown.length < findings.length) lines.push(`${findings.length - shown.length} more (run npvguard check --format json for all)`);
  for (const { block } of tableBlocks(result)) lines.push(...block.lines);
  for (const run of result.checks) {
    if (run.status === 'error' && run.error !== undefined) lines.push(`${run.id} error ${run.error.code} ${run.error.message}`);
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
};
