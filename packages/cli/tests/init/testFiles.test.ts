import { rmSync } from 'node:fs';
import path from 'node:path';
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

  it('leaves the test files among the sources to boundaries.ignore, and makes no layer of them', () => {
    expect(init.code, init.stderr).toBe(0);
    expect(config).toContain(`    layers: {
      db: 'src/db/**',
      functions: 'src/functions/**',
      http: 'src/http/**',
    },
    allow: {
      db: [],
      functions: ['db'],
      http: ['functions'],
    },`);
    expect(config).toContain("    ignore: ['src/**/*.{spec,test}.{ts,tsx,mts,cts}', 'src/**/__tests__/**'],");
    expect(config).toMatch(/externals: \{\n\s+undici: \['db'\],\n\s+\},/);
    expect(config).not.toContain('include');
    // the declaration file is no layer of its own
    expect(config).not.toContain('@types');
  });

  it('the first check is clean; deleting every test keeps the config valid; service code importing a test factory fails', async () => {
    const clean = await runCli(['check', '--format', 'compact', '--only', 'boundaries,lint,integrity'], { cwd: project.root });
    expect(clean.stdout + clean.stderr).toBe('');
    expect(clean.code).toBe(0);
    rmSync(path.join(project.root, 'src/functions/add-entry.spec.ts'));
    rmSync(path.join(project.root, 'src/http/routes/__tests__'), { recursive: true });
    const withoutTests = await runCli(['check', '--format', 'compact', '--only', 'boundaries'], { cwd: project.root });
    expect(withoutTests.stderr).toBe('');
    expect(withoutTests.code).toBe(0);
    project.write('src/functions/add-entry.ts', `import { makeTitle } from '../../tests/factories/make-title.js';\nexport const sample = makeTitle;\n${project.read('src/functions/add-entry.ts')}`);
    const broken = await runCli(['check', '--format', 'compact', '--only', 'boundaries'], { cwd: project.root });
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/^src\/functions\/add-entry\.ts:1:\d+ error boundaries\/forbidden-import /m);
  }, 120_000);
});
