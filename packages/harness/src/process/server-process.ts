import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** How a child process ended. */
export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A server that did not start: it exited first, or never printed its listening line. */
export class ServerProcessError extends Error {
  readonly output: readonly string[];

  constructor(message: string, output: readonly string[]) {
    super(output.length === 0 ? message : `${message}\nlast output:\n${output.join('\n')}`);
    this.name = 'ServerProcessError';
    this.output = output;
  }
}

export interface StartServerProcessOptions {
  /** Label used in errors. */
  name: string;
  /** Arguments to the executable; the first is usually the script. */
  args: readonly string[];
  /** Executable; the running Node by default. */
  command?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /**
   * Start the child in its own process group, so a Ctrl-C in the terminal reaches only the parent,
   * which can then stop its children in the order it chooses.
   */
  detached?: boolean;
  /**
   * The URL the server will listen on, for a server that does not print a listening line (for
   * example with info logs turned off). The process is then returned as soon as it has spawned;
   * check readiness with waitForHttpOk.
   */
  url?: string;
  /** How long to wait for the listening line. Default 30 s. */
  readyTimeoutMs?: number;
  /** Every output line, as it arrives. */
  onOutput?: (line: string, stream: 'stdout' | 'stderr') => void;
}

export interface ServerProcess {
  name: string;
  child: ChildProcess;
  pid: number;
  /** The URL from the child's `listening on <url>` line. */
  url: string;
  /** Settles when the child has exited. */
  exited: Promise<ProcessExit>;
  /** Whether the child is still running. */
  readonly running: boolean;
  /** Sends `signal` (SIGTERM by default), then SIGKILL after `timeoutMs` (default 10 s); resolves on exit. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<ProcessExit>;
}

const LISTENING_LINE = /listening on (https?:\/\/[^\s"]+)/;
const KEPT_LINES = 20;

/**
 * Spawns a server (no shell: the arguments go to the executable as they are) and resolves once it
 * prints `listening on http://host:port`. The child is killed if it does not get there in time.
 */
export function startServerProcess(options: StartServerProcessOptions): Promise<ServerProcess> {
  const child = spawn(options.command ?? process.execPath, [...options.args], {
    cwd: options.cwd,
    env: options.env ?? process.env,
    detached: options.detached ?? false,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const recent: string[] = [];
  let exitInfo: ProcessExit | undefined;
  const exited = new Promise<ProcessExit>((resolve) => {
    child.once('exit', (code, signal) => {
      exitInfo = { code, signal };
      resolve(exitInfo);
    });
  });
  // A spawn failure (e.g. the command does not exist) arrives as 'error' without 'exit'.
  const spawnFailed = new Promise<Error>((resolve) => child.once('error', resolve));

  const stop = async (signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 10_000): Promise<ProcessExit> => {
    if (exitInfo !== undefined) return exitInfo;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    try {
      return await exited;
    } finally {
      clearTimeout(timer);
    }
  };

  const handle = (pid: number, url: string): ServerProcess => ({
    name: options.name,
    child,
    pid,
    url,
    exited,
    get running() {
      return exitInfo === undefined;
    },
    stop,
  });

  return new Promise<ServerProcess>((resolve, reject) => {
    let settled = false;
    const fail = (message: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void stop('SIGKILL');
      reject(new ServerProcessError(`${options.name}: ${message}`, recent));
    };
    const timeoutMs = options.readyTimeoutMs ?? 30_000;
    const timer = setTimeout(() => fail(`no "listening on" line within ${timeoutMs} ms`), timeoutMs);

    const watch = (stream: NodeJS.ReadableStream, name: 'stdout' | 'stderr') => {
      createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on('line', (line) => {
        recent.push(line);
        if (recent.length > KEPT_LINES) recent.shift();
        options.onOutput?.(line, name);
        const match = LISTENING_LINE.exec(line);
        if (match?.[1] !== undefined && !settled && child.pid !== undefined) {
          settled = true;
          clearTimeout(timer);
          resolve(handle(child.pid, match[1]));
        }
      });
    };
    watch(child.stdout!, 'stdout');
    watch(child.stderr!, 'stderr');
    const knownUrl = options.url;
    if (knownUrl !== undefined) {
      child.once('spawn', () => {
        if (settled || child.pid === undefined) return;
        settled = true;
        clearTimeout(timer);
        resolve(handle(child.pid, knownUrl));
      });
    }
    void exited.then(({ code, signal }) => fail(`exited (${signal ?? `code ${code}`}) before listening`));
    void spawnFailed.then((error) => fail(`could not start: ${error.message}`));
  });
}
