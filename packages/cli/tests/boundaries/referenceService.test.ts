import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Result } from '@npvguard/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const service = path.join(repoRoot, 'examples', 'npv-ranking-service');
const ROUTE = 'src/server/routes/cardsRoute.ts';

/** The service's sources, config and tsconfig in a scratch folder, with the repository's packages installed. */
function copyService(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'npvguard-reference-service-'));
  fs.cpSync(path.join(service, 'src'), path.join(root, 'src'), { recursive: true });
  fs.copyFileSync(path.join(service, 'npvguard.config.ts'), path.join(root, 'npvguard.config.ts'));
  const tsconfig = JSON.parse(fs.readFileSync(path.join(service, 'tsconfig.json'), 'utf8'));
  // Same options; the extends path made absolute, project references to sibling packages left behind.
  const copied = { ...tsconfig, extends: path.join(repoRoot, 'tsconfig.base.json'), references: undefined };
  fs.writeFileSync(path.join(root, 'tsconfig.json'), JSON.stringify(copied, null, 2));
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'reference-service-copy', private: true, type: 'module' }));
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  return root;
}

async function check(root: string): Promise<{ code: number; result: Result }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'npvguard', 'check', '--only', 'boundaries', '--format', 'json'], {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    env: {},
    cwd: root,
  });
  if (stdout === '') throw new Error(`npvguard printed nothing (exit ${code}): ${stderr}`);
  return { code, result: JSON.parse(stdout) as Result };
}

describe('the reference service under its own npvguard.config.ts', () => {
  let root: string;
  beforeAll(() => {
    root = copyService();
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('has no boundaries findings', async () => {
    const { code, result } = await check(root);
    expect(result.findings).toEqual([]);
    expect(code).toBe(0);
    expect(result.checks.find((run) => run.id === 'boundaries')?.status).toBe('pass');
  });

  it('fails with boundaries/forbidden-import at the line where a route imports a client', async () => {
    const route = path.join(root, ROUTE);
    const original = fs.readFileSync(route, 'utf8');
    fs.writeFileSync(route, `import { OipClient } from '../../clients/model/oipClient.js';\n${original}`);
    try {
      const { code, result } = await check(root);
      expect(code).toBe(1);
      expect(result.findings.map((finding) => `${finding.ruleId} ${finding.file}:${finding.line}`)).toEqual([`boundaries/forbidden-import ${ROUTE}:1`]);
      expect(result.findings[0]?.message).toBe(
        `${ROUTE}:1 imports src/clients/model/oipClient.ts (layer clients) at runtime: \`import { OipClient } from '../../clients/model/oipClient.js';\`. Rule: layer server may import: pipeline, domain.`,
      );
    } finally {
      fs.writeFileSync(route, original);
    }
  });

  it('fails with boundaries/private-import where the composition root reaches past a layer\'s index.ts, and passes through it', async () => {
    const app = path.join(root, 'src/server/app.ts');
    const original = fs.readFileSync(app, 'utf8');
    try {
      fs.writeFileSync(app, `import { bucketOf } from '../experiments/bucketing.js';\nexport const firstBucket = bucketOf('salt', 'unit');\n${original}`);
      const deep = await check(root);
      expect(deep.code).toBe(1);
      expect(deep.result.findings.map((finding) => `${finding.ruleId} ${finding.file}:${finding.line}`)).toEqual(['boundaries/private-import src/server/app.ts:1']);
      expect(deep.result.findings[0]?.message).toContain('layer experiments is imported only through its entry point src/experiments/index.ts');
      fs.writeFileSync(app, `import { OipClient as Client } from '../clients/model/oipClient.js';\nexport const client = Client;\n${original}`);
      const client = await check(root);
      expect(client.result.findings.map((finding) => `${finding.ruleId} ${finding.file}:${finding.line}`)).toEqual(['boundaries/private-import src/server/app.ts:1']);
    } finally {
      fs.writeFileSync(app, original);
    }
    const clean = await check(root);
    expect(clean.result.findings).toEqual([]);
  });
});
