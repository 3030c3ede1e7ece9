import { newFindings, shownPath, type Reporter } from './reporter.js';
import { latencyRoutes, latencySummaryLine } from './latencyRoutes.js';

/** One line per finding, `path:line:col severity ruleId message (fix: hint)`, for grep and agents. */
export const compactReporter: Reporter = (result, options) => {
  const lines = newFindings(result).map(
    (finding) =>
      `${shownPath(finding.file, options)}:${finding.line}:${finding.column} ${finding.severity} ${finding.ruleId} ${finding.message} (fix: ${finding.hint})`,
  );
  lines.push(...latencyRoutes(result).map(latencySummaryLine));
  for (const run of result.checks) {
    if (run.status === 'error' && run.error !== undefined) lines.push(`${run.id} error ${run.error.code} ${run.error.message}`);
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
};
