import type { ReportFormat } from './formats.js';

/**
 * Environment variables AI coding agents set in the shells they run: Claude Code (CLAUDECODE), Cursor's agent
 * (CURSOR_AGENT), the cross-tool AI_AGENT convention, Codex, Gemini CLI, Cline, Aider, Goose, Amp, opencode.
 */
const AGENT_VARIABLES = ['CLAUDECODE', 'CLAUDE_CODE_ENTRYPOINT', 'CURSOR_AGENT', 'AI_AGENT', 'CODEX', 'CODEX_SANDBOX', 'GEMINI_CLI', 'CLINE_ACTIVE', 'AIDER', 'GOOSE_TERMINAL', 'AMP', 'OPENCODE'] as const;

/** The agent variable that is set, if any ("0" and "false" do not count). */
export function detectAgent(env: Readonly<Record<string, string | undefined>>): string | undefined {
  return AGENT_VARIABLES.find((name) => {
    const value = env[name];
    return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
  });
}

/** `--format` when not given: one terse line per finding for an agent, the readable report for a person. */
export function defaultFormat(env: Readonly<Record<string, string | undefined>>): ReportFormat {
  return detectAgent(env) === undefined ? 'stylish' : 'compact';
}
