import { Console } from 'node:console';
import { Writable } from 'node:stream';

/** The console methods that print. */
const PRINTING = ['log', 'info', 'debug', 'warn', 'error', 'trace', 'dir', 'dirxml', 'table', 'group', 'groupCollapsed', 'count', 'timeLog', 'assert'] as const;

/** Lines kept of what the app printed, for the check's data. */
const KEPT_LINES = 5;
const KEPT_LENGTH = 200;

export interface AppConsoleOutput {
  /** Lines the app printed through `console` while the check ran it. */
  lines: number;
  /** The first few, shortened. */
  first: string[];
}

export interface ConsoleCapture {
  readonly output: AppConsoleOutput;
  /** Puts the console methods back. */
  stop(): void;
}

/** Outputs of the captures running now: checks may overlap (a head and a base run), so one install serves them all. */
const active = new Set<AppConsoleOutput>();
let restore: (() => void) | undefined;

function record(text: string): void {
  for (const line of text.split('\n')) {
    if (line === '') continue;
    for (const output of active) {
      output.lines += 1;
      if (output.first.length < KEPT_LINES) output.first.push(line.slice(0, KEPT_LENGTH));
    }
  }
}

function install(): () => void {
  const sink = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      record(String(chunk));
      done();
    },
  });
  const capturing = new Console({ stdout: sink, stderr: sink });
  const saved = PRINTING.map((method) => [method, Object.getOwnPropertyDescriptor(console, method)] as const);
  for (const method of PRINTING) {
    Object.defineProperty(console, method, { value: capturing[method].bind(capturing), configurable: true, writable: true, enumerable: true });
  }
  return () => {
    for (const [method, descriptor] of saved) {
      if (descriptor === undefined) Reflect.deleteProperty(console, method);
      else Object.defineProperty(console, method, descriptor);
    }
  };
}

/**
 * Keeps what the app under check prints through the global `console` out of npvguard's own output: the app
 * runs in this process, and a `console.debug` in a handler the property tests reach would land in the middle
 * of a JSON or SARIF report on stdout. The lines are counted and the first few kept for the check's data.
 * A logger writing to the file descriptor itself (pino's default destination) is not caught: give the app
 * options that silence it (`contracts.appOptions`).
 */
export function captureConsole(): ConsoleCapture {
  const output: AppConsoleOutput = { lines: 0, first: [] };
  active.add(output);
  restore ??= install();
  return {
    output,
    stop() {
      if (!active.delete(output) || active.size > 0) return;
      restore?.();
      restore = undefined;
    },
  };
}
