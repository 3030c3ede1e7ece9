import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { fixtureProject, type FixtureProject } from '../init/fixtureProject.js';

describe('integrity findings and the baseline file', () => {
  let project: FixtureProject;

  beforeAll(async () => {
    project = fixtureProject('arrow-factory');
    const init = await runCli(['init', '--no-baseline'], { cwd: project.root });
    expect(init.code, init.stderr).toBe(0);
    project.commit('npvguard init');
    // An uncommitted change with a suppression: integrity reports it against HEAD.
    project.write('src/lib/sku.ts', `// eslint-disable-next-line no-console\n${project.read('src/lib/sku.ts')}`);
  }, 120_000);
  afterAll(() => project.remove());

  it('are never accepted: --update writes the other checks\' findings only', async () => {
    const check = await runCli(['check', '--format', 'json'], { cwd: project.root });
    const ruleIds = (JSON.parse(check.stdout) as { findings: { ruleId: string }[] }).findings.map((finding) => finding.ruleId);
    expect(ruleIds).toContain('integrity/eslint-disable');
    const update = await runCli(['baseline', '--update', '--allow-growth', '--reason', 'adopted'], { cwd: project.root });
    expect(update.code, update.stderr).toBe(0);
    const accepted = (JSON.parse(project.read('npvguard.baseline.json')) as { findings: { ruleId: string }[] }).findings.map((entry) => entry.ruleId);
    // --no-baseline: the :sku route keeps the starting 200 ms under its 500 ms bound; the directive itself is unused.
    expect(accepted.sort()).toEqual(['contracts/property-server-error', 'latency/static-budget-exceeded', 'lint/unused-disable-directive']);
  }, 120_000);

  it('--only integrity is refused with NPV2001, exit 2', async () => {
    const refused = await runCli(['baseline', '--update', '--only', 'integrity'], { cwd: project.root });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^error NPV2001: --only integrity: integrity judges a change against its base, so its findings are never accepted/);
  });
});
