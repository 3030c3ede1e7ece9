import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { fixtureProject, type FixtureProject } from './fixtureProject.js';

describe('init in a service folder under a repository root that has the ESLint config', () => {
  let project: FixtureProject;
  let init: Awaited<ReturnType<typeof runCli>>;

  beforeAll(async () => {
    project = fixtureProject('eslint-above');
    init = await runCli(['init'], { cwd: path.join(project.root, 'services', 'api') });
  }, 60_000);
  afterAll(() => project.remove());

  it('writes no ESLint config beside the service, which would shadow the one above, and says which one applies', () => {
    expect(init.code, init.stderr).toBe(0);
    expect(existsSync(path.join(project.root, 'services', 'api', 'eslint.config.js'))).toBe(false);
    expect(existsSync(path.join(project.root, 'services', 'api', 'eslint.config.mjs'))).toBe(false);
    expect(init.stdout).toContain('note: ../../eslint.config.js is the ESLint config of this folder (ESLint looks for it in parent folders); no config was written here');
    expect(existsSync(path.join(project.root, 'services', 'api', 'npvguard.config.ts'))).toBe(true);
  });
});
