import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';

export interface Measurement {
  wallMs: number;
  /** Peak resident set size of the measured process, when known. */
  maxRssKb?: number;
  stdout: string;
  stderr: string;
}

const TIME = '/usr/bin/time';
export const HAS_GNU_TIME = fs.existsSync(TIME);

/**
 * Runs one command in a fresh process and measures its wall time from the outside; under GNU time
 * (when installed) its peak RSS too. Never through a shell.
 */
export function measure(command: string, args: readonly string[], cwd: string): Promise<Measurement> {
  const [file, fullArgs] = HAS_GNU_TIME ? [TIME, ['-v', command, ...args]] : [command, [...args]];
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(file, fullArgs, { cwd, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      const wallMs = performance.now() - started;
      if (error !== null) {
        reject(new Error(`${command} ${args.join(' ')} failed: ${error.message}\n${stderr.slice(-2000)}`));
        return;
      }
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      resolve({ wallMs, stdout, stderr, ...(rss?.[1] === undefined ? {} : { maxRssKb: Number(rss[1]) }) });
    });
  });
}

export function run(command: string, args: readonly string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error !== null) reject(new Error(`${command} ${args.join(' ')} failed: ${error.message}\n${stdout}${stderr}`));
      else resolve(stdout);
    });
  });
}
