import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOUNDARIES_SECTION, type Check } from '@npvguard/core';
import { main } from '../../src/main.js';
import { copyServiceSources, FORBIDDEN_IMPORT, type ServiceCopy } from '../mcp/serviceCopy.js';
import { BIN } from '../support/cli.js';

const PAYLOADS = path.join(path.dirname(new URL(import.meta.url).pathname), 'payloads');

/** The recorded payload with the project folder of this run. */
function payload(name: string, root: string): string {
  return readFileSync(path.join(PAYLOADS, `${name}.json`), 'utf8').replaceAll('__ROOT__', root);
}

async function hook(args: readonly string[], input: string, cwd: string, checks?: readonly Check[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'npvguard', 'hook', ...args], {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    stdin: Readable.from([input]),
    env: {},
    cwd,
  }, checks === undefined ? {} : { checks });
  return { code, stdout, stderr };
}

describe('hook adapters with recorded payloads', () => {
  let service: ServiceCopy;

  beforeAll(() => {
    service = copyServiceSources();
    // Boundaries only: the hook's fast checks are those the project configures.
    const config = path.join(service.root, 'npvguard.config.ts');
    const text = readFileSync(config, 'utf8');
    writeFileSync(config, `${text.slice(0, text.indexOf('  contracts: {'))}});\n`);
  });

  afterAll(() => service.remove());

  it('claude post-tool-use on a clean edited file: exit 0, nothing printed', async () => {
    const answer = await hook(['claude', '--event', 'post-tool-use'], payload('claude-post-tool-use-edit', service.root), service.root);
    expect(answer).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('claude post-tool-use after a forbidden import: exit 2 with the finding on stderr', async () => {
    service.prepend('src/domain/card.ts', FORBIDDEN_IMPORT);
    const answer = await hook(['claude', '--event', 'post-tool-use'], payload('claude-post-tool-use-edit', service.root), service.root);
    expect(answer.code).toBe(2);
    expect(answer.stdout).toBe('');
    expect(answer.stderr).toMatch(/^npvguard found problems in the file just edited/);
    expect(answer.stderr).toMatch(/^src\/domain\/card\.ts:1:\d+ error boundaries\/forbidden-import .*\(fix: .+\)$/m);
  });

  it('claude post-tool-use of a tool that edits nothing: exit 0', async () => {
    const answer = await hook(['claude', '--event', 'post-tool-use'], payload('claude-post-tool-use-bash', service.root), service.root);
    expect(answer).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('claude stop with findings in the change: exit 2, stderr names them', async () => {
    const answer = await hook(['claude', '--event', 'stop'], payload('claude-stop', service.root), service.root);
    expect(answer.code).toBe(2);
    expect(answer.stderr).toContain('npvguard found problems in this change');
    expect(answer.stderr).toContain('boundaries/forbidden-import');
  });

  it('loop guard: claude stop with stop_hook_active does not block again', async () => {
    const answer = await hook(['claude', '--event', 'stop'], payload('claude-stop-active', service.root), service.root);
    expect(answer.code).toBe(0);
    expect(answer.stderr).toContain('already asked for fixes once');
  });

  it('cursor after-file-edit: exit 0, the findings as additional_context on stdout', async () => {
    const answer = await hook(['cursor', '--event', 'after-file-edit'], payload('cursor-after-file-edit', service.root), service.root);
    expect(answer.code).toBe(0);
    const output = JSON.parse(answer.stdout) as { additional_context: string };
    expect(output.additional_context).toContain('src/domain/card.ts:1:');
  });

  it('cursor stop: a followup_message with the findings; at the loop limit, none', async () => {
    const first = await hook(['cursor', '--event', 'stop'], payload('cursor-stop', service.root), service.root);
    expect(first.code).toBe(0);
    expect((JSON.parse(first.stdout) as { followup_message: string }).followup_message).toContain('boundaries/forbidden-import');
    const looped = await hook(['cursor', '--event', 'stop'], payload('cursor-stop-looped', service.root), service.root);
    expect(looped).toMatchObject({ code: 0, stdout: '{}\n' });
  });

  it('an internal error never blocks: a payload that is not JSON exits 1 with a coded note', async () => {
    const answer = await hook(['claude', '--event', 'post-tool-use'], 'not json', service.root);
    expect(answer.code).toBe(1);
    expect(answer.stderr).toContain('error NPV2403');
    expect(answer.stderr).toContain('not blocking');
    expect(answer.stderr).not.toMatch(/\n\s+at /);
  });

  it('exceeding the time bound does not block', async () => {
    // A boundaries check that finishes only when cancelled stands in for a slow project.
    let started = false;
    let cancelled = false;
    const never: Check = {
      id: 'boundaries',
      meta: { description: 'never finishes', rules: [], docs: 'checks/boundaries.md' },
      config: BOUNDARIES_SECTION,
      run: (context) =>
        new Promise<void>((resolve) => {
          started = true;
          context.signal.addEventListener('abort', () => {
            cancelled = true;
            resolve();
          });
        }),
    };
    const answer = await hook(['claude', '--event', 'stop', '--timeout', '1'], payload('claude-stop', service.root), service.root, [never]);
    expect(answer.code).toBe(0);
    // The time bound aborts the run through the check's signal: a check that started is told, none is left running.
    expect(started && !cancelled).toBe(false);
    expect(answer.stderr).toContain('did not finish within 1 s; not blocking');
  });

  it('the bin answers a piped payload and exits', async () => {
    const code = await new Promise<number | null>((resolve) => {
      const child = execFile(process.execPath, [BIN, 'hook', 'claude', '--event', 'stop'], { cwd: service.root }, () => undefined);
      child.on('exit', resolve);
      child.stdin?.end(payload('claude-stop-active', service.root));
    });
    expect(code).toBe(0);
  });
});
