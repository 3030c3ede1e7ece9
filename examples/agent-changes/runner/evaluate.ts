import type { AgentCase, Category, Kind } from './cases.js';
import { runCase, type CaseOutcome } from './runCase.js';
import { SUBSET } from './subset.js';
import { createTemplate, removeTree } from './workspace.js';

export interface Selection {
  ids?: readonly string[];
  kind?: Kind;
  category?: Category;
  subset?: boolean;
}

export function selectCases(cases: readonly AgentCase[], selection: Selection): AgentCase[] {
  return cases.filter(
    (agentCase) =>
      (selection.ids === undefined || selection.ids.length === 0 || selection.ids.includes(agentCase.id)) &&
      (selection.kind === undefined || agentCase.kind === selection.kind) &&
      (selection.category === undefined || agentCase.category === selection.category) &&
      (selection.subset !== true || SUBSET.includes(agentCase.id)),
  );
}

export interface EvaluateOptions {
  checkArguments?: readonly string[];
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
      const outcome = await runCase(agentCase, {
        template,
        ...(options.checkArguments === undefined ? {} : { checkArguments: options.checkArguments }),
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
