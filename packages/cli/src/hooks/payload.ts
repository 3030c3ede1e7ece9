import path from 'node:path';
import { NpvError } from '@npvguard/core';

export const HOOK_AGENTS = ['claude', 'cursor'] as const;
export type HookAgent = (typeof HOOK_AGENTS)[number];

/** Events as named on the command line: Claude Code's PostToolUse/Stop, Cursor's afterFileEdit/stop. */
export const HOOK_EVENTS = ['post-tool-use', 'after-file-edit', 'stop'] as const;
export type HookEvent = (typeof HOOK_EVENTS)[number];

/** What a payload asks for, whichever agent sent it. */
export type HookRequest =
  | { kind: 'edit'; cwd: string; files: string[] }
  | { kind: 'stop'; cwd: string; alreadyContinued: boolean; loopCount: number }
  /** A tool call that edited nothing npvguard checks (a Bash or Read call, a notebook). */
  | { kind: 'ignore'; reason: string };

/** Claude Code's file-editing tools; their `tool_input.file_path` is the touched file. */
const CLAUDE_EDIT_TOOLS = new Set(['Edit', 'Write', 'MultiEdit']);

type Payload = Record<string, unknown>;

export function hookAgent(name: string): HookAgent {
  if (!(HOOK_AGENTS as readonly string[]).includes(name)) {
    throw new NpvError('NPV2001', `Unknown agent "${name}" for npvguard hook: use ${HOOK_AGENTS.join(' or ')}. Run \`npvguard hook --help\` for usage.`, { agent: name });
  }
  return name as HookAgent;
}

export function parsePayload(text: string): Payload {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new NpvError('NPV2403', `The hook payload on stdin is not JSON: ${error instanceof Error ? error.message : String(error)}.`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new NpvError('NPV2403', 'The hook payload on stdin must be a JSON object.');
  }
  return value as Payload;
}

function text(payload: Payload, key: string): string | undefined {
  const value = payload[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function record(value: unknown): Payload | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Payload) : undefined;
}

/** Cursor sends the open workspace folders; the first is the project. */
function cursorCwd(payload: Payload, fallback: string): string {
  const roots = payload.workspace_roots;
  const first = Array.isArray(roots) ? roots.find((root): root is string => typeof root === 'string' && root !== '') : undefined;
  return first ?? fallback;
}

function claudeRequest(event: HookEvent, payload: Payload, fallbackCwd: string): HookRequest {
  const cwd = text(payload, 'cwd') ?? fallbackCwd;
  if (event === 'stop') return { kind: 'stop', cwd, alreadyContinued: payload.stop_hook_active === true, loopCount: 0 };
  const tool = text(payload, 'tool_name') ?? '';
  if (!CLAUDE_EDIT_TOOLS.has(tool)) return { kind: 'ignore', reason: `${tool || 'the tool'} does not edit files` };
  const file = text(record(payload.tool_input) ?? {}, 'file_path');
  if (file === undefined) return { kind: 'ignore', reason: `${tool} carried no tool_input.file_path` };
  return { kind: 'edit', cwd, files: [path.resolve(cwd, file)] };
}

function cursorRequest(event: HookEvent, payload: Payload, fallbackCwd: string): HookRequest {
  const cwd = cursorCwd(payload, fallbackCwd);
  if (event === 'stop') {
    const loopCount = typeof payload.loop_count === 'number' ? payload.loop_count : 0;
    return { kind: 'stop', cwd, alreadyContinued: false, loopCount };
  }
  const file = text(payload, 'file_path');
  if (file === undefined) return { kind: 'ignore', reason: 'afterFileEdit carried no file_path' };
  return { kind: 'edit', cwd, files: [path.resolve(cwd, file)] };
}

/** Reads one agent's payload; an event the agent does not have is a usage error. */
export function hookRequest(agent: HookAgent, event: HookEvent, payload: Payload, fallbackCwd: string): HookRequest {
  if (agent === 'claude' && event === 'after-file-edit') {
    throw new NpvError('NPV2403', 'Claude Code has no after-file-edit event; use --event post-tool-use (after Edit, Write, MultiEdit) or --event stop.');
  }
  if (agent === 'cursor' && event === 'post-tool-use') {
    throw new NpvError('NPV2403', 'Cursor has no post-tool-use event; use --event after-file-edit or --event stop.');
  }
  return agent === 'claude' ? claudeRequest(event, payload, fallbackCwd) : cursorRequest(event, payload, fallbackCwd);
}
