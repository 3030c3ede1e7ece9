import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { copyServiceSources, FORBIDDEN_IMPORT, type ServiceCopy } from '../mcp/serviceCopy.js';

/** A new user's copy of the reference service: sources and package.json, no npvguard or ESLint files, in git. */
function strippedService(): ServiceCopy {
  const service = copyServiceSources(['src', 'package.json']);
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=test@example.com', '-c', 'user.name=test', '-c', 'commit.gpgsign=false', ...args], { cwd: service.root });
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: service.root });
  writeFileSync(path.join(service.root, '.gitignore'), 'node_modules\n');
  git('add', '.');
  git('commit', '-q', '-m', 'service');
  return service;
}

describe('npvguard init on a stripped copy of the reference service', () => {
  let service: ServiceCopy;
  let first: Awaited<ReturnType<typeof runCli>>;

  beforeAll(async () => {
    service = strippedService();
    first = await runCli(['init', '--agents', 'claude,cursor'], { cwd: service.root });
  }, 60_000);

  afterAll(() => service.remove());

  it('writes the config, the ESLint config, the workflow and the agent files', () => {
    expect(first.code).toBe(0);
    for (const file of ['npvguard.config.ts', 'eslint.config.js', '.github/workflows/npvguard.yml', '.claude/settings.json', '.mcp.json', '.cursor/hooks.json', '.cursor/mcp.json', 'AGENTS.md']) {
      expect(first.stdout).toMatch(new RegExp(`^created\\s+${file.replace(/\./g, '\\.')}$`, 'm'));
      expect(existsSync(path.join(service.root, file))).toBe(true);
    }
  });

  it('finds the layers of src/ and the fastify app export', () => {
    const config = readFileSync(path.join(service.root, 'npvguard.config.ts'), 'utf8');
    for (const layer of ['clients', 'components', 'core', 'domain', 'pipeline', 'server']) expect(config).toContain(`      ${layer}: 'src/${layer}/**',`);
    expect(config).toContain("entry: ['src/index.ts', 'src/main.ts'],");
    expect(config).toContain("      domain: ['core'],");
    expect(config).toContain("  contracts: { app: './src/server/app.ts#buildApp', snapshot: 'contracts/openapi.json' },");
    // the routes the service registers, found in its sources, each with a starting budget
    expect(config).toContain("      'GET /healthz': { p99Ms: 200 },");
  });

  it('the workflow checks against the PR base, uploads SARIF and writes annotations', () => {
    const workflow = readFileSync(path.join(service.root, '.github/workflows/npvguard.yml'), 'utf8');
    expect(workflow).toContain("format('--base origin/{0}', github.base_ref)");
    expect(workflow).toContain('--format github');
    expect(workflow).toContain('github/codeql-action/upload-sarif@v3');
    expect(workflow).toContain('security-events: write');
  });

  it('the hook files call the hook adapters', () => {
    const claude = JSON.parse(readFileSync(path.join(service.root, '.claude/settings.json'), 'utf8')) as { hooks: { PostToolUse: { matcher: string; hooks: { command: string }[] }[] } };
    expect(claude.hooks.PostToolUse[0]?.matcher).toBe('Edit|Write|MultiEdit');
    expect(claude.hooks.PostToolUse[0]?.hooks[0]?.command).toBe('npx --no-install npvguard hook claude --event post-tool-use');
    expect(readFileSync(path.join(service.root, '.cursor/hooks.json'), 'utf8')).toContain('npvguard hook cursor --event after-file-edit');
  });

  it('running it twice changes nothing', async () => {
    const before = readFileSync(path.join(service.root, 'npvguard.config.ts'), 'utf8');
    const second = await runCli(['init', '--agents', 'claude,cursor'], { cwd: service.root });
    expect(second.code).toBe(0);
    expect(second.stdout).not.toMatch(/^(created|updated)/m);
    expect(second.stdout).toMatch(/^kept .* npvguard\.config\.ts$/m);
    expect(second.stdout).toMatch(/^unchanged\s+AGENTS\.md$/m);
    expect(readFileSync(path.join(service.root, 'npvguard.config.ts'), 'utf8')).toBe(before);
  });

  it('with the generated config (committed, as init says), check exits 0; a forbidden import makes it exit 1', async () => {
    execFileSync('git', ['-c', 'user.email=test@example.com', '-c', 'user.name=test', '-c', 'commit.gpgsign=false', 'add', '.'], { cwd: service.root });
    execFileSync('git', ['-c', 'user.email=test@example.com', '-c', 'user.name=test', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'npvguard init'], { cwd: service.root });
    const clean = await runCli(['check', '--format', 'compact'], { cwd: service.root });
    expect(clean.stderr).toBe('');
    expect(clean.code).toBe(0);
    service.prepend('src/domain/card.ts', FORBIDDEN_IMPORT);
    const broken = await runCli(['check', '--format', 'compact', '--only', 'boundaries'], { cwd: service.root });
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/^src\/domain\/card\.ts:1:\d+ error boundaries\/forbidden-import /m);
  }, 120_000);
});
