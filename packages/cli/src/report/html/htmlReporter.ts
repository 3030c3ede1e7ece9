import { newFindings, plural, shownPath, type Reporter } from '../reporter.js';
import { escapeHtml } from './escape.js';
import { shownBlocks } from '../blocks.js';
import { graphSvg } from './graphSvg.js';
import { tableHtml } from './tableHtml.js';

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#1b2333;background:#fff}
h1{font-size:22px;margin:0 0 8px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #dde3ee;padding-bottom:4px}
.verdict{display:inline-block;padding:6px 14px;border-radius:6px;font-weight:700;color:#fff}
.verdict.pass{background:#2e7d32}.verdict.fail{background:#d32f2f}.verdict.error{background:#b26a00}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #dde3ee;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f3f6fb}tr.severity-error td:first-child{color:#d32f2f;font-weight:700}tr.severity-warning td:first-child{color:#b26a00}
code{font:12px ui-monospace,monospace}.empty,.note{color:#6b7589}.steps{margin:0;padding-left:18px;font-size:12px}
svg text{font:12px system-ui,sans-serif;fill:#1b2333}.hint{color:#3b4a66}
`;

function findingsTable(findings: ReturnType<typeof newFindings>, pathPrefix: string): string {
  if (findings.length === 0) return '<p class="empty">No new findings.</p>';
  const rows = findings
    .map(
      (finding) =>
        `<tr class="finding severity-${finding.severity}" data-rule="${escapeHtml(finding.ruleId)}"><td>${finding.severity}</td><td><a href="${escapeHtml(finding.docsUrl)}">${escapeHtml(finding.ruleId)}</a></td><td><code>${escapeHtml(shownPath(finding.file, { pathPrefix }))}:${finding.line}:${finding.column}</code></td><td>${escapeHtml(finding.message)}<div class="hint">fix: ${escapeHtml(finding.hint)}</div></td></tr>`,
    )
    .join('');
  return `<table id="findings"><thead><tr><th>Severity</th><th>Rule</th><th>Location</th><th>Message</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function checksTable(result: Parameters<Reporter>[0]): string {
  const rows = result.checks
    .map((run) => `<tr class="check" data-check="${escapeHtml(run.id)}"><td>${escapeHtml(run.id)}</td><td>${run.status}</td><td>${Math.round(run.durationMs)} ms</td><td>${run.error === undefined ? '' : escapeHtml(`${run.error.code}: ${run.error.message}`)}</td></tr>`)
    .join('');
  return `<table id="checks"><thead><tr><th>Check</th><th>Status</th><th>Time</th><th>Error</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** What the checks present beside their findings: a section per block, a table or a graph. */
function blockSections(result: Parameters<Reporter>[0]): string {
  return shownBlocks(result)
    .map(({ check, block }) =>
      block.kind === 'table'
        ? `<h2>${escapeHtml(block.title)}</h2>${tableHtml(check, block)}`
        : `<h2>${escapeHtml(block.title)}</h2><p class="note">${escapeHtml(block.note)}</p>${graphSvg(block)}`,
    )
    .join('\n');
}

/** One self-contained HTML page (inline CSS and SVG, no script, no external resource): verdict, findings, and each check's tables and graphs. */
export const htmlReporter: Reporter = (result, options) => {
  const findings = newFindings(result);
  const { summary } = result;
  const counts = `${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${plural(summary.infos, 'info')}${summary.baseline > 0 ? `, ${summary.baseline} baseline` : ''} in ${plural(summary.filesChecked, 'file')}`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>npvguard report: ${result.status}</title><style>${STYLE}</style></head>
<body>
<h1>npvguard ${escapeHtml(result.tool.version)}</h1>
<p><span id="verdict" class="verdict ${result.status}">${result.status.toUpperCase()}</span> <span id="summary">${escapeHtml(counts)}</span></p>
<h2>Checks</h2>${checksTable(result)}
<h2>Findings</h2>${findingsTable(findings, options.pathPrefix)}
${blockSections(result)}
</body></html>
`;
};
