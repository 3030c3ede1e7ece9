import type { GraphBlock, GraphEdge } from '@npvguard/core';
import { escapeHtml } from './escape.js';

const NODE_WIDTH = 120;
const NODE_HEIGHT = 32;
const COLUMN_GAP = 40;
const ROW_GAP = 70;

/**
 * Rows by depth: a node sits one row below the deepest node with an edge to it, so imports point down
 * and an edge pointing up stands out. Cycles are cut by capping the depth at the number of nodes.
 */
function rowsOf(nodes: readonly string[], edges: readonly GraphEdge[]): string[][] {
  const depth = new Map(nodes.map((node) => [node, 0]));
  for (let pass = 0; pass < nodes.length; pass += 1) {
    let changed = false;
    for (const edge of edges) {
      if (edge.from === edge.to) continue;
      const next = Math.min((depth.get(edge.from) ?? 0) + 1, nodes.length - 1);
      if (next > (depth.get(edge.to) ?? 0)) {
        depth.set(edge.to, next);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const rows: string[][] = [];
  for (const node of nodes) {
    const row = depth.get(node) ?? 0;
    (rows[row] ??= []).push(node);
  }
  return rows.filter((row) => row.length > 0);
}

/** A graph block as inline SVG, nodes in rows by depth; alert edges red, weak edges dashed. */
export function graphSvg(graph: GraphBlock): string {
  const rows = rowsOf(graph.nodes, graph.edges);
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
      const forbidden = edge.emphasis === 'alert';
      const downward = to.y >= from.y;
      const y1 = downward ? from.y + NODE_HEIGHT : from.y;
      const y2 = downward ? to.y : to.y + NODE_HEIGHT;
      return `<line class="edge${forbidden ? ' alert' : ''}" data-from="${escapeHtml(edge.from)}" data-to="${escapeHtml(edge.to)}" x1="${from.x + NODE_WIDTH / 2}" y1="${y1}" x2="${to.x + NODE_WIDTH / 2}" y2="${y2}" stroke="${forbidden ? '#d32f2f' : '#8a94a6'}" stroke-width="${forbidden ? 3 : 1.2}" marker-end="url(#${forbidden ? 'arrow-forbidden' : 'arrow'})"${edge.emphasis === 'weak' ? ' stroke-dasharray="4 3"' : ''}><title>${escapeHtml(edge.label)}</title></line>`;
    })
    .join('');
  const nodes = [...position.entries()]
    .map(
      ([layer, { x, y }]) =>
        `<g class="node" data-node="${escapeHtml(layer)}"><rect x="${x}" y="${y}" width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="6" fill="#e8eefc" stroke="#3f5fb5"/><text x="${x + NODE_WIDTH / 2}" y="${y + NODE_HEIGHT / 2 + 5}" text-anchor="middle">${escapeHtml(layer)}</text></g>`,
    )
    .join('');
  const markers =
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#8a94a6"/></marker>' +
    '<marker id="arrow-forbidden" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#d32f2f"/></marker></defs>';
  const alerts = graph.edges.filter((edge) => edge.emphasis === 'alert').length;
  return `<svg class="graph" data-graph="${escapeHtml(graph.id)}" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(graph.title)}: ${graph.nodes.length} nodes, ${alerts} alert edges">${markers}${edges}${nodes}</svg>`;
}

