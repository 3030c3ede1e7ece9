import type { Block, CheckRun, GraphBlock, Result, TableBlock } from '@npvguard/core';

/** A block with the check that presented it. */
export interface ShownBlock<B extends Block = Block> {
  check: string;
  block: B;
}

/** Every block the result's checks present, in check order. */
export function shownBlocks(result: Result): ShownBlock[] {
  return result.checks.flatMap((run: CheckRun) => (run.view ?? []).map((block) => ({ check: run.id, block })));
}

export function tableBlocks(result: Result): ShownBlock<TableBlock>[] {
  return shownBlocks(result).filter((shown): shown is ShownBlock<TableBlock> => shown.block.kind === 'table');
}

export function graphBlocks(result: Result): ShownBlock<GraphBlock>[] {
  return shownBlocks(result).filter((shown): shown is ShownBlock<GraphBlock> => shown.block.kind === 'graph');
}

/** A table as aligned plain-text lines: the header, then a line per row. */
export function textTable(block: TableBlock): string[] {
  const table = [block.columns, ...block.rows.map((row) => row.cells)];
  const widths = block.columns.map((_, column) => Math.max(...table.map((cells) => (cells[column] ?? '').length)));
  return table.map((cells) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd());
}

/** A stable name for a block across outputs: `<check>/<block id>`. */
export function blockName(shown: ShownBlock): string {
  return `${shown.check}/${shown.block.id}`;
}
