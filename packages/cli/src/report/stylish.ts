import type { Finding, Severity } from '@npvguard/core';
import { palette, type Palette } from './color.js';
import { newFindings, plural, shownPath, type Reporter } from './reporter.js';
import { tableBlocks, textTable } from './blocks.js';
import { witnessText } from './witness.js';

function severityLabel(severity: Severity, colors: Palette): string {
  if (severity === 'error') return colors.red('error');
  if (severity === 'warning') return colors.yellow('warning');
  return colors.blue('info');
}

function groupByFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const group = groups.get(finding.file);
    if (group === undefined) groups.set(finding.file, [finding]);
    else group.push(finding);
  }
  return groups;
}

/** For people: findings grouped by file, aligned, coloured; baseline findings are counted, not listed. */
export const stylishReporter: Reporter = (result, options) => {
  const colors = palette(options.color);
  const lines: string[] = [];
  for (const [file, findings] of groupByFile(newFindings(result))) {
    lines.push(colors.underline(shownPath(file, options)));
    const positions = findings.map((finding) => `${finding.line}:${finding.column}`);
    const width = Math.max(...positions.map((position) => position.length));
    findings.forEach((finding, index) => {
      const position = (positions[index] ?? '').padEnd(width);
      const label = severityLabel(finding.severity, colors) + ' '.repeat(8 - finding.severity.length);
      lines.push(`  ${colors.dim(position)}  ${label}${finding.message}  ${colors.dim(finding.ruleId)}`);
      const witness = witnessText(finding);
      if (witness !== undefined) lines.push(`  ${' '.repeat(width)}  ${' '.repeat(8)}witness: ${witness}`);
      lines.push(`  ${' '.repeat(width)}  ${' '.repeat(8)}${colors.dim(`fix: ${finding.hint}`)}`);
    });
    lines.push('');
  }
  for (const run of result.checks) {
    if (run.status === 'error' && run.error !== undefined) {
      lines.push(`${colors.red('✖')} ${run.id} could not run: ${run.error.code} ${run.error.message}`);
    }
  }
  for (const { block } of tableBlocks(result)) lines.push(colors.bold(block.title), ...textTable(block).map((line) => `  ${line}`), '');
  const { summary } = result;
  const problems = summary.errors + summary.warnings + summary.infos;
  const counts = `${plural(problems, 'problem')} (${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${plural(summary.infos, 'info')})`;
  const baseline = summary.baseline > 0 ? `, ${summary.baseline} already accepted (baseline, not shown)` : '';
  const ran = result.checks.filter((run) => run.status !== 'skipped').map((run) => run.id).join(', ');
  const mark = result.status === 'pass' ? colors.green('✔') : colors.red('✖');
  lines.push(`${mark} ${colors.bold(counts)}${baseline} in ${plural(summary.filesChecked, 'file')}; checks: ${ran || 'none'}`);
  return `${lines.join('\n')}\n`;
};
