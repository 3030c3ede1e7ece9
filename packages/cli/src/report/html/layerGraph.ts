import type { Result } from '@npvguard/core';
import type { LayerEdgeCount as LayerEdge } from '../../checks/boundaries/types.js';
import { escapeHtml, record, records } from './escape.js';

const NODE_WIDTH = 120;
const NODE_HEIGHT = 32;
const COLUMN_GAP = 40;
const ROW_GAP = 70;

function layerGraphData(result: Result): { layers: string[]; edges: LayerEdge[] } | undefined {
  const data = result.checks.find((run) => run.id === 'boundaries')?.data;
  if (data === undefined) return undefined;
  const layers = records(data.layers).flatMap((layer) => (typeof layer.name === 'string' ? [layer.name] : []));
  const edges = records(data.layerEdges).flatMap((edge): LayerEdge[] =>
    typeof edge.from === 'string' && typeof edge.to === 'string'
      ? [{ from: edge.from, to: edge.to, runtime: Number(edge.runtime ?? 0), typeOnly: Number(edge.typeOnly ?? 0), forbidden: Number(edge.forbidden ?? 0) }]
      : [],
  );
  return layers.length === 0 ? undefined : { layers, edges };
}

/**
 * Rows by dependency depth: a layer sits one row below the deepest layer importing it, so imports point down
 * and an edge pointing up stands out. Cycles are cut by capping the depth at the number of layers.
 */
function rowsOf(layers: readonly string[], edges: readonly LayerEdge[]): string[][] {
  const depth = new Map(layers.map((layer) => [layer, 0]));
  for (let pass = 0; pass < layers.length; pass += 1) {
    let changed = false;
    for (const edge of edges) {
      if (edge.from === edge.to) continue;
      const next = Math.min((depth.get(edge.from) ?? 0) + 1, layers.length - 1);
      if (next > (depth.get(edge.to) ?? 0)) {
        depth.set(edge.to, next);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const rows: string[][] = [];
  for (const layer of layers) {
    const row = depth.get(layer) ?? 0;
    (rows[row] ??= []).push(layer);
  }
  return rows.filter((row) => row.length > 0);
}

/** The boundaries check's layer graph as inline SVG; edges with forbidden imports are red. */
export function layerGraphSvg(result: Result): string {
  const graph = layerGraphData(result);
  if (graph === undefined) return '<p class="empty">No layer graph: the boundaries check did not run.</p>';
  const rows = rowsOf(graph.layers, graph.edges);
  const widest = Math.max(...rows.map((row) => row.length));
  const width = widest * (NODE_WIDTH + COLUMN_GAP) + COLUMN_GAP;
  const height = rows.length * (NODE_HEIGHT + ROW_GAP) + ROW_GAP / 2;
  const position = new Map<string, { x: number; y: number }>();
  rows.forEach((row, rowIndex) => {
    const offset = (width - row.length * (NODE_WIDTH + COLUMN_GAP) + COLUMN_GAP) / 2;
    row.forEach((layer, column) => position.set(layer, { x: offset + column * (NODE_WIDTH + COLUMN_GAP), y: ROW_GAP / 2 + rowIndex * (NODE_HEIGHT + ROW_GAP) }));
  });
  const edges = graph.edges
    .filter((edge) => edge.from !== edge.to)
    .map((edge) => {
      const from = position.get(edge.from);
      const to = position.get(edge.to);
      if (from === undefined || to === undefined) return '';
      const forbidden = edge.forbidden > 0;
      const downward = to.y >= from.y;
      const y1 = downward ? from.y + NODE_HEIGHT : from.y;
      const y2 = downward ? to.y : to.y + NODE_HEIGHT;
      const label = `${edge.from} → ${edge.to}: ${edge.runtime} runtime, ${edge.typeOnly} type-only${forbidden ? `, ${edge.forbidden} forbidden` : ''}`;
      return `<line class="edge${forbidden ? ' forbidden' : ''}" data-from="${escapeHtml(edge.from)}" data-to="${escapeHtml(edge.to)}" x1="${from.x + NODE_WIDTH / 2}" y1="${y1}" x2="${to.x + NODE_WIDTH / 2}" y2="${y2}" stroke="${forbidden ? '#d32f2f' : '#8a94a6'}" stroke-width="${forbidden ? 3 : 1.2}" marker-end="url(#${forbidden ? 'arrow-forbidden' : 'arrow'})"${edge.runtime === 0 && !forbidden ? ' stroke-dasharray="4 3"' : ''}><title>${escapeHtml(label)}</title></line>`;
    })
    .join('');
  const nodes = [...position.entries()]
    .map(
      ([layer, { x, y }]) =>
        `<g class="layer" data-layer="${escapeHtml(layer)}"><rect x="${x}" y="${y}" width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="6" fill="#e8eefc" stroke="#3f5fb5"/><text x="${x + NODE_WIDTH / 2}" y="${y + NODE_HEIGHT / 2 + 5}" text-anchor="middle">${escapeHtml(layer)}</text></g>`,
    )
    .join('');
  const markers =
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#8a94a6"/></marker>' +
    '<marker id="arrow-forbidden" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#d32f2f"/></marker></defs>';
  const forbiddenCount = graph.edges.filter((edge) => edge.forbidden > 0).length;
  return `<svg id="layer-graph" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="Layer graph: ${graph.layers.length} layers, ${forbiddenCount} forbidden edges">${markers}${edges}${nodes}</svg>`;
}

/** Whether the result carries the boundaries data the graph needs (for the page's table of contents). */
export function hasLayerGraph(result: Result): boolean {
  return record(result.checks.find((run) => run.id === 'boundaries')?.data) !== undefined;
}
