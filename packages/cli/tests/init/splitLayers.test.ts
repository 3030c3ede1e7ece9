import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { fixtureProject, type FixtureProject } from './fixtureProject.js';

describe('init on a plugins folder whose subfolders play different roles (app services, and the client they use)', () => {
  let project: FixtureProject;
  let init: Awaited<ReturnType<typeof runCli>>;
  let config: string;

  beforeAll(async () => {
    project = fixtureProject('split-plugins');
    init = await runCli(['init'], { cwd: project.root });
    project.commit('npvguard init');
    config = project.read('npvguard.config.ts');
  }, 60_000);
  afterAll(() => project.remove());

  it('proposes one layer per subfolder and allows the decorator dependencies that exist today', () => {
    expect(init.code, init.stderr).toBe(0);
    expect(config).toContain(`    layers: {
      entry: 'src/app.ts',
      'plugins-app': 'src/plugins/app/**',
      'plugins-external': 'src/plugins/external/**',
      routes: 'src/routes/**',
    },
    allow: {
      entry: ['plugins-app', 'plugins-external', 'routes'],
      'plugins-app': ['plugins-external'],
      'plugins-external': [],
      routes: ['plugins-app'],
    },`);
  });

  it('says why the folder was split and which dependencies justify each allow entry', () => {
    expect(init.stdout).toContain('note: src/plugins is proposed as one layer per subfolder (plugins-app, plugins-external), as they play different roles: app/ is used by entry, routes; external/ is used by app/, entry (e.g. src/plugins/app/labels-repository.ts:12 uses a decorator src/plugins/external/store.ts provides).');
    expect(init.stdout).toContain('  routes → plugins-app: 1 decorator; e.g. src/routes/labels.ts:6 uses a decorator src/plugins/app/labels-repository.ts provides');
    expect(init.stdout).toContain('  plugins-app → plugins-external: 1 decorator; e.g. src/plugins/app/labels-repository.ts:12 uses a decorator src/plugins/external/store.ts provides');
  });

  it('the first boundaries check is clean; a route using the client decorator directly fails', async () => {
    const clean = await runCli(['check', '--format', 'compact', '--only', 'boundaries'], { cwd: project.root });
    expect(clean.stdout + clean.stderr).not.toContain('boundaries/');
    expect(clean.code).toBe(0);
    project.write('src/routes/labels.ts', project.read('src/routes/labels.ts').replace("return { label: app.labelsRepository.find(id) ?? '' };", "return { label: app.store.get(id) ?? '' };"));
    const bypass = await runCli(['check', '--format', 'compact', '--only', 'boundaries'], { cwd: project.root });
    expect(bypass.code).toBe(1);
    expect(bypass.stdout).toMatch(/^src\/routes\/labels\.ts:6:\d+ error boundaries\/forbidden-import .*decorator `store`/m);
  }, 120_000);
});
