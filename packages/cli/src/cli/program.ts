import { Command, Option } from 'commander';
import type { CliIO } from '../io/io.js';
import { cliVersion } from '../shared/version.js';
import {
  BASELINE_OPTIONS,
  BOUNDARIES_OPTIONS,
  CHECK_OPTIONS,
  LATENCY_OPTIONS,
  CONTRACTS_UPDATE_OPTIONS,
  CONTRACTS_DIFF_OPTIONS,
  type ContractsUpdateOptions,
  type ContractsDiffOptions,
  type BaselineOptions,
  type BoundariesOptions,
  type CheckOptions,
  type LatencyOptions,
  type OptionSpec,
  MCP_OPTIONS,
  HOOK_OPTIONS,
  RULES_OPTIONS,
  INIT_OPTIONS,
  type McpCommandOptions,
  type HookCommandOptions,
  type RulesCommandOptions,
  type InitCommandOptions,
} from './options.js';

/** What the command line asked for, after parsing and before anything runs. */
export type Invocation =
  | { command: 'check'; paths: string[]; options: CheckOptions }
  | { command: 'boundaries'; paths: string[]; options: BoundariesOptions }
  | { command: 'baseline'; paths: string[]; options: BaselineOptions }
  | { command: 'latency'; paths: string[]; options: LatencyOptions }
  | { command: 'contracts-update'; paths: string[]; options: ContractsUpdateOptions }
  | { command: 'contracts-diff'; paths: string[]; options: ContractsDiffOptions }
  | { command: 'mcp'; paths: string[]; options: McpCommandOptions }
  | { command: 'hook'; paths: string[]; options: HookCommandOptions }
  | { command: 'explain'; paths: string[]; options: Record<string, never> }
  | { command: 'rules'; paths: string[]; options: RulesCommandOptions }
  | { command: 'init'; paths: string[]; options: InitCommandOptions };

export type InvocationHandler = (invocation: Invocation) => Promise<void> | void;

function addOptions(command: Command, table: Record<string, OptionSpec>): Command {
  for (const spec of Object.values(table)) {
    const option = new Option(spec.flags, spec.description);
    if (spec.choices !== undefined) option.choices(spec.choices);
    if (spec.parse !== undefined) option.argParser(spec.parse);
    if (spec.defaultValue !== undefined) option.default(spec.defaultValue);
    command.addOption(option);
  }
  return command;
}

/**
 * The commander program. Actions only hand the parsed invocation to `handler`, so the same program
 * serves `main` (which runs it) and `parseCLI` (which returns it).
 */
export function createProgram(io: Pick<CliIO, 'stdout' | 'stderr'>, handler: InvocationHandler): Command {
  const program = new Command('npvguard')
    .description('Verify AI-generated changes to a TypeScript backend service before they merge.')
    .version(cliVersion(), '-v, --version', 'print the npvguard version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      // Commander's own error lines are replaced by one coded NPV2001 paragraph (see main).
      writeErr: (text) => (text.startsWith('error:') ? undefined : io.stderr.write(text)),
    });

  addOptions(
    program
      .command('check')
      .description('run every configured check (or those chosen with --only) and report the findings')
      .argument('[paths...]', 'limit the report to these files or folders (default: the whole project)'),
    CHECK_OPTIONS,
  ).action(async (paths: string[], _options: unknown, command: Command) => {
    await handler({ command: 'check', paths, options: command.opts<CheckOptions>() });
  });

  addOptions(
    program
      .command('boundaries')
      .description('run the boundaries check alone (same as `check --only boundaries`)')
      .argument('[paths...]', 'limit the report to these files or folders (default: the whole project)'),
    BOUNDARIES_OPTIONS,
  ).action(async (paths: string[], _options: unknown, command: Command) => {
    await handler({ command: 'boundaries', paths, options: command.opts<BoundariesOptions>() });
  });

  addOptions(
    program
      .command('latency')
      .description('run the latency check alone (same as `check --only latency`); --measure adds the load test and, with --base, the base comparison')
      .argument('[paths...]', 'limit the report to these files or folders (default: the whole project)'),
    LATENCY_OPTIONS,
  ).action(async (paths: string[], _options: unknown, command: Command) => {
    await handler({ command: 'latency', paths, options: command.opts<LatencyOptions>() });
  });

  const contracts = program.command('contracts').description('write the contract snapshots, or diff two OpenAPI documents');
  addOptions(
    contracts.command('update').description('extract the OpenAPI snapshot from the app (and, with --model-url, each model\'s metadata snapshot) and write them'),
    CONTRACTS_UPDATE_OPTIONS,
  ).action(async (_options: unknown, command: Command) => {
    await handler({ command: 'contracts-update', paths: [], options: command.opts<ContractsUpdateOptions>() });
  });
  addOptions(
    contracts
      .command('diff')
      .description('the semantic diff of two OpenAPI 3.0/3.1 documents (JSON or YAML files, or <git ref>:<path>); exits 1 on a breaking change')
      .argument('<old>', 'the old document: a file or <git ref>:<path>')
      .argument('<new>', 'the new document: a file or <git ref>:<path>'),
    CONTRACTS_DIFF_OPTIONS,
  ).action(async (oldDocument: string, newDocument: string, _options: unknown, command: Command) => {
    await handler({ command: 'contracts-diff', paths: [oldDocument, newDocument], options: command.opts<ContractsDiffOptions>() });
  });

  addOptions(
    program
      .command('baseline')
      .description('show how the baseline file compares with the current findings; --update rewrites it'),
    BASELINE_OPTIONS,
  ).action(async (_options: unknown, command: Command) => {
    await handler({ command: 'baseline', paths: [], options: command.opts<BaselineOptions>() });
  });

  addOptions(program.command('mcp').description('serve the checks to AI agents over MCP (stdio): check, explain_rule, list_rules, contract_diff, latency_report'), MCP_OPTIONS).action(
    async (_options: unknown, command: Command) => {
      await handler({ command: 'mcp', paths: [], options: command.opts<McpCommandOptions>() });
    },
  );

  const hook = addOptions(
    program
      .command('hook')
      .description('answer an agent hook: reads the payload on stdin, checks the touched files (or the whole change at stop), blocks on findings')
      .argument('<agent>', 'the agent sending the payload: claude or cursor'),
    HOOK_OPTIONS,
  );
  hook.action(async (agent: string, _options: unknown, command: Command) => {
    await handler({ command: 'hook', paths: [agent], options: command.opts<HookCommandOptions>() });
  });

  program
    .command('explain')
    .description('print the documentation of a rule (what it finds, why, incorrect and correct examples, how to fix) or of an error code')
    .argument('<ruleId>', 'a rule id, e.g. boundaries/forbidden-import (`npvguard rules` lists them), or an error code, e.g. NPV2301')
    .action(async (ruleId: string) => {
      await handler({ command: 'explain', paths: [ruleId], options: {} });
    });

  addOptions(program.command('rules').description('list every rule id npvguard can report'), RULES_OPTIONS).action(async (_options: unknown, command: Command) => {
    await handler({ command: 'rules', paths: [], options: command.opts<RulesCommandOptions>() });
  });

  addOptions(
    program.command('init').description('write a starting npvguard.config.ts, the ESLint entry, the CI workflow and (with --agents) agent hook files; never overwrites without --force'),
    INIT_OPTIONS,
  ).action(async (_options: unknown, command: Command) => {
    await handler({ command: 'init', paths: [], options: command.opts<InitCommandOptions>() });
  });

  return program;
}
