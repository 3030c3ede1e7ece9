import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { fixtureProject, type FixtureProject } from './fixtureProject.js';

describe('init on a service with tests beside the code, test factories in tests/ and an ambient declaration file', () => {
  let project: FixtureProject;
  let init: Awaited<ReturnType<typeof runCli>>;
  let config: string;

  beforeAll(async () => {
    project = fixtureProject('colocated-tests');
    init = await runCli(['init'], { cwd: project.root });
    project.commit('npvguard init');
    config = project.read('npvguard.config.ts');
  }, 60_000);
  afterAll(() => project.remove());

  it('puts test files and test support in a tests layer, declared first and allowed every layer', () => {
    expect(init.code, init.stderr).toBe(0);
    expect(config).toContain(`    layers: {
      tests: ['src/functions/**/*.{spec,test}.{ts,tsx,mts,cts}', 'src/http/**/__tests__/**', 'tests/**'],
      db: 'src/db/**',
      functions: 'src/functions/**',
      http: 'src/http/**',
    },`);
    expect(config).toContain("      tests: ['db', 'functions', 'http'],");
    expect(config).toContain("      http: ['functions'],");
    // drivers are allowed where the service uses them, and in tests
    expect(config).toMatch(/externals: \{\n\s+undici: \['db', 'tests'\],\n\s+\},/);
    expect(config).toContain("  include: ['src/**/*.{ts,tsx,mts,cts}', 'tests/**/*.{ts,tsx,mts,cts}'],");
    // the declaration file is no layer of its own
    expect(config).not.toContain('@types');
  });

  it('the first boundaries check is clean; service code importing a test factory fails', async () => {
    const clean = await runCli(['check', '--format', 'compact', '--only', 'boundaries'], { cwd: project.root });
    expect(clean.stdout + clean.stderr).not.toContain('boundaries/');
    expect(clean.code).toBe(0);
    project.write('src/functions/add-entry.ts', `import { makeTitle } from '../../tests/factories/make-title.js';\nexport const sample = makeTitle;\n${project.read('src/functions/add-entry.ts')}`);
    const broken = await runCli(['check', '--format', 'compact', '--only', 'boundaries'], { cwd: project.root });
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/^src\/functions\/add-entry\.ts:1:\d+ error boundaries\/forbidden-import /m);
  }, 120_000);
});
