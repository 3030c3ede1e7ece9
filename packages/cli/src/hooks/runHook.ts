import { exitCodeFor, type Check, type Result } from '@npvguard/core';
import type { CliIO } from '../io/io.js';
import { formatError } from '../cli/formatError.js';
import { compactReporter } from '../report/compact.js';
import { allRules } from '../run/selectChecks.js';
import { analyzeForAgent } from '../mcp/analyzeForAgent.js';
import type { AgentBase } from '../base/mergeBase.js';
import { hookRequest, parsePayload, type HookAgent, type HookEvent, type HookRequest } from './payload.js';
import { readAll } from './readAll.js';

export interface HookOptions {
  agent: HookAgent;
  event: HookEvent;
  /** Seconds before the hook gives up and lets the agent go on; default 20 after an edit, 120 at stop. */
  timeout?: number;
  /** Cursor: stop asking for a follow-up once the agent has looped this many times. */
  maxLoops: number;
}

const DEFAULT_TIMEOUT_SECONDS = { edit: 20, stop: 120 } as const;
const SHOWN_FINDINGS = 20;

/** What the hook answers: an exit code, stderr for the model (Claude Code) and stdout JSON (Cursor). */
interface HookAnswer {
  exitCode: number;
  stderr?: string;
  stdout?: string;
}

function report(result: Result, checks: readonly Check[]): string {
  return compactReporter(result, { color: false, rules: allRules(checks), pathPrefix: '', maxFindings: SHOWN_FINDINGS });
}

/** A run's result, and the merge base it compared with when the agent had committed. */
interface HookAnalysis {
  result: Result;
  mergeBase?: AgentBase;
}

async function analyzeRequest(request: Exclude<HookRequest, { kind: 'ignore' }>, checks: readonly Check[], signal: AbortSignal): Promise<HookAnalysis | undefined> {
  // At stop, the whole change: what the agent committed on its branch too, not only what is left uncommitted.
  if (request.kind === 'stop') return await analyzeForAgent({ cwd: request.cwd, checks, signal, sinceMergeBase: true });
  const { loadProject } = await import('../load/loadProject.js');
  const { isConfigured } = await import('../run/selectChecks.js');
  const project = await loadProject({ processCwd: request.cwd, checks });
  // After an edit only the checks cheap enough for the edit loop run, on the touched files.
  const configured = checks.filter((check) => check.traits?.editLoop === true && isConfigured(check, project.config));
  // A file npvguard does not check (a README, a file outside the project, a deleted file) needs no answer.
  const files = request.files.filter((file) => project.files.some((known) => file === `${project.root}/${known}`));
  if (configured.length === 0 || files.length === 0) return undefined;
  return await analyzeForAgent({ cwd: request.cwd, checks, files, only: configured.map((check) => check.id), signal });
}

function answerFor(options: HookOptions, request: Exclude<HookRequest, { kind: 'ignore' }>, analysis: HookAnalysis, checks: readonly Check[]): HookAnswer {
  const { result, mergeBase } = analysis;
  if (exitCodeFor(result) === 0) return { exitCode: 0, ...(options.agent === 'cursor' ? { stdout: '{}\n' } : {}) };
  const since = mergeBase === undefined ? '' : ` (the commits since ${mergeBase.sha.slice(0, 12)}, where it left ${mergeBase.branch}, included)`;
  const scope = request.kind === 'edit' ? 'in the file just edited' : `in this change${since}`;
  const findings = report(result, checks);
  const message = `npvguard found problems ${scope}; fix them (each line names the rule and a fix; \`npvguard explain <ruleId>\` has the doc):\n${findings}`;
  if (options.agent === 'claude') return { exitCode: 2, stderr: message };
  // Cursor cannot undo an edit; at stop it submits followup_message as the next user message.
  if (request.kind === 'stop') return { exitCode: 0, stdout: `${JSON.stringify({ followup_message: message })}\n` };
  return { exitCode: 0, stdout: `${JSON.stringify({ additional_context: message })}\n`, stderr: message };
}

/** Settles with the analysis, or with 'timeout' once the time bound aborts it (the run itself stops its checks). */
function withinTimeBound(analysis: Promise<HookAnalysis | undefined>, signal: AbortSignal): Promise<HookAnalysis | undefined | 'timeout'> {
  const timedOut = new Promise<'timeout'>((resolve) => signal.addEventListener('abort', () => resolve('timeout'), { once: true }));
  return Promise.race([analysis.then((result) => (signal.aborted ? 'timeout' : result)), timedOut]);
}

/** The answer to one payload. Only findings block; npvguard's own failure never does (exit 1, a note on stderr). */
export async function answerHook(payloadText: string, options: HookOptions, io: Pick<CliIO, 'cwd'>, checks: readonly Check[]): Promise<HookAnswer> {
  try {
    const request = hookRequest(options.agent, options.event, parsePayload(payloadText), io.cwd);
    if (request.kind === 'ignore') return { exitCode: 0 };
    // Claude Code sets stop_hook_active once a Stop hook has kept it going: blocking again could loop forever.
    if (request.kind === 'stop' && request.alreadyContinued) return { exitCode: 0, stderr: 'npvguard: the stop hook already asked for fixes once; not blocking again.\n' };
    if (request.kind === 'stop' && request.loopCount >= options.maxLoops) {
      return { exitCode: 0, stdout: '{}\n', stderr: `npvguard: the agent has looped ${request.loopCount} times; not asking again.\n` };
    }
    const seconds = options.timeout ?? DEFAULT_TIMEOUT_SECONDS[request.kind];
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), seconds * 1000);
    const analysis = analyzeRequest(request, checks, controller.signal);
    const outcome = await withinTimeBound(analysis, controller.signal).finally(() => clearTimeout(timer));
    // The run ends its checks on abort; wait for it to let go of threads and base checkouts before answering.
    if (outcome === 'timeout') await analysis.catch(() => undefined);
    if (outcome === 'timeout') {
      return { exitCode: 0, stderr: `npvguard: the checks did not finish within ${seconds} s; not blocking (raise --timeout, or run \`npvguard check\`).\n` };
    }
    if (outcome === undefined) return { exitCode: 0 };
    return answerFor(options, request, outcome, checks);
  } catch (error) {
    // An error of npvguard or of its config is reported, never turned into a block the agent cannot fix.
    return { exitCode: 1, stderr: `npvguard hook could not check the change (not blocking):\n${formatError(error, false)}` };
  }
}

/** `npvguard hook <agent> --event <event>`: reads the payload on stdin and answers as the agent expects. */
export async function runHookCommand(options: HookOptions, io: CliIO, checks: readonly Check[]): Promise<number> {
  const payload = io.stdin === undefined ? '' : await readAll(io.stdin);
  const answer = await answerHook(payload, options, io, checks);
  if (answer.stdout !== undefined) io.stdout.write(answer.stdout);
  if (answer.stderr !== undefined) io.stderr.write(answer.stderr);
  return answer.exitCode;
}
