import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startModelServer } from './support/modelServer.js';
import type { RunningModelServer } from './support/modelServer.js';
import { CARDS_URL, validBody } from './support/requests.js';

const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MAIN = join(PACKAGE_ROOT, 'dist', 'main.js');

function newestFileTime(directory: string): number {
  return Math.max(
    ...readdirSync(directory, { withFileTypes: true }).map((entry) =>
      entry.isDirectory() ? newestFileTime(join(directory, entry.name)) : statSync(join(directory, entry.name)).mtimeMs,
    ),
  );
}

/**
 * These tests run the built entry point, the one `npm start` and the load benchmark use. A build older
 * than the sources would test stale code, so that is an error, not a skip.
 */
function assertBuildIsCurrent(): void {
  try {
    statSync(MAIN);
  } catch {
    throw new Error(`${MAIN} does not exist: run \`npx tsc -b\` at the repository root first`);
  }
  // tsc only rewrites outputs that changed, but its build info is rewritten on every build.
  if (newestFileTime(join(PACKAGE_ROOT, 'src')) > newestFileTime(join(PACKAGE_ROOT, 'dist'))) {
    throw new Error(`${MAIN} is older than src/: run \`npx tsc -b\` at the repository root first`);
  }
}

let model: RunningModelServer | undefined;
let directory: string | undefined;

beforeAll(async () => {
  assertBuildIsCurrent();
  model = await startModelServer();
  directory = await mkdtemp(join(tmpdir(), 'npv-main-'));
});

afterAll(async () => {
  await model?.close();
  if (directory !== undefined) {
    await rm(directory, { recursive: true, force: true });
  }
});

function ready(): { model: RunningModelServer; directory: string } {
  if (model === undefined || directory === undefined) {
    throw new Error('setup did not finish');
  }
  return { model, directory };
}

/** Runs dist/main.js with only the given NPV_ variables. */
function startService(env: Record<string, string>): ChildProcessWithoutNullStreams {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('NPV_')));
  return spawn(process.execPath, [MAIN], { cwd: PACKAGE_ROOT, env: { ...inherited, ...env } });
}

function collect(child: ChildProcessWithoutNullStreams): { stdout: () => string; stderr: () => string; exit: Promise<number | null> } {
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<number | null>((resolvePromise) => child.on('close', (code) => resolvePromise(code)));
  return { stdout: () => stdout, stderr: () => stderr, exit };
}

function listeningUrl(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(seen);
      if (match?.[1] !== undefined) {
        child.stdout.off('data', onData);
        resolvePromise(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.on('close', () => reject(new Error(`service exited before listening: ${seen}`)));
  });
}

describe('main', { timeout: 20_000 }, () => {
  it('exits with code 2 and names the variable when the environment is invalid', async () => {
    const child = startService({ NPV_PORT: 'eighty' });
    const { stderr, stdout, exit } = collect(child);

    expect(await exit).toBe(2);
    expect(stderr()).toBe('npv-ranking-service: invalid configuration: NPV_PORT: expected a whole number from 0 to 65535, got "eighty"\n');
    expect(stdout()).toBe('');
  });

  it('listens, answers, and on SIGTERM writes every event before exiting 0', async () => {
    const eventsPath = join(ready().directory, 'events.ndjson');
    const child = startService({
      NPV_PORT: '0',
      NPV_MODEL_URL: ready().model.url,
      NPV_EVENTS_PATH: eventsPath,
      NPV_PSEUDONYM_KEY: 'main-test-pseudonym-key',
      NPV_MODEL_TIMEOUT_MS: '2000',
      NPV_REQUEST_BUDGET_MS: '5000',
    });
    const { stdout, exit } = collect(child);
    const url = await listeningUrl(child);

    const statuses: number[] = [];
    for (let index = 0; index < 12; index += 1) {
      const response = await fetch(`${url}${CARDS_URL}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(validBody({ listenerId: `listener-${index}` })),
      });
      statuses.push(response.status);
      await response.arrayBuffer();
    }
    child.kill('SIGTERM');

    expect(await exit).toBe(0);
    expect(statuses).toEqual(Array(12).fill(200));
    const lines = (await readFile(eventsPath, 'utf8')).split('\n').filter((line) => line !== '');
    expect(lines.filter((line) => line.includes('"type":"npv_exposure"'))).toHaveLength(12);
    expect(stdout()).toMatch(/"msg":"closed"/);
  });
});
