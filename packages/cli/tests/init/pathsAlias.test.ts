import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { fixtureProject, type FixtureProject } from './fixtureProject.js';

describe('init on a service that imports through tsconfig paths and starts in an exported function that listens', () => {
  let project: FixtureProject;
  let init: Awaited<ReturnType<typeof runCli>>;

  beforeAll(async () => {
    project = fixtureProject('paths-alias');
    init = await runCli(['init'], { cwd: project.root });
    project.commit('npvguard init');
  }, 60_000);
  afterAll(() => project.remove());

  it('takes the listening function as an entry and writes a factory module with the same aliased imports', () => {
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toMatch(/^note: the app: src\/server\.ts:5 — listen-entry: /m);
    expect(project.read('npvguard.app.ts')).toContain(`import Fastify from 'fastify';
import statusRoutes from '@/routes/status.js';

export function buildApp() {
  const server = Fastify({ bodyLimit: 65536 });
  server.register(statusRoutes, { prefix: '/v1' });
  return server;
}
`);
  });

  it('contracts update loads the app through the aliases (tsconfig paths), and the first check exits 0', async () => {
    project.write('npvguard.config.ts', project.read('npvguard.config.ts').replace('  // contracts: {', '  contracts: {'));
    const update = await runCli(['contracts', 'update'], { cwd: project.root });
    expect(update.stderr).toBe('');
    expect(update.code).toBe(0);
    const snapshot = JSON.parse(project.read('contracts/openapi.json')) as { paths: Record<string, unknown> };
    expect(Object.keys(snapshot.paths)).toEqual(['/v1/status']);
    project.commit('contracts');
    const clean = await runCli(['check', '--format', 'compact'], { cwd: project.root });
    expect(clean.stderr).toBe('');
    expect(clean.code, clean.stdout).toBe(0);
  }, 120_000);
});
