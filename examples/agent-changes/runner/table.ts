import type { CaseOutcome } from './runCase.js';

export interface Totals {
  bad: number;
  caught: number;
  benign: number;
  falsePositives: number;
  /** Cases that ran into an error (exit 2): never counted as caught or as passing. */
  errors: number;
  catchRate: number;
  falsePositiveRate: number;
  medianSeconds: number;
  maxSeconds: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? 0) + upper) / 2;
}

export function totals(outcomes: readonly CaseOutcome[]): Totals {
  const bad = outcomes.filter((outcome) => outcome.kind === 'bad');
  const benign = outcomes.filter((outcome) => outcome.kind === 'benign');
  const caught = bad.filter((outcome) => outcome.correct).length;
  const falsePositives = benign.filter((outcome) => !outcome.correct).length;
  const seconds = outcomes.map((outcome) => outcome.seconds);
  return {
    bad: bad.length,
    caught,
    benign: benign.length,
    falsePositives,
    errors: outcomes.filter((outcome) => outcome.exitCode === 2).length,
    catchRate: bad.length === 0 ? 0 : caught / bad.length,
    falsePositiveRate: benign.length === 0 ? 0 : falsePositives / benign.length,
    medianSeconds: median(seconds),
    maxSeconds: seconds.length === 0 ? 0 : Math.max(...seconds),
  };
}

function percent(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}

function list(values: readonly string[]): string {
  return values.length === 0 ? '-' : values.join(', ');
}

/** A Markdown table (readable in a terminal and pasteable into docs/evaluation.md) followed by the totals. */
export function renderTable(outcomes: readonly CaseOutcome[]): string {
  const header = ['', 'id', 'kind', 'category', 'verdict', 'expected ids hit', 'ids fired', 'time (s)'];
  const rows = outcomes.map((outcome) => [
    outcome.correct ? 'ok' : 'WRONG',
    outcome.id,
    outcome.kind,
    outcome.category,
    `exit ${outcome.exitCode}`,
    list(outcome.hit),
    list(outcome.fired) + (outcome.error === undefined ? '' : ` (${outcome.error})`),
    outcome.seconds.toFixed(1),
  ]);
  return `${markdown(header, rows)}\n\n${renderTotals(totals(outcomes))}\n\n${renderBreakdown(outcomes)}\n`;
}

function markdown(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

export interface GroupTotals {
  group: string;
  caught: number;
  bad: number;
  falsePositives: number;
  benign: number;
}

/** Catch and false-positive counts per value of `key` (rule family, form, origin), sorted by group. */
export function totalsBy(outcomes: readonly CaseOutcome[], key: (outcome: CaseOutcome) => string): GroupTotals[] {
  const groups = new Map<string, CaseOutcome[]>();
  for (const outcome of outcomes) groups.set(key(outcome), [...(groups.get(key(outcome)) ?? []), outcome]);
  return [...groups.entries()]
    .sort(([left], [right]) => left.localeCompare(right))
    .map(([group, members]) => {
      const summary = totals(members);
      return { group, caught: summary.caught, bad: summary.bad, falsePositives: summary.falsePositives, benign: summary.benign };
    });
}

/** The per-family, per-form and per-origin tables. */
export function renderBreakdown(outcomes: readonly CaseOutcome[]): string {
  const section = (title: string, key: (outcome: CaseOutcome) => string): string => {
    const rows = totalsBy(outcomes, key).map((group) => [
      group.group,
      group.bad === 0 ? '-' : `${group.caught}/${group.bad}`,
      group.benign === 0 ? '-' : `${group.falsePositives}/${group.benign}`,
    ]);
    return markdown([title, 'bad caught', 'benign failed'], rows);
  };
  return [
    section('rule family', (outcome) => outcome.family),
    section('form', (outcome) => outcome.form),
    section('written', (outcome) => outcome.origin),
  ].join('\n\n');
}

export function renderTotals(summary: Totals): string {
  return [
    `catch rate: ${summary.caught}/${summary.bad} bad cases caught with an expected id (${percent(summary.catchRate)})`,
    `false-positive rate: ${summary.falsePositives}/${summary.benign} benign cases failed (${percent(summary.falsePositiveRate)})`,
    `errors (exit 2): ${summary.errors}`,
    `time to verdict: median ${summary.medianSeconds.toFixed(1)} s, max ${summary.maxSeconds.toFixed(1)} s`,
  ].join('\n');
}
