import type { Result } from '@npvguard/core';
import { latencyCells, latencyRoutes } from '../latencyRoutes.js';
import { escapeHtml, record, records } from './escape.js';

const QUANTILES = [
  ['p50', 'p50Ms'],
  ['p90', 'p90Ms'],
  ['p99', 'p99Ms'],
  ['p99.9', 'p999Ms'],
] as const;

function routeData(result: Result, route: string): Record<string, unknown> | undefined {
  const data = result.checks.find((run) => run.id === 'latency')?.data;
  return records(data?.routes).find((entry) => entry.route === route);
}

function criticalPath(route: Record<string, unknown> | undefined): string {
  const steps = records(route?.criticalPath);
  if (steps.length === 0) return '<span class="empty">no awaited I/O</span>';
  const items = steps.map((step) => `<li><code>${escapeHtml(String(step.file))}:${escapeHtml(String(step.line))}</code> ${escapeHtml(String(step.call))} <b>${escapeHtml(String(step.ms))} ms</b></li>`);
  return `<ol class="critical-path">${items.join('')}</ol>`;
}

/** The measured quantiles as bars on one scale, the budget as a line: the shape of the measured histogram. */
function histogram(route: Record<string, unknown> | undefined): string {
  const measured = record(route?.measured);
  if (measured === undefined) return '<span class="empty">not measured (run with --measure)</span>';
  const values = QUANTILES.map(([label, key]) => ({ label, ms: Number(measured[key]) })).filter((entry) => Number.isFinite(entry.ms));
  const budget = typeof route?.budgetMs === 'number' ? route.budgetMs : undefined;
  const scale = Math.max(...values.map((entry) => entry.ms), budget ?? 0, 1);
  const width = 260;
  const bars = values
    .map((entry, index) => {
      const length = Math.max(1, (entry.ms / scale) * (width - 60));
      return `<text x="0" y="${index * 18 + 12}">${entry.label}</text><rect class="bar" x="44" y="${index * 18 + 2}" width="${length.toFixed(1)}" height="12" fill="#3f5fb5"/><text x="${(48 + length).toFixed(1)}" y="${index * 18 + 12}">${entry.ms} ms</text>`;
    })
    .join('');
  const budgetLine = budget === undefined ? '' : `<line x1="${(44 + (budget / scale) * (width - 60)).toFixed(1)}" y1="0" x2="${(44 + (budget / scale) * (width - 60)).toFixed(1)}" y2="${values.length * 18}" stroke="#d32f2f" stroke-dasharray="3 2"/>`;
  return `<svg class="histogram" xmlns="http://www.w3.org/2000/svg" width="${width + 40}" height="${values.length * 18 + 4}">${bars}${budgetLine}</svg><div class="note">${escapeHtml(String(measured.count ?? '?'))} requests</div>`;
}

/** Per route: the figures every reporter shows, the static critical path and the measured distribution. */
export function latencySection(result: Result): string {
  const rows = latencyRoutes(result);
  if (rows.length === 0) return '<p class="empty">No latency table: the latency check did not run.</p>';
  const header = ['Route', 'Budget p99', 'Static bound', 'Measured p99', 'Headroom', 'Verdict', 'Critical path', 'Measured histogram'];
  const body = rows
    .map((row) => {
      const data = routeData(result, row.route);
      const cells = latencyCells(row).map((cell) => `<td>${escapeHtml(cell)}</td>`);
      return `<tr class="route verdict-${escapeHtml(row.verdict)}" data-route="${escapeHtml(row.route)}">${cells.join('')}<td>${criticalPath(data)}</td><td>${histogram(data)}</td></tr>`;
    })
    .join('');
  return `<table id="latency-table"><thead><tr>${header.map((cell) => `<th>${cell}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table>`;
}
