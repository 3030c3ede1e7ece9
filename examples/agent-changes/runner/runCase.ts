import { execFile } from 'node:child_process';
import path from 'node:path';
import { ruleFamily, type AgentCase } from './cases.js';
import { applyPatch, commitAll, copyTemplate, removeTree, REPO_ROOT, SERVICE_PATH } from './workspace.js';

const BIN = path.join(REPO_ROOT, 'packages', 'cli', 'bin', 'npvguard.js');

/** What npvguard said about one case, and whether that is the right answer. */
export interface CaseOutcome {
  id: string;
  kind: AgentCase['kind'];
  category: AgentCase['category'];
  /** The case's rule family (see ruleFamily) and form, for the per-family and per-form totals. */
  family: string;
  form: string;
  origin: AgentCase['origin'];
  exitCode: number;
  /** Rule ids of the new error findings (not present at the base), sorted and distinct. */
  fired: string[];
  /** Rule ids of new warnings: shown, never part of the verdict. */
  warned: string[];
  /** The expected ids among `fired`. */
  hit: string[];
  /** A bad case fails (exit 1) with an expected id; a benign case passes (exit 0). */
  correct: boolean;
  seconds: number;
  /** Why the run produced no usable report (exit 2, unreadable output): the first line of stderr or the parse error. */
  error?: string;
}

interface JsonFinding {
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  baseline?: string;
}

function distinct(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/** The real npvguard bin in a child process, as CI runs it. */
export function runBin(args: readonly string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  // NO_COLOR and no FORCE_COLOR: the JSON report does not depend on the terminal the eval runs in.
  const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, NPVGUARD_DEBUG: undefined };
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 2;
      resolve({ code, stdout, stderr });
    });
  });
}

export interface RunCaseOptions {
  template: string;
  /** Extra arguments for `npvguard check` (for example `--only lint`); none in the full evaluation. */
  checkArguments?: readonly string[];
  /** Keep the temporary repository for inspection. */
  keep?: boolean;
  now?: () => number;
}

/**
 * One case end to end: a copy of the base repository, the patch as a second commit, then the real bin
 * `npvguard check --base HEAD~1 --format json` in a child process. The time to verdict is the child's wall time.
 */
export async function runCase(agentCase: AgentCase, options: RunCaseOptions): Promise<CaseOutcome & { workspace?: string }> {
  const now = options.now ?? (() => performance.now());
  const top = copyTemplate(options.template, agentCase.id);
  try {
    try {
      await applyPatch(top, agentCase.patchFile);
    } catch (error) {
      // A case whose patch no longer applies says nothing about npvguard: it is wrong until it is updated.
      const stderr = (error as { stderr?: string }).stderr ?? String(error);
      const reason = `patch does not apply: ${stderr.trim().split('\n')[0] ?? ''}`;
      return { ...describeCase(agentCase), exitCode: -1, fired: [], warned: [], hit: [], correct: false, seconds: 0, error: reason };
    }
    await commitAll(top, `${agentCase.kind}: ${agentCase.id}`);
    const started = now();
    const run = await runBin(['check', '--base', 'HEAD~1', '--format', 'json', ...(options.checkArguments ?? [])], path.join(top, SERVICE_PATH));
    const seconds = (now() - started) / 1000;
    let findings: JsonFinding[] = [];
    let error: string | undefined;
    try {
      findings = (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings;
    } catch (parseError) {
      error = `no JSON report: ${(parseError as Error).message}`;
    }
    if (run.code === 2 || run.stderr.trim() !== '') error = run.stderr.trim().split('\n')[0] ?? error;
    const fresh = findings.filter((finding) => finding.baseline === undefined);
    const fired = distinct(fresh.filter((finding) => finding.severity === 'error').map((finding) => finding.ruleId));
    const warned = distinct(fresh.filter((finding) => finding.severity === 'warning').map((finding) => finding.ruleId));
    const hit = fired.filter((ruleId) => agentCase.expect.includes(ruleId));
    const correct = agentCase.kind === 'bad' ? run.code === 1 && hit.length > 0 : run.code === 0;
    return {
      ...describeCase(agentCase),
      exitCode: run.code,
      fired,
      warned,
      hit,
      correct,
      seconds,
      ...(error === undefined ? {} : { error }),
      ...(options.keep === true ? { workspace: top } : {}),
    };
  } finally {
    if (options.keep !== true) removeTree(top);
  }
}

function describeCase(agentCase: AgentCase): Pick<CaseOutcome, 'id' | 'kind' | 'category' | 'family' | 'form' | 'origin'> {
  return { id: agentCase.id, kind: agentCase.kind, category: agentCase.category, family: ruleFamily(agentCase), form: agentCase.form, origin: agentCase.origin };
}
