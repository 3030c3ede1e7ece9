import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AgentCase } from './cases.js';
import { runBin } from './runCase.js';
import { applyPatch, commitAll, copyTemplate, removeTree, SERVICE_PATH } from './workspace.js';

/**
 * The three judges of a contract change: the semantic diff (the base snapshot against the head's contract), old-client
 * replay (requests of the base contract sent to the head app, answers judged by the base contract) and the property
 * tests of the head app against its own contract (valid and invalid requests, scenarios, invariants).
 */
export const JUDGES = ['diff', 'replay', 'properties'] as const;
export type Judge = (typeof JUDGES)[number];

export interface JudgeVerdict {
  /** An error finding of this judge that the base does not have. */
  fails: boolean;
  /** Rule ids of its new findings at error level, sorted and distinct. */
  errors: string[];
}

export interface CaseJudgement {
  id: string;
  exitCode: number;
  verdicts: Record<Judge, JudgeVerdict>;
  /** Changes the semantic diff found, at any level: none means the HTTP contract was left as it was. */
  contractChanges: number;
  /** stderr of the run, when it wrote any (a run that failed to produce a report). */
  error?: string;
}

/** Cases whose change reaches the HTTP contract or what it promises: every contract case, and benign cases that update the contract snapshot. */
export function contractTouchingCases(cases: readonly AgentCase[]): AgentCase[] {
  return cases.filter((agentCase) => {
    if (agentCase.category === 'contract') return true;
    if (agentCase.kind !== 'benign') return false;
    const patch = readFileSync(agentCase.patchFile, 'utf8');
    // A benign change to the contract is one that updates its snapshot; other benign changes leave the contract as it
    // was, and the evaluation already holds them to passing every check.
    return /^diff --git a\/contracts\//m.test(patch);
  });
}

interface JsonFinding {
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  baseline?: string;
  data?: Record<string, unknown>;
}

/** Which judge a finding of the contracts check comes from; undefined for the snapshot and loading findings. */
export function judgeOf(finding: Pick<JsonFinding, 'ruleId' | 'data'>): Judge | undefined {
  if (finding.data?.['change'] !== undefined) return 'diff';
  if (finding.ruleId === 'contracts/old-client-replay-failed') return 'replay';
  if (finding.ruleId.startsWith('contracts/property-') || finding.ruleId === 'contracts/routes-need-backing-service') return 'properties';
  return undefined;
}

/** Sets `contracts.closedSchemas` in the service's config of a copy. */
function setClosedSchemas(top: string, policy: 'tolerant' | 'strict'): void {
  const file = path.join(top, SERVICE_PATH, 'npvguard.config.ts');
  const text = readFileSync(file, 'utf8');
  const anchor = "    snapshot: 'contracts/openapi.json',\n";
  if (!text.includes(anchor)) throw new Error(`the service config no longer has the line ${anchor.trim()}`);
  writeFileSync(file, text.replace(anchor, `${anchor}    closedSchemas: '${policy}',\n`));
}

/**
 * One case through the three judges: the patch committed on a copy of the template, then `npvguard check --only
 * contracts --base HEAD~1` (all three judges run in that one check), its new findings sorted by judge. With
 * `closedSchemas`, the head's config sets that policy.
 */
export async function judgeCase(agentCase: AgentCase, template: string, options: { closedSchemas?: 'tolerant' | 'strict' } = {}): Promise<CaseJudgement> {
  const top = copyTemplate(template, agentCase.id);
  try {
    await applyPatch(top, agentCase.patchFile);
    if (options.closedSchemas !== undefined) setClosedSchemas(top, options.closedSchemas);
    await commitAll(top, agentCase.id);
    const run = await runBin(['check', '--only', 'contracts', '--base', 'HEAD~1', '--format', 'json'], path.join(top, SERVICE_PATH));
    const result = JSON.parse(run.stdout) as { findings: JsonFinding[]; checks: Array<{ id: string; data?: { diff?: { changes?: number } } }> };
    const fresh = result.findings.filter((finding) => finding.baseline === undefined);
    const verdict = (judge: Judge): JudgeVerdict => {
      const errors = [...new Set(fresh.filter((finding) => finding.severity === 'error' && judgeOf(finding) === judge).map((finding) => finding.ruleId))].sort();
      return { fails: errors.length > 0, errors };
    };
    return {
      id: agentCase.id,
      exitCode: run.code,
      verdicts: { diff: verdict('diff'), replay: verdict('replay'), properties: verdict('properties') },
      contractChanges: result.checks.find((check) => check.id === 'contracts')?.data?.diff?.changes ?? 0,
      ...(run.stderr.trim() === '' ? {} : { error: run.stderr.trim() }),
    };
  } finally {
    removeTree(top);
  }
}
