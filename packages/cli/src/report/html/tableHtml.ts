import type { RowDetail, TableBlock } from '@npvguard/core';
import { escapeHtml } from './escape.js';

function steps(detail: Extract<RowDetail, { kind: 'steps' }>): string {
  if (detail.steps.length === 0) return `<span class="empty">${escapeHtml(detail.empty)}</span>`;
  const items = detail.steps.map((step) => `<li><code>${escapeHtml(step.where)}</code> ${escapeHtml(step.text)} <b>${escapeHtml(step.value)}</b></li>`);
  return `<ol class="steps">${items.join('')}</ol>`;
}

/** Bars on one scale, the marker (a budget) as a line across them. */
function bars(detail: Extract<RowDetail, { kind: 'bars' }>): string {
  if (detail.bars.length === 0) return `<span class="empty">${escapeHtml(detail.empty)}</span>`;
  const scale = Math.max(...detail.bars.map((bar) => bar.value), detail.marker?.value ?? 0, 1);
  const width = 260;
  const drawn = detail.bars
    .map((bar, index) => {
      const length = Math.max(1, (bar.value / scale) * (width - 60));
      return `<text x="0" y="${index * 18 + 12}">${escapeHtml(bar.label)}</text><rect class="bar" x="44" y="${index * 18 + 2}" width="${length.toFixed(1)}" height="12" fill="#3f5fb5"/><text x="${(48 + length).toFixed(1)}" y="${index * 18 + 12}">${bar.value} ${escapeHtml(bar.unit)}</text>`;
    })
    .join('');
  const markerX = detail.marker === undefined ? undefined : (44 + (detail.marker.value / scale) * (width - 60)).toFixed(1);
  const marker = markerX === undefined ? '' : `<line class="marker" x1="${markerX}" y1="0" x2="${markerX}" y2="${detail.bars.length * 18}" stroke="#d32f2f" stroke-dasharray="3 2"><title>${escapeHtml(detail.marker?.label ?? '')}</title></line>`;
  const note = detail.note === undefined ? '' : `<div class="note">${escapeHtml(detail.note)}</div>`;
  return `<svg class="bars" xmlns="http://www.w3.org/2000/svg" width="${width + 40}" height="${detail.bars.length * 18 + 4}">${drawn}${marker}</svg>${note}`;
}

function detailHtml(detail: RowDetail): string {
  return detail.kind === 'steps' ? steps(detail) : bars(detail);
}

/** A table block as an HTML table; each row's details (steps, bars) as extra columns. */
export function tableHtml(check: string, block: TableBlock): string {
  const detailTitles = block.rows[0]?.details?.map((detail) => detail.title) ?? [];
  const header = [...block.columns, ...detailTitles].map((cell) => `<th>${escapeHtml(cell)}</th>`).join('');
  const body = block.rows
    .map((row) => {
      const cells = row.cells.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('');
      const details = (row.details ?? []).map((detail) => `<td>${detailHtml(detail)}</td>`).join('');
      const status = row.status === undefined ? '' : ` status-${escapeHtml(row.status)}`;
      return `<tr class="row${status}" data-key="${escapeHtml(row.key)}">${cells}${details}</tr>`;
    })
    .join('');
  return `<table class="block" data-block="${escapeHtml(`${check}/${block.id}`)}"><thead><tr>${header}</tr></thead><tbody>${body}</tbody></table>`;
}
