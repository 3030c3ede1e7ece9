import { describe, expect, it } from 'vitest';
import type { Check } from '@npvguard/core';
import { createProgress } from '../../src/run/progress.js';

function named(id: string): Check {
  return { id, meta: { description: id, docs: `checks/${id}.md`, rules: [] }, run: async () => undefined };
}

function terminal(): { io: Parameters<typeof createProgress>[0]; lines: () => string[] } {
  let written = '';
  return {
    io: { stdout: { write: () => true }, stderr: { write: (chunk: string) => (written += chunk), isTTY: true }, env: {}, cwd: '/' },
    // Each status rewrites the line: what a reader sees after every write.
    lines: () => written.split('\r\u001b[K').slice(1),
  };
}

describe('progress', () => {
  it('names every check running at once, base runs marked, and clears the line at the end', () => {
    const { io, lines } = terminal();
    const progress = createProgress(io, false);
    const [lint, latency] = [named('lint'), named('latency')];
    progress.start(lint, 'head');
    progress.start(latency, 'head');
    progress.finish(lint, 'head');
    progress.start(latency, 'base');
    progress.finish(latency, 'head');
    progress.finish(latency, 'base');
    progress.done();
    expect(lines()).toEqual([
      'checking lint…',
      'checking lint, latency…',
      'checking latency…',
      'checking latency, latency (base)…',
      'checking latency (base)…',
      '',
    ]);
  });

  it('writes nothing when stderr is not a terminal, or with --quiet', () => {
    const piped = { stdout: { write: () => true }, stderr: { write: () => expect.unreachable('wrote to a pipe'), isTTY: false }, env: {}, cwd: '/' };
    createProgress(piped, false).start(named('lint'), 'head');
    const { io, lines } = terminal();
    const quiet = createProgress(io, true);
    quiet.start(named('lint'), 'head');
    quiet.done();
    expect(lines()).toEqual([]);
  });
});
