import type { Result } from '@npvguard/core';
import { newFindings, shownPath, type Reporter } from './reporter.js';
import { tableBlocks } from './blocks.js';
import { witnessText } from './witness.js';

/** Findings listed in the summary; GitHub caps a job summary at 1 MiB, and a long table helps nobody. */
export const MARKDOWN_FINDING_LIMIT = 50;

/** Table cells: pipes would end the cell, newlines the row. */
export function escapeCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

const STATUS_LABEL: Record<Result['status'], string> = { pass: '✅ pass', fail: '❌ fail', error: '⚠️ error' };
const CHECK_LABEL = { pass: '✅ pass', fail: '❌ fail', error: '⚠️ error', skipped: '⏭️ skipped' } as const;

/** A job summary (GITHUB_STEP_SUMMARY) or PR comment: verdict, checks table, findings table. */
export const markdownReporter: Reporter = (result, options) => {
  const { summary } = result;
  const lines = [
    `## npvguard: ${STATUS_LABEL[result.status]}`,
    '',
    `${summary.errors} error(s), ${summary.warnings} warning(s), ${summary.infos} info(s), ${summary.baseline} baseline; ${summary.filesChecked} file(s) checked.`,
    '',
    '| Check | Status | Findings | Duration |',
    '| --- | --- | --- | --- |',
  ];
  for (const run of result.checks) {
    const count = newFindings(result).filter((finding) => finding.check === run.id).length;
    const error = run.error === undefined ? '' : ` (${run.error.code}: ${escapeCell(run.error.message)})`;
    lines.push(`| ${run.id} | ${CHECK_LABEL[run.status]}${error} | ${count} | ${Math.round(run.durationMs)} ms |`);
  }
  for (const { block } of tableBlocks(result)) {
    lines.push('', `### ${block.title}`, '', `| ${block.columns.map(escapeCell).join(' | ')} |`, `| ${block.columns.map(() => '---').join(' | ')} |`);
    for (const row of block.rows) lines.push(`| ${row.cells.map(escapeCell).join(' | ')} |`);
  }
  const findings = newFindings(result);
  if (findings.length > 0) {
    lines.push('', '| Severity | Rule | Location | Message |', '| --- | --- | --- | --- |');
    for (const finding of findings.slice(0, MARKDOWN_FINDING_LIMIT)) {
      const location = escapeCell(`${shownPath(finding.file, options)}:${finding.line}:${finding.column}`);
      const rule = `[${escapeCell(finding.ruleId)}](${finding.docsUrl})`;
      const witness = witnessText(finding);
      const shownWitness = witness === undefined ? '' : `<br>witness: \`${escapeCell(witness)}\``;
      lines.push(`| ${finding.severity} | ${rule} | ${location} | ${escapeCell(finding.message)}${shownWitness}<br>fix: ${escapeCell(finding.hint)} |`);
    }
    if (findings.length > MARKDOWN_FINDING_LIMIT) {
      lines.push('', `… and ${findings.length - MARKDOWN_FINDING_LIMIT} more; run \`npvguard check\` locally for the full list.`);
    }
  }
  return `${lines.join('\n')}\n`;
};
