import { CommanderError } from 'commander';
import { NpvError } from '@npvguard/core';
import { createProgram, type Invocation } from './program.js';

/** Commander outcomes that are a successful end of the program, not an error. */
const HELP_CODES = new Set(['commander.helpDisplayed', 'commander.version']);

export function isHelpOrVersion(error: unknown): boolean {
  return error instanceof CommanderError && HELP_CODES.has(error.code);
}

/** Commander's usage error as the coded NPV2001 paragraph every other error uses. */
export function usageError(error: CommanderError): NpvError {
  if (error.code === 'commander.help') {
    return new NpvError('NPV2001', 'No command given. Run `npvguard check` to check the project, or `npvguard --help` for every command.');
  }
  const text = error.message.replace(/^error:\s*/, '').replace(/\s+/g, ' ').trim();
  return new NpvError('NPV2001', `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.?!)]$/.test(text) ? '' : '.'} Run \`npvguard --help\` for usage.`, {
    commanderCode: error.code,
  });
}

/**
 * Parses user arguments (without `node` and the script path) into an invocation, without running it.
 * Throws NpvError NPV2001 on a usage error; help and version output are not invocations and also throw.
 */
export function parseCLI(argv: readonly string[]): Invocation {
  let parsed: Invocation | undefined;
  const silent = { write: () => true };
  const program = createProgram({ stdout: silent, stderr: silent }, (invocation) => {
    parsed = invocation;
  });
  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError && !isHelpOrVersion(error)) throw usageError(error);
    throw error;
  }
  if (parsed === undefined) throw new NpvError('NPV2001', 'No command given. Run `npvguard --help` for usage.');
  return parsed;
}
