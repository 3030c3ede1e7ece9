import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModelServer, loadModelDirectory } from '@npvguard-examples/model-server';
import { REPO_ROOT, runCli } from '../support/cli.js';
import { copyService, SERVICE, type ServiceRepository } from './serviceCopy.js';

let repository: ServiceRepository;
let server: ReturnType<typeof buildModelServer>;
let modelUrl: string;

beforeAll(async () => {
  repository = copyService({ propertyRuns: 0 });
  server = buildModelServer({ models: await loadModelDirectory(path.join(REPO_ROOT, 'examples', 'model-server', 'models')), logLevel: 'silent' });
  modelUrl = await server.listen({ host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await server.close();
  repository.remove();
});

describe('npvguard contracts update', { timeout: 30_000 }, () => {
  it('writes the API snapshot and, from the model server example over HTTP, the model snapshot committed in the reference service', async () => {
    const run = await runCli(['contracts', 'update', '--model-url', modelUrl, '--cwd', repository.root], { cwd: repository.root });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(`wrote contracts/openapi.json (4 paths from src/server/app.ts)\nwrote contracts/model-npv-ranker.json (metadata of npv-ranker from ${modelUrl})\n`);
    for (const file of ['contracts/openapi.json', 'contracts/model-npv-ranker.json']) {
      expect(readFileSync(path.join(repository.root, file), 'utf8')).toBe(readFileSync(path.join(SERVICE, file), 'utf8'));
    }
    expect(run.code).toBe(0);
  });

  it('a model server that does not answer is NPV2104, exit 2', async () => {
    const run = await runCli(['contracts', 'update', '--model-url', `${modelUrl}/nothing-here`, '--cwd', repository.root], { cwd: repository.root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`error NPV2104: The model server answered 404 for ${modelUrl}/nothing-here/v2/models/npv-ranker`);
  });
});
