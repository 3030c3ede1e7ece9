import type { Check } from '@npvguard/core';
import type { CliIO } from '../io/io.js';
import type { CheckSide } from './analyze.js';

export interface Progress {
  start(check: Check, side: CheckSide): void;
  finish(check: Check, side: CheckSide): void;
  done(): void;
}

const SILENT: Progress = { start: () => undefined, finish: () => undefined, done: () => undefined };

function label(check: Check, side: CheckSide): string {
  return side === 'base' ? `${check.id} (base)` : check.id;
}

/**
 * A one-line "checking <ids>…" status naming the checks running now (several run side by side), only on an
 * interactive stderr so logs and pipes stay clean.
 */
export function createProgress(io: CliIO, quiet: boolean): Progress {
  if (quiet || io.stderr.isTTY !== true) return SILENT;
  const running: string[] = [];
  let shown = false;
  const show = (): void => {
    io.stderr.write(`\r\u001b[Kchecking ${running.join(', ')}…`);
    shown = true;
  };
  return {
    start(check, side) {
      running.push(label(check, side));
      show();
    },
    finish(check, side) {
      const index = running.indexOf(label(check, side));
      if (index !== -1) running.splice(index, 1);
      // The line is rewritten when the next check starts; with none left running, done() clears it.
      if (running.length > 0) show();
    },
    done() {
      if (shown) io.stderr.write('\r\u001b[K');
      shown = false;
    },
  };
}
