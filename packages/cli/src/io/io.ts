import type { Readable } from 'node:stream';

/** A stream the CLI writes to; `isTTY` decides colour and progress output. */
export interface OutputStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

/** Everything the CLI reads from its process, injected so tests run it in-process. */
export interface CliIO {
  stdout: OutputStream;
  stderr: OutputStream;
  env: Readonly<Record<string, string | undefined>>;
  /** Working directory the command runs from; `--cwd` is resolved against it. */
  cwd: string;
  /** The process's stdin: the hook adapters read the agent's payload from it, `npvguard mcp` speaks over it. */
  stdin?: Readable;
  /** Milliseconds from an arbitrary origin; used only for check durations. */
  now?: () => number;
}
