import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const started: ChildProcess[] = [];

afterAll(() => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function startMain(args: string[]): ChildProcess {
  const child = spawn(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, MODEL_PORT: '' } });
  started.push(child);
  return child;
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

function collect(stream: NodeJS.ReadableStream | null): () => string {
  let text = '';
  stream?.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
  });
  return () => text;
}

/** Resolves with the URL from the "listening on" log line, or rejects if the process ends first. */
function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = /listening on (http:\/\/[^\s"]+)/.exec(line);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`model server exited with ${code} before listening`)));
  });
}

describe('dist/main.js as a real process', () => {
  it('listens on a free port, answers readiness over HTTP, and stops cleanly on SIGTERM', async () => {
    const child = startMain(['--port', '0', '--log-level', 'warn']);
    const stderr = collect(child.stderr);
    const url = await listeningUrl(child);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const ready = await fetch(`${url}/v2/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true });
    const infer = await fetch(`${url}/v2/models/npv-ranker/infer`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ inputs: [{ name: 'features', shape: [1, 12], datatype: 'FP32', data: Array<number>(12).fill(0.5) }] }),
    });
    expect(infer.status).toBe(200);

    child.kill('SIGTERM');
    expect(await exited(child)).toEqual({ code: 0, signal: null });
    expect(stderr()).toBe('');
  });

  it('passes fault flags through: --error-rate 1 answers 500', async () => {
    const child = startMain(['--port', '0', '--error-rate', '1', '--log-level', 'silent']);
    const url = await listeningUrl(child);
    const infer = await fetch(`${url}/v2/models/npv-ranker/infer`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ inputs: [{ name: 'features', shape: [0, 12], datatype: 'FP32', data: [] }] }),
    });
    expect([infer.status, await infer.json()]).toEqual([500, { error: 'injected fault' }]);
    child.kill('SIGINT');
    expect((await exited(child)).code).toBe(0);
  });

  it.each([
    [['--port', 'abc'], 'model-server: --port (env MODEL_PORT) must be a number, got "abc"\nRun with --help to see the options.\n'],
    [['--nope'], "model-server: Unknown option '--nope'\nRun with --help to see the options.\n"],
  ])('exits 2 with one clear message and no stack trace for %j', async (args, message) => {
    const child = startMain(args);
    const stderr = collect(child.stderr);
    expect(await exited(child)).toEqual({ code: 2, signal: null });
    expect(stderr()).toBe(message);
  });

  it('exits 2 when the model directory holds no model', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'model-server-empty-'));
    try {
      const child = startMain(['--model-dir', empty]);
      const stderr = collect(child.stderr);
      expect(await exited(child)).toEqual({ code: 2, signal: null });
      expect(stderr()).toBe(`model-server: ${empty}: no <model>/model.json found in the model directory\n`);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('prints usage for --help and exits 0', async () => {
    const child = startMain(['--help']);
    const stdout = collect(child.stdout);
    expect(await exited(child)).toEqual({ code: 0, signal: null });
    expect(stdout()).toContain('--latency-jitter-ms');
    expect(stdout()).toContain('[env MODEL_ERROR_RATE]');
  });
});
