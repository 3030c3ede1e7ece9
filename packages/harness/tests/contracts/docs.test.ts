import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

describe('docs/harness.md', () => {
  it('the runnable example runs and prints what the doc says', { timeout: 30_000 }, async () => {
    const doc = readFileSync(path.join(repoRoot, 'docs', 'harness.md'), 'utf8');
    const example = /```ts example\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(example).toBeDefined();
    // Inside the repository, so the example resolves fastify and @npvguard/harness as a project would.
    const folder = mkdtempSync(path.join(repoRoot, 'packages', 'harness', 'tests', 'contracts', 'example-'));
    try {
      const file = path.join(folder, 'example.ts');
      writeFileSync(file, example ?? '');
      const output = await new Promise<string>((resolve, reject) => {
        execFile(process.execPath, ['--import', 'tsx', file], { cwd: folder }, (error, stdout, stderr) => (error === null ? resolve(stdout) : reject(new Error(`${error.message}\n${stderr}`))));
      });
      expect(output).toBe('valid: true invalid: true\nPOST /tracks valid: ok\nPOST /tracks invalid: ok\n');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
