/** Lines around each change kept in a diff. */
const CONTEXT = 2;
/** Longest middle part compared line by line; longer ones are shown as removed then added. */
const MAX_COMPARED = 4000;

export interface LineDiff {
  /** Unified-style text: `-` old lines, `+` new lines, ` ` context, `@@ line n` headers. */
  text: string;
  /** First differing line in the new text (1-based). */
  firstChangedLine: number;
  added: number;
  removed: number;
}

/** A line diff (longest common subsequence over the part between the common prefix and suffix). */
export function lineDiff(oldText: string, newText: string, maxLines = 60): LineDiff {
  const before = oldText.split('\n');
  const after = newText.split('\n');
  let prefix = 0;
  while (prefix < before.length && prefix < after.length && before[prefix] === after[prefix]) prefix += 1;
  let suffix = 0;
  while (suffix < before.length - prefix && suffix < after.length - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix += 1;
  const oldMiddle = before.slice(prefix, before.length - suffix);
  const newMiddle = after.slice(prefix, after.length - suffix);
  type Step = { kind: ' ' | '-' | '+'; text: string; newLine: number };
  const steps: Step[] = [];
  if (oldMiddle.length * newMiddle.length > MAX_COMPARED * MAX_COMPARED / 4) {
    oldMiddle.forEach((text) => steps.push({ kind: '-', text, newLine: prefix + 1 }));
    newMiddle.forEach((text, index) => steps.push({ kind: '+', text, newLine: prefix + 1 + index }));
  } else {
    const rows = oldMiddle.length + 1;
    const columns = newMiddle.length + 1;
    const table = new Uint32Array(rows * columns);
    for (let row = oldMiddle.length - 1; row >= 0; row -= 1) {
      for (let column = newMiddle.length - 1; column >= 0; column -= 1) {
        table[row * columns + column] =
          oldMiddle[row] === newMiddle[column] ? (table[(row + 1) * columns + column + 1] ?? 0) + 1 : Math.max(table[(row + 1) * columns + column] ?? 0, table[row * columns + column + 1] ?? 0);
      }
    }
    let row = 0;
    let column = 0;
    while (row < oldMiddle.length || column < newMiddle.length) {
      if (row < oldMiddle.length && column < newMiddle.length && oldMiddle[row] === newMiddle[column]) {
        steps.push({ kind: ' ', text: oldMiddle[row] ?? '', newLine: prefix + column + 1 });
        row += 1;
        column += 1;
      } else if (column < newMiddle.length && (row === oldMiddle.length || (table[row * columns + column + 1] ?? 0) >= (table[(row + 1) * columns + column] ?? 0))) {
        steps.push({ kind: '+', text: newMiddle[column] ?? '', newLine: prefix + column + 1 });
        column += 1;
      } else {
        steps.push({ kind: '-', text: oldMiddle[row] ?? '', newLine: prefix + column + 1 });
        row += 1;
      }
    }
  }
  const contextBefore = after.slice(Math.max(0, prefix - CONTEXT), prefix).map((text, index, list) => ({ kind: ' ' as const, text, newLine: prefix - list.length + index + 1 }));
  const contextAfter = after.slice(after.length - suffix, after.length - suffix + CONTEXT).map((text, index) => ({ kind: ' ' as const, text, newLine: after.length - suffix + index + 1 }));
  const all = [...contextBefore, ...steps, ...contextAfter];
  const firstChange = steps.find((step) => step.kind !== ' ');
  const lines = [`@@ line ${firstChange?.newLine ?? prefix + 1}`, ...all.map((step) => `${step.kind} ${step.text}`)];
  const shown = lines.length > maxLines ? [...lines.slice(0, maxLines), `… ${lines.length - maxLines} more lines`] : lines;
  return {
    text: shown.join('\n'),
    firstChangedLine: firstChange?.newLine ?? prefix + 1,
    added: steps.filter((step) => step.kind === '+').length,
    removed: steps.filter((step) => step.kind === '-').length,
  };
}
