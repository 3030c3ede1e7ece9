import { createServer, type Server } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../../src/process/free-port.js';
import { waitForHttpOk } from '../../src/process/http-ready.js';
import { ServerProcessError, startServerProcess, type ServerProcess } from '../../src/process/server-process.js';

const started: ServerProcess[] = [];
const servers: Server[] = [];

afterAll(async () => {
  for (const server of started) await server.stop('SIGKILL');
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
});

function nodeScript(source: string): string[] {
  return ['-e', source];
}

describe('startServerProcess', () => {
  it('resolves with the URL of the listening line, forwards output, and stops with a signal', async () => {
    const lines: string[] = [];
    const server = await startServerProcess({
      name: 'fake',
      args: nodeScript(`console.error('warming up'); console.log('{"msg":"listening on http://127.0.0.1:4567"}'); setInterval(() => {}, 1000);`),
      onOutput: (line, stream) => lines.push(`${stream}: ${line}`),
    });
    started.push(server);
    expect(server.url).toBe('http://127.0.0.1:4567');
    expect(server.running).toBe(true);
    expect(lines).toContain('stderr: warming up');
    expect(await server.stop()).toEqual({ code: null, signal: 'SIGTERM' });
    expect(server.running).toBe(false);
  });

  it('rejects with the last output when the process exits before listening', async () => {
    const attempt = startServerProcess({ name: 'broken', args: nodeScript(`console.error('config is wrong'); process.exit(3);`) });
    await expect(attempt).rejects.toThrow(new ServerProcessError('broken: exited (code 3) before listening', ['config is wrong']));
  });

  it('kills a process that never prints its listening line', async () => {
    const attempt = startServerProcess({ name: 'silent', args: nodeScript('setInterval(() => {}, 1000);'), readyTimeoutMs: 300 });
    await expect(attempt).rejects.toThrow('silent: no "listening on" line within 300 ms');
  });

  it('rejects when the command cannot be started', async () => {
    const attempt = startServerProcess({ name: 'missing', command: '/nonexistent/binary', args: [] });
    await expect(attempt).rejects.toThrow(/^missing: could not start: spawn \/nonexistent\/binary ENOENT/);
  });
});

describe('waitForHttpOk', () => {
  it('polls until the URL answers 200', async () => {
    let calls = 0;
    const server = createServer((_request, response) => {
      calls += 1;
      response.statusCode = calls < 3 ? 503 : 200;
      response.end();
    });
    servers.push(server);
    const port = await findFreePort();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    await waitForHttpOk(`http://127.0.0.1:${port}/ready`, { intervalMs: 10 });
    expect(calls).toBe(3);
  });

  it('gives up after the timeout with the last status', async () => {
    const server = createServer((_request, response) => {
      response.statusCode = 503;
      response.end();
    });
    servers.push(server);
    const port = await findFreePort();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    await expect(waitForHttpOk(`http://127.0.0.1:${port}/`, { timeoutMs: 200, intervalMs: 20 })).rejects.toThrow(
      `http://127.0.0.1:${port}/ did not answer 200 within 200 ms (last: status 503)`,
    );
  });
});
