import { CommanderError } from 'commander';
import type { Check } from '@npvguard/core';
import type { CliIO } from './io/io.js';
import { createProgram, type Invocation } from './cli/program.js';
import { isHelpOrVersion, usageError } from './cli/parse.js';
import { formatError, isDebug } from './cli/formatError.js';

export interface MainDependencies {
  /** The checks to run; defaults to the registry in src/checks. Tests pass small checks of their own. */
  checks?: readonly Check[];
}

async function registeredChecks(dependencies: MainDependencies): Promise<readonly Check[]> {
  return dependencies.checks ?? (await import('./checks/index.js')).CHECKS;
}

/** Commands import their implementation only when chosen, so `--help` stays fast. */
async function runInvocation(invocation: Invocation, io: CliIO, dependencies: MainDependencies): Promise<number> {
  const checks = await registeredChecks(dependencies);
  switch (invocation.command) {
    case 'check': {
      const { runCheckCommand } = await import('./commands/check.js');
      return runCheckCommand(invocation.paths, invocation.options, io, checks);
    }
    case 'boundaries': {
      const { runCheckCommand } = await import('./commands/check.js');
      return runCheckCommand(invocation.paths, { ...invocation.options, only: ['boundaries'], measure: false }, io, checks);
    }
    case 'contracts-update': {
      const { runContractsUpdate } = await import('./commands/contracts.js');
      return runContractsUpdate(invocation.options, io, checks);
    }
    case 'contracts-diff': {
      const { runContractsDiff } = await import('./commands/contractsDiff.js');
      return runContractsDiff(invocation.paths, invocation.options, io, checks);
    }
    case 'latency': {
      const { runCheckCommand } = await import('./commands/check.js');
      return runCheckCommand(invocation.paths, { ...invocation.options, only: ['latency'] }, io, checks);
    }
    case 'mcp': {
      const { runMcpServer } = await import('./mcp/mcpServer.js');
      return runMcpServer(invocation.options, io, checks);
    }
    case 'hook': {
      const { runHookCommand } = await import('./hooks/runHook.js');
      const { hookAgent } = await import('./hooks/payload.js');
      const { event, maxLoops, timeout } = invocation.options;
      return runHookCommand({ agent: hookAgent(invocation.paths[0] ?? ''), event, maxLoops: maxLoops ?? 3, ...(timeout === undefined ? {} : { timeout }) }, io, checks);
    }
    case 'explain': {
      const { runExplainCommand } = await import('./commands/explain.js');
      return runExplainCommand(invocation.paths[0] ?? '', io, checks);
    }
    case 'rules': {
      const { runRulesCommand } = await import('./commands/explain.js');
      return runRulesCommand(invocation.options, io, checks);
    }
    case 'init': {
      const { runInitCommand } = await import('./init/runInit.js');
      return runInitCommand(invocation.options, io, checks);
    }
    case 'baseline': {
      const { runBaselineCommand } = await import('./commands/baseline.js');
      return runBaselineCommand(invocation.options, io, checks);
    }
  }
}

/**
 * The whole CLI as a function: parses `argv` (as in process.argv), runs the command and returns the exit code.
 * Never throws and never exits the process; errors are printed to `io.stderr` as coded paragraphs.
 */
export async function main(argv: readonly string[], io: CliIO, dependencies: MainDependencies = {}): Promise<number> {
  const debug = isDebug(argv, io.env);
  let exitCode = 0;
  const program = createProgram(io, async (invocation) => {
    exitCode = await runInvocation(invocation, io, dependencies);
  });
  try {
    await program.parseAsync([...argv], { from: 'node' });
    return exitCode;
  } catch (error) {
    if (isHelpOrVersion(error)) return 0;
    io.stderr.write(formatError(error instanceof CommanderError ? usageError(error) : error, debug));
    return 2;
  }
}
