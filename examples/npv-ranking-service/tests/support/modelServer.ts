import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { DEFAULT_MODEL_DIR, buildModelServer, loadModelDirectory, parseModelFile } from '@npvguard-examples/model-server';
import type { FaultOptions, LoadedModel } from '@npvguard-examples/model-server';

export interface RunningModelServer {
  readonly url: string;
  close(): Promise<void>;
}

/** The real model server with the shipped npv-ranker, listening on 127.0.0.1 and a free port. */
export async function startModelServer(faults: FaultOptions = {}, models?: readonly LoadedModel[]): Promise<RunningModelServer> {
  const server = buildModelServer({ models: models ?? (await loadModelDirectory(DEFAULT_MODEL_DIR)), faults, logLevel: 'silent' });
  const url = await server.listen({ host: '127.0.0.1', port: 0 });
  return { url, close: () => server.close() };
}

/** The shipped model with two feature names swapped: same shapes, different contract. */
export async function modelWithSwappedFeatures(): Promise<LoadedModel> {
  const file = JSON.parse(await readFile(join(DEFAULT_MODEL_DIR, 'npv-ranker', 'model.json'), 'utf8')) as {
    inputs: { parameters?: { feature_names: string[] } }[];
  };
  const names = file.inputs[0]?.parameters?.feature_names;
  if (names === undefined || names.length < 2) {
    throw new Error('shipped model has no feature names to swap');
  }
  [names[0], names[1]] = [names[1] as string, names[0] as string];
  return parseModelFile(file);
}

/** A URL on which nothing listens: a port bound and released again. */
export async function closedPortUrl(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') {
    throw new Error('could not reserve a port');
  }
  return `http://127.0.0.1:${address.port}`;
}
