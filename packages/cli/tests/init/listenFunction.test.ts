import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { fixtureProject, type FixtureProject } from './fixtureProject.js';

/** Servers listening in this process (the CLI runs in it): a factory that listened would leave one. */
const listening = (): number => process.getActiveResourcesInfo().filter((resource) => resource === 'TCPServerWrap').length;

describe('init on an exported startServer({ port }) that builds the app and listens in one go', () => {
  let project: FixtureProject;
  let init: Awaited<ReturnType<typeof runCli>>;
  let config: string;

  beforeAll(async () => {
    project = fixtureProject('listen-function');
    init = await runCli(['init'], { cwd: project.root });
    project.commit('npvguard init');
    config = project.read('npvguard.config.ts');
  }, 120_000);
  afterAll(() => project.remove());

  it('writes a factory module that runs startServer and takes the app when it would listen', () => {
    expect(init.code, init.stderr).toBe(0);
    const factory = project.read('npvguard.app.ts');
    expect(factory).toContain("import { appBuiltBy } from 'npvguard/app';");
    expect(factory).toContain("import { startServer } from './src/server.js';");
    expect(factory).toContain('  return appBuiltBy(() => startServer({} as unknown as Parameters<typeof startServer>[0]));');
    expect(init.stdout).toMatch(/note: the app: src\/server\.ts:\d+ — listen-entry: .*startServer is exported: a factory module can run it and take the app when it would listen/);
    expect(config).toContain("  contracts: { app: './npvguard.app.ts#buildApp', snapshot: 'contracts/openapi.json' },");
  });

  it('the snapshot holds the routes startServer registers, with their prefix', () => {
    const snapshot = JSON.parse(project.read('contracts/openapi.json')) as { paths: Record<string, unknown> };
    expect(Object.keys(snapshot.paths)).toEqual(['/api/orders/{id}']);
  });

  it('checks the contract without ever listening, and catches a breaking response change', async () => {
    const before = listening();
    const clean = await runCli(['check', '--format', 'json', '--only', 'contracts'], { cwd: project.root });
    expect(clean.code, clean.stdout + clean.stderr).toBe(0);
    expect(listening()).toBe(before);
    project.write('src/routes/orders.ts', project.read('src/routes/orders.ts').replaceAll('status', 'state'));
    const broken = await runCli(['check', '--format', 'json', '--only', 'contracts', '--base', 'HEAD'], { cwd: project.root });
    expect(broken.code, broken.stderr).toBe(1);
    const ids = (JSON.parse(broken.stdout) as { findings: { ruleId: string }[] }).findings.map((finding) => finding.ruleId);
    expect(ids).toContain('contracts/response-property-removed');
  }, 120_000);
});
