import { errorDocsLine, isNpvError } from '@npvguard/core';
import type { CliIO } from '../io/io.js';

/** Stack traces are for npvguard's own bugs and only on request. */
export function isDebug(argv: readonly string[], env: CliIO['env']): boolean {
  return env.NPVGUARD_DEBUG === '1' || argv.includes('--debug');
}

function oneParagraph(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * An error as printed on stderr: `error NPV1003: <one paragraph>` and where its explanation is (offline and online).
 * Only an unexpected exception (NPV9001) can carry a stack trace, and only when debugging.
 */
export function formatError(error: unknown, debug: boolean): string {
  if (isNpvError(error)) {
    return `error ${error.code}: ${oneParagraph(error.message)}\n  ${errorDocsLine(error.code)}\n`;
  }
  const message = error instanceof Error ? error.message : String(error);
  const stack = debug && error instanceof Error && error.stack !== undefined ? `${error.stack}\n` : '';
  const hint = debug ? '' : '  run again with --debug (or NPVGUARD_DEBUG=1) for the stack trace\n';
  return `error NPV9001: internal error: ${oneParagraph(message)}\n  ${errorDocsLine('NPV9001')}\n${hint}${stack}`;
}
