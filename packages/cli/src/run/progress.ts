import type { Check } from '@npvguard/core';
import type { CliIO } from '../cli/io.js';

export interface Progress {
  start(check: Check): void;
  done(): void;
}

const SILENT: Progress = { start: () => undefined, done: () => undefined };

/** A one-line "checking <id>…" status, only on an interactive stderr so logs and pipes stay clean. */
export function createProgress(io: CliIO, quiet: boolean): Progress {
  if (quiet || io.stderr.isTTY !== true) return SILENT;
  let shown = false;
  return {
    start(check) {
      io.stderr.write(`\r\u001b[Kchecking ${check.id}…`);
      shown = true;
    },
    done() {
      if (shown) io.stderr.write('\r\u001b[K');
      shown = false;
    },
  };
}
