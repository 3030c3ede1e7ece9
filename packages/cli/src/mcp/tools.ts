import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { NpvError, type Check, type Result } from '@npvguard/core';
import { formatError } from '../cli/formatError.js';
import { explainRule, listRules } from '../explain/explainRule.js';
import type { LatencyData } from '../checks/latency/data.js';
import { analyzeForAgent } from './analyzeForAgent.js';
import { explanationShape, resultShape, rulesShape } from './schemas.js';

export interface ToolContext {
  /** The project folder the server was started for; every path an agent passes stays under its project root. */
  cwd: string;
  checks: readonly Check[];
}

/** Nothing a tool does changes the project: the agent's client may call them without asking. */
const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false } as const;

function structured(value: object, isError = false): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(value, null, 2) }], structuredContent: { ...value }, ...(isError ? { isError: true } : {}) };
}

/** Findings are a normal answer; a tool fails (isError) only when it, or one of its checks, could not run. */
function resultAnswer(result: Result): CallToolResult {
  return structured(result, result.checks.some((run) => run.status === 'error'));
}

/** A refused or failed call: the coded paragraph the CLI prints, never a stack trace. */
function failure(error: unknown): CallToolResult {
  return { content: [{ type: 'text', text: formatError(error, false).trim() }], isError: true };
}

async function guarded(work: () => Promise<CallToolResult> | CallToolResult): Promise<CallToolResult> {
  try {
    return await work();
  } catch (error) {
    return failure(error);
  }
}

/** `latency_report --route`: the result with the latency data and findings of that route only. */
function forRoute(result: Result, route: string): Result {
  const latency = result.checks.find((run) => run.id === 'latency');
  const known = ((latency?.data as LatencyData | undefined)?.routes ?? []).map((entry) => entry.route);
  if (!known.includes(route)) {
    throw new NpvError('NPV2406', `The latency check found no route "${route}". Routes: ${known.join(', ') || '(none)'}.`, { route, known });
  }
  const checks = result.checks.map((run) => {
    if (run.id !== 'latency' || run.data === undefined) return run;
    const data = run.data as unknown as LatencyData;
    const routes = data.routes.filter((entry) => entry.route === route);
    const view = run.view?.map((block) => (block.kind === 'table' ? { ...block, rows: block.rows.filter((row) => row.key === route), lines: block.lines.filter((_, index) => block.rows[index]?.key === route) } : block));
    return { ...run, data: { ...run.data, routes }, ...(view === undefined ? {} : { view }) };
  });
  const findings = result.findings.filter((finding) => finding.check !== 'latency' || finding.data?.route === undefined || finding.data.route === route);
  return { ...result, checks, findings };
}

export function registerTools(server: McpServer, context: ToolContext): void {
  const { cwd, checks } = context;

  server.registerTool(
    'check',
    {
      title: 'Run npvguard checks',
      description:
        'Runs the configured npvguard checks (boundaries, contracts, latency, lint, integrity: whatever the project configures) and returns the same result object as `npvguard check --format json`. Findings carry ruleId, file, line, message and a fix hint; call explain_rule for a rule\'s doc.',
      inputSchema: {
        files: z.array(z.string()).optional().describe('Limit the report to these files or folders, relative to the project root. Paths outside it are refused.'),
        base: z
          .string()
          .optional()
          .describe(
            'A git ref; findings already present there are marked baseline and do not fail the verdict. Default: the merge base of the default branch (config agent.base, else origin/HEAD, main or master) when commits were made on top of it, else HEAD.',
          ),
        only: z.array(z.string()).optional().describe('Run only these checks (ids as in list_rules).'),
      },
      outputSchema: resultShape,
      annotations: { title: 'Run npvguard checks', ...READ_ONLY },
    },
    (input, extra) =>
      guarded(async () => {
        // A request the client cancels stops its checks.
        // What was committed on the branch is part of the change: without a base, compare with the merge base.
        const { result } = await analyzeForAgent({ cwd, checks, ...input, sinceMergeBase: true, signal: extra.signal });
        return resultAnswer(result);
      }),
  );

  server.registerTool(
    'explain_rule',
    {
      title: 'Explain an npvguard rule',
      description: 'The documentation of one rule id: what it finds, why it matters, incorrect and correct examples, how to fix it. An unknown id fails with the closest ids.',
      inputSchema: { ruleId: z.string().describe('A rule id such as boundaries/forbidden-import or lint/npvguard/require-timeout.') },
      outputSchema: explanationShape,
      annotations: { title: 'Explain an npvguard rule', ...READ_ONLY },
    },
    ({ ruleId }) => guarded(() => structured(explainRule(ruleId, checks))),
  );

  server.registerTool(
    'list_rules',
    {
      title: 'List npvguard rules',
      description: 'Every rule id npvguard can report, with its check, default severity, one-line description and doc page.',
      outputSchema: rulesShape,
      annotations: { title: 'List npvguard rules', ...READ_ONLY },
    },
    () => guarded(() => structured({ rules: listRules(checks) })),
  );

  server.registerTool(
    'contract_diff',
    {
      title: 'Check the API and model contracts',
      description:
        'Runs the contracts check: the app\'s OpenAPI against its snapshot, property tests, the model contract and, with base, the semantic diff against the snapshot at that git ref (breaking changes as findings).',
      inputSchema: { base: z.string().optional().describe('A git ref to diff the contract against, e.g. origin/main.') },
      outputSchema: resultShape,
      annotations: { title: 'Check the API and model contracts', ...READ_ONLY },
    },
    ({ base }) =>
      guarded(async () => {
        const { result } = await analyzeForAgent({ cwd, checks, only: ['contracts'], ...(base === undefined ? {} : { base }) });
        return resultAnswer(result);
      }),
  );

  server.registerTool(
    'latency_report',
    {
      title: 'Report latency budgets',
      description:
        'Runs the static latency check: per route, the budget, the static critical-path bound and its calls, the headroom, and findings such as missing timeouts or awaited side effects.',
      inputSchema: { route: z.string().optional().describe('Only this route, as "METHOD /path" (e.g. "GET /users/:id").') },
      outputSchema: resultShape,
      annotations: { title: 'Report latency budgets', ...READ_ONLY },
    },
    ({ route }) =>
      guarded(async () => {
        const { result } = await analyzeForAgent({ cwd, checks, only: ['latency'] });
        return resultAnswer(route === undefined ? result : forRoute(result, route));
      }),
  );
}
