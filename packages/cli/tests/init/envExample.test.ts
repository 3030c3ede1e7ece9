import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { fixtureProject, type FixtureProject } from './fixtureProject.js';

const VARIABLES = ['LEDGER_DB_URL', 'LEDGER_REGION', 'LEDGER_PAGE_SIZE', 'LEDGER_SIGNING_KEY'];

describe('init on an app whose config plugin refuses to start without env variables, with a .env.example', () => {
  let project: FixtureProject;
  let init: Awaited<ReturnType<typeof runCli>>;
  let config: string;

  beforeAll(async () => {
    for (const name of VARIABLES) delete process.env[name];
    project = fixtureProject('env-required');
    init = await runCli(['init'], { cwd: project.root });
    project.commit('npvguard init');
    config = project.read('npvguard.config.ts');
  }, 120_000);
  afterAll(() => project.remove());

  it('builds the app with the variables of .env.example and a placeholder for the secret it leaves empty, and enables contracts with `env`', () => {
    expect(init.code, init.stderr).toBe(0);
    expect(config).toContain(
      "  contracts: { app: './src/app.ts#buildApp', env: ['.env.example', { LEDGER_SIGNING_KEY: 'npvguard-placeholder-0000000000000000000000000000000000000000000' }], snapshot: 'contracts/openapi.json' },",
    );
    expect(config).toContain('and placeholders for LEDGER_SIGNING_KEY, which it leaves empty');
    expect(init.stdout).toContain('note: contracts: wrote contracts/openapi.json (1 paths from src/app.ts) (with the variables of .env.example, and placeholders for LEDGER_SIGNING_KEY, empty there)');
    const snapshot = JSON.parse(project.read('contracts/openapi.json')) as { paths: Record<string, unknown> };
    expect(Object.keys(snapshot.paths)).toEqual(['/v1/entries']);
  });

  it('leaves the environment of the process as it found it', () => {
    for (const name of VARIABLES) expect(process.env[name], name).toBeUndefined();
  });

  it('the first check runs contracts with those variables (the route answers the region of .env.example) and passes', async () => {
    const clean = await runCli(['check', '--format', 'json', '--only', 'contracts'], { cwd: project.root });
    expect(clean.code, clean.stdout + clean.stderr).toBe(0);
    const result = JSON.parse(clean.stdout) as { checks: { id: string; status: string; data?: { properties?: { requests: number } } }[] };
    const contracts = result.checks.find((check) => check.id === 'contracts');
    expect(contracts?.status).toBe('pass');
    expect(contracts?.data?.properties?.requests).toBeGreaterThan(0);
    for (const name of VARIABLES) expect(process.env[name], name).toBeUndefined();
  }, 120_000);

  it('a response property renamed is a breaking change, judged with the app built the same way', async () => {
    project.write('src/routes/entries.ts', project.read('src/routes/entries.ts').replaceAll('region', 'zone'));
    const broken = await runCli(['check', '--format', 'json', '--only', 'contracts', '--base', 'HEAD'], { cwd: project.root });
    expect(broken.code, broken.stderr).toBe(1);
    const ids = (JSON.parse(broken.stdout) as { findings: { ruleId: string; severity: string }[] }).findings.filter((finding) => finding.severity === 'error').map((finding) => finding.ruleId);
    expect(ids).toContain('contracts/response-property-removed');
  }, 120_000);

  it('an env file that is not there, or an env that is not strings, is a coded error with exit 2', async () => {
    const withEnv = (env: string) => config.replace(/env: \[[^\]]*\]/, `env: ${env}`);
    expect(withEnv("'x'")).not.toBe(config);
    project.write('npvguard.config.ts', withEnv("'.env.local'"));
    const missing = await runCli(['contracts', 'update'], { cwd: project.root });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('error NPV1106: The env file .env.local (contracts.env) cannot be read: it does not exist.');
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    project.write('npvguard.config.ts', withEnv('{ LEDGER_PAGE_SIZE: 50 }'));
    const numeric = await runCli(['contracts', 'update'], { cwd: project.root });
    expect(numeric.code).toBe(2);
    expect(numeric.stderr).toMatch(/contracts\.env\.LEDGER_PAGE_SIZE.*a string \(environment variables are strings\)/);
    project.write('npvguard.config.ts', config);
  }, 120_000);
});

describe('without the example file', () => {
  let project: FixtureProject;
  afterAll(() => project?.remove());

  it('leaves contracts commented out with what the app threw', async () => {
    project = fixtureProject('env-required');
    const { rmSync } = await import('node:fs');
    rmSync(path.join(project.root, '.env.example'));
    const init = await runCli(['init', '--no-baseline'], { cwd: project.root });
    expect(init.code, init.stderr).toBe(0);
    const config = project.read('npvguard.config.ts');
    expect(config).toContain("  // contracts: { app: './src/app.ts#buildApp', snapshot: 'contracts/openapi.json' },");
    expect(config).toMatch(/API contract: not enabled, because `npvguard contracts update` failed \(NPV2102 .*env must have required property 'LEDGER_DB_URL'/);
    expect(init.stdout).not.toContain('the first check');
  }, 120_000);
});
