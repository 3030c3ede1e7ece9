import { exitCodeFor, type Check, type Result } from '@npvguard/core';
import type { CliIO } from '../cli/io.js';
import { formatError } from '../cli/formatError.js';
import { compactReporter } from '../report/compact.js';
import { allRules } from '../run/selectChecks.js';
import { analyzeForAgent } from '../mcp/analyzeForAgent.js';
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

/** Checks cheap enough to run after every edit, on the touched files only. */
export const FAST_CHECKS = ['boundaries', 'lint', 'integrity'] as const;
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

async function analyzeRequest(request: Exclude<HookRequest, { kind: 'ignore' }>, checks: readonly Check[]): Promise<Result | undefined> {
  if (request.kind === 'stop') return (await analyzeForAgent({ cwd: request.cwd, checks })).result;
  const { loadProject } = await import('../load/loadProject.js');
  const project = await loadProject({ processCwd: request.cwd, checks });
  const configured = checks.filter((check) => (FAST_CHECKS as readonly string[]).includes(check.id) && (check.isConfigured?.(project.config) ?? true));
  // A file npvguard does not check (a README, a file outside the project, a deleted file) needs no answer.
  const files = request.files.filter((file) => project.files.some((known) => file === `${project.root}/${known}`));
  if (configured.length === 0 || files.length === 0) return undefined;
  return (await analyzeForAgent({ cwd: request.cwd, checks, files, only: configured.map((check) => check.id) })).result;
}

function answerFor(options: HookOptions, request: Exclude<HookRequest, { kind: 'ignore' }>, result: Result, checks: readonly Check[]): HookAnswer {
  if (exitCodeFor(result) === 0) return { exitCode: 0, ...(options.agent === 'cursor' ? { stdout: '{}\n' } : {}) };
  const scope = request.kind === 'edit' ? 'in the file just edited' : 'in this change';
  const findings = report(result, checks);
  const message = `npvguard found problems ${scope}; fix them (each line names the rule and a fix; \`npvguard explain <ruleId>\` has the doc):\n${findings}`;
  if (options.agent === 'claude') return { exitCode: 2, stderr: message };
  // Cursor cannot undo an edit; at stop it submits followup_message as the next user message.
  if (request.kind === 'stop') return { exitCode: 0, stdout: `${JSON.stringify({ followup_message: message })}\n` };
  return { exitCode: 0, stdout: `${JSON.stringify({ additional_context: message })}\n`, stderr: message };
}

function timeoutAfter(seconds: number): { promise: Promise<'timeout'>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), seconds * 1000);
  });
  return { promise, cancel: () => clearTimeout(timer) };
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
    const timer = timeoutAfter(seconds);
    const outcome = await Promise.race([analyzeRequest(request, checks), timer.promise]).finally(timer.cancel);
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
