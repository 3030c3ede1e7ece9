import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { afterAll, describe, expect, it } from 'vitest';
import type { Result } from '@npvguard/core';
import { main } from '../../src/main.js';
import { CHECKS } from '../../src/checks/index.js';
import { registerTools } from '../../src/mcp/tools.js';
import { agentBase, defaultBranch } from '../../src/base/mergeBase.js';
import { createRepo, git, type TempRepo } from '../integrity/gitRepo.js';

const PAYLOADS = path.join(path.dirname(new URL(import.meta.url).pathname), 'payloads');
const repos: TempRepo[] = [];
afterAll(() => repos.forEach((repo) => repo.cleanup()));

const CLEAN = 'export function greet(name: string): string {\n  return `hello ${name}`;\n}\n';
const SILENCED = 'export function greet(name: string): string {\n  // eslint-disable-next-line no-console\n  console.log(name);\n  return `hello ${name}`;\n}\n';

function repoWith(config: object = { integrity: {} }): TempRepo {
  const repo = createRepo({ 'npvguard.config.json': JSON.stringify(config), 'src/greet.ts': CLEAN });
  repos.push(repo);
  return repo;
}

async function stopHook(root: string) {
  let stdout = '';
  let stderr = '';
  const input = readFileSync(path.join(PAYLOADS, 'claude-stop.json'), 'utf8').replaceAll('__ROOT__', root);
  const io = { stdout: { write: (chunk: string) => (stdout += chunk) }, stderr: { write: (chunk: string) => (stderr += chunk) }, stdin: Readable.from([input]), env: {}, cwd: root };
  const code = await main(['node', 'npvguard', 'hook', 'claude', '--event', 'stop'], io);
  return { code, stdout, stderr };
}

type CheckTool = (input: { base?: string }, extra: { signal: AbortSignal }) => Promise<{ structuredContent?: unknown; isError?: boolean }>;

/** The MCP `check` tool's handler as the server registers it, for a project folder. */
function mcpCheck(root: string): CheckTool {
  const handlers = new Map<string, CheckTool>();
  const server = { registerTool: (name: string, _config: unknown, handler: CheckTool) => handlers.set(name, handler) } as unknown as McpServer;
  registerTools(server, { cwd: root, checks: CHECKS });
  const handler = handlers.get('check');
  if (handler === undefined) throw new Error('check is not registered');
  return handler;
}

describe('the Stop hook and the MCP check compare with the merge base once the agent has committed', () => {
  it('an eslint-disable committed on a feature branch blocks the Stop hook and is a finding of the MCP check', async () => {
    const repo = repoWith();
    const main = git(repo.root, 'rev-parse', 'HEAD').trim();
    git(repo.root, 'checkout', '--quiet', '-b', 'feature');
    repo.write({ 'src/greet.ts': SILENCED });
    repo.commit('log the name');
    // Nothing is left uncommitted: against HEAD alone the change is empty.
    expect(git(repo.root, 'status', '--porcelain')).toBe('');
    expect(await agentBase(repo.root, undefined)).toEqual({ sha: main, branch: 'main' });

    const answer = await stopHook(repo.root);
    expect(answer.code).toBe(2);
    expect(answer.stderr).toContain(`npvguard found problems in this change (the commits since ${main.slice(0, 12)}, where it left main, included)`);
    expect(answer.stderr).toMatch(/^src\/greet\.ts:2:\d+ error integrity\/eslint-disable /m);

    const checked = await mcpCheck(repo.root)({}, { signal: new AbortController().signal });
    const result = checked.structuredContent as Result;
    expect(result.findings.map((finding) => `${finding.ruleId} ${finding.file}:${finding.line}`)).toEqual(['integrity/eslint-disable src/greet.ts:2']);
    // An explicit base wins: against HEAD the committed suppression is no longer part of the change.
    const againstHead = (await mcpCheck(repo.root)({ base: 'HEAD' }, { signal: new AbortController().signal })).structuredContent as Result;
    expect(againstHead.findings).toEqual([]);
  }, 120_000);

  it('with nothing committed since the default branch, the change is what is uncommitted (HEAD), as before', async () => {
    const repo = repoWith();
    expect(await agentBase(repo.root, undefined)).toBeUndefined();
    expect((await stopHook(repo.root)).code).toBe(0);
    repo.write({ 'src/greet.ts': SILENCED });
    const answer = await stopHook(repo.root);
    expect(answer.code).toBe(2);
    expect(answer.stderr).toContain('npvguard found problems in this change; fix them');
  }, 60_000);

  it('finds the default branch from origin/HEAD, else main or master; agent.base names another, and must exist', async () => {
    const repo = repoWith();
    expect(await defaultBranch(repo.root, undefined)).toMatchObject({ ref: 'main' });
    git(repo.root, 'branch', '--quiet', '-m', 'main', 'master');
    expect(await defaultBranch(repo.root, undefined)).toMatchObject({ ref: 'master' });
    git(repo.root, 'update-ref', 'refs/remotes/origin/develop', 'HEAD');
    git(repo.root, 'symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/develop');
    expect(await defaultBranch(repo.root, undefined)).toMatchObject({ ref: 'origin/develop' });
    git(repo.root, 'branch', '--quiet', 'trunk');
    expect(await defaultBranch(repo.root, 'trunk')).toMatchObject({ ref: 'trunk' });
    await expect(defaultBranch(repo.root, 'release')).rejects.toMatchObject({ code: 'NPV2004' });
  });

  it('agent.base in the config: the branch work is compared with; a name that is no branch does not block but says why', async () => {
    const repo = repoWith({ integrity: {}, agent: { base: 'trunk' } });
    git(repo.root, 'branch', '--quiet', 'trunk');
    git(repo.root, 'checkout', '--quiet', '-b', 'feature');
    repo.write({ 'src/greet.ts': SILENCED });
    repo.commit('log the name');
    // main has moved on to the feature commit too; only trunk still marks where the work started.
    git(repo.root, 'branch', '--quiet', '-f', 'main', 'HEAD');
    const answer = await stopHook(repo.root);
    expect(answer.code).toBe(2);
    expect(answer.stderr).toContain('where it left trunk, included');

    repo.write({ 'npvguard.config.json': JSON.stringify({ integrity: {}, agent: { base: 'release' } }) });
    const missing = await stopHook(repo.root);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/not blocking[\s\S]*error NPV2004: agent\.base in the npvguard config names "release"/);

    repo.write({ 'npvguard.config.json': JSON.stringify({ integrity: {}, agent: { base: '--upload-pack=x' } }) });
    const unsafe = await stopHook(repo.root);
    expect(unsafe.code).toBe(1);
    expect(unsafe.stderr).toMatch(/error NPV1003: .*agent\.base/);
  }, 120_000);
});
