/**
 * Neutral presentation blocks: what a check shows of its data besides findings (a per-route table, a layer graph).
 * A check's `present(data)` returns them; every reporter renders them without knowing the check.
 */
export type Block = TableBlock | GraphBlock;

/** A value in a cell or a detail: plain text, or a number with its unit. */
export type Cell = string;

export interface TableRow {
  /** A stable key for the row (a route, a layer): HTML anchors and SARIF properties use it. */
  key: string;
  cells: Cell[];
  /** A one-word state of the row (`within-budget`, `over-budget`...), for styling and filtering. */
  status?: string;
  /** Longer per-row details shown where there is room (HTML): a list of steps, or bars on one scale. */
  details?: RowDetail[];
}

export type RowDetail =
  | { kind: 'steps'; title: string; steps: { where: string; text: string; value: string }[]; empty: string }
  | { kind: 'bars'; title: string; bars: { label: string; value: number; unit: string }[]; marker?: { label: string; value: number }; note?: string; empty: string };

export interface TableBlock {
  kind: 'table';
  /** Stable id of the block within its check (`routes`). */
  id: string;
  title: string;
  columns: string[];
  rows: TableRow[];
  /** One line per row for outputs that have no tables (compact, GitHub notices, JUnit properties). */
  lines: string[];
}

export interface GraphEdge {
  from: string;
  to: string;
  /** Shown on hover and in text outputs. */
  label: string;
  /** `alert`: an edge carrying a violation (drawn red); `weak`: an edge of lesser kind (drawn dashed). */
  emphasis?: 'alert' | 'weak';
}

export interface GraphBlock {
  kind: 'graph';
  id: string;
  title: string;
  /** How to read the graph, one sentence. */
  note: string;
  nodes: string[];
  edges: GraphEdge[];
}

/** The blocks a result carries for one check, in order. */
export function blocksOf(run: { view?: readonly Block[] }, kind?: Block['kind']): Block[] {
  const view = run.view ?? [];
  return kind === undefined ? [...view] : view.filter((block) => block.kind === kind);
}
