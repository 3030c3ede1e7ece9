import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { NpvError, type ContractsConfig } from '@npvguard/core';
import type { ContractApp, ContractAppHandle, SchemaConverter } from '@npvguard/harness/contracts';

type ToJsonSchema = (schema: unknown, params: { io: 'input' | 'output'; target: string }) => unknown;

/** The `toJSONSchema` of a loaded zod module (zod 4 exports it at the top and on `z`); undefined for zod 3. */
function toJsonSchemaOf(module: unknown): ToJsonSchema | undefined {
  if (typeof module !== 'object' || module === null) return undefined;
  const candidates = [module, (module as { z?: unknown }).z, (module as { default?: unknown }).default];
  for (const candidate of candidates) {
    const value = typeof candidate === 'object' && candidate !== null ? (candidate as { toJSONSchema?: unknown }).toJSONSchema : undefined;
    if (typeof value === 'function') return value as ToJsonSchema;
  }
  return undefined;
}

/**
 * The converter for route schemas written with zod, from the zod the app itself resolves (next to the app
 * module, so a workspace package's own zod): zod 4's `toJSONSchema`, `input` for what a route reads and
 * `output` for what it answers (as fastify-type-provider-zod's OpenAPI transform does), JSON Schema 2020-12 as
 * OpenAPI 3.1 uses. Undefined when the app resolves no zod 4: a schema-library object is then reported as
 * not convertible.
 */
export async function appSchemaConverter(appModuleFile: string): Promise<SchemaConverter | undefined> {
  const resolveFrom = createRequire(path.join(path.dirname(appModuleFile), 'noop.js'));
  let zodFile: string;
  try {
    zodFile = resolveFrom.resolve('zod');
  } catch {
    return undefined;
  }
  let toJsonSchema: ToJsonSchema | undefined;
  try {
    toJsonSchema = toJsonSchemaOf(await import(pathToFileURL(zodFile).href));
  } catch {
    return undefined;
  }
  if (toJsonSchema === undefined) return undefined;
  const convert = toJsonSchema;
  return (schema, io) => {
    if (!('_zod' in schema)) throw new Error('the zod the app resolves converts zod 4 schemas only');
    return convert(schema, { io, target: 'draft-2020-12' });
  };
}

/**
 * Fails closed on route schemas the extraction could not turn into JSON Schema: the snapshot would otherwise
 * hold `{}` (or a library's internals) where the contract should be. NPV2107 names each route and part.
 */
export function assertJsonSchemas(handle: ContractAppHandle<ContractApp>, config: ContractsConfig, root: string): void {
  const unconverted = handle.extraction.unconvertedSchemas;
  if (unconverted.length === 0) return;
  const lines = unconverted.map((entry) => {
    const where = entry.source === undefined ? '' : ` (${path.relative(root, entry.source.file).split(path.sep).join('/')}:${entry.source.line})`;
    return `${entry.method} ${entry.url} schema.${entry.part}${where}: ${entry.reason}`;
  });
  throw new NpvError(
    'NPV2107',
    `The app ${config.app} declares route schemas npvguard could not read as JSON Schema, so its contract cannot be extracted:\n${lines.join('\n')}`,
    { app: config.app, schemas: unconverted.map(({ method, url, part, reason }) => ({ method, url, part, reason })) },
  );
}
