import type { AgentCase, Category, Kind } from './cases.js';
import { focusedChecks } from './focus.js';
import { runCase, type CaseOutcome } from './runCase.js';
import { SUBSET } from './subset.js';
import { createTemplate, removeTree } from './workspace.js';

export interface Selection {
  ids?: readonly string[];
  kind?: Kind;
  category?: Category;
  subset?: boolean;
}

/** Round-robin over categories (each in id order), so the first cases of a long run already span every category. */
export function interleaveByCategory(cases: readonly AgentCase[]): AgentCase[] {
  const queues = new Map<string, AgentCase[]>();
  for (const agentCase of [...cases].sort((left, right) => left.id.localeCompare(right.id))) {
    const queue = queues.get(agentCase.category) ?? [];
    queue.push(agentCase);
    queues.set(agentCase.category, queue);
  }
  const ordered: AgentCase[] = [];
  while (ordered.length < cases.length) {
    for (const queue of queues.values()) {
      const next = queue.shift();
      if (next !== undefined) ordered.push(next);
    }
  }
  return ordered;
}

export function selectCases(cases: readonly AgentCase[], selection: Selection): AgentCase[] {
  const selected = cases.filter(
    (agentCase) =>
      (selection.ids === undefined || selection.ids.length === 0 || selection.ids.includes(agentCase.id)) &&
      (selection.kind === undefined || agentCase.kind === selection.kind) &&
      (selection.category === undefined || agentCase.category === selection.category) &&
      (selection.subset !== true || SUBSET.includes(agentCase.id)),
  );
  return interleaveByCategory(selected);
}

export interface EvaluateOptions {
  checkArguments?: readonly string[];
  /** Run each case with only the checks its expected ids belong to (see focusedChecks). */
  focus?: boolean;
  keep?: boolean;
  /** Called after each case, so a long run shows progress. */
  onOutcome?: (outcome: CaseOutcome, index: number, count: number) => void;
}

/** Runs the cases one after the other (a case already uses both cores) on one shared base repository. */
export async function evaluate(cases: readonly AgentCase[], options: EvaluateOptions = {}): Promise<CaseOutcome[]> {
  const template = await createTemplate();
  const outcomes: CaseOutcome[] = [];
  try {
    for (const [index, agentCase] of cases.entries()) {
      const checkArguments = options.focus === true ? ['--only', focusedChecks(agentCase).join(',')] : options.checkArguments;
      const outcome = await runCase(agentCase, {
        template,
        ...(checkArguments === undefined ? {} : { checkArguments }),
        ...(options.keep === undefined ? {} : { keep: options.keep }),
      });
      outcomes.push(outcome);
      options.onOutcome?.(outcome, index, cases.length);
    }
  } finally {
    removeTree(template);
  }
  return outcomes;
}
