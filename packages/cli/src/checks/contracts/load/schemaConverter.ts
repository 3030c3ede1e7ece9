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
 * A package as the checked project has it installed, resolved from one of its folders: the schemas were built with
 * that copy, so only it converts them. Which file that is is known only at run time.
 */
function importInstalled(from: NodeJS.Require, name: string): Promise<unknown> {
  return import(pathToFileURL(from.resolve(name)).href);
}

/** zod 4's own `toJSONSchema`, from the zod the app resolves; undefined when that is zod 3 or there is none. */
async function zod4Converter(resolveFrom: NodeJS.Require): Promise<SchemaConverter | undefined> {
  let toJsonSchema: ToJsonSchema | undefined;
  try {
    toJsonSchema = toJsonSchemaOf(await importInstalled(resolveFrom, 'zod'));
  } catch {
    return undefined;
  }
  if (toJsonSchema === undefined) return undefined;
  const convert = toJsonSchema;
  return (schema, io) => convert(schema, { io, target: 'draft-2020-12' });
}

/**
 * The converter for route schemas written with zod, from what the app itself resolves (next to the app module, so
 * a workspace package's own): a zod 4 schema with zod 4's `toJSONSchema`, `input` for what a route reads and
 * `output` for what it answers (as fastify-type-provider-zod's OpenAPI transform does), JSON Schema 2020-12 as
 * OpenAPI 3.1 uses; a zod 3 schema (zod 3, or zod 4's `zod/v3`) with the app's zod-to-json-schema. Undefined
 * when neither is there: a schema-library object is then reported as not convertible.
 */
export async function appSchemaConverter(appModuleFile: string): Promise<SchemaConverter | undefined> {
  const resolveFrom = createRequire(path.join(path.dirname(appModuleFile), 'noop.js'));
  const zod4 = await zod4Converter(resolveFrom);
  const zod3 = await zod3Converter(resolveFrom);
  if (zod4 === undefined && zod3 === undefined) return undefined;
  return (schema, io) => {
    if ('_zod' in schema) {
      if (zod4 === undefined) throw new Error('it is a zod 4 schema, and the zod the app resolves is not zod 4');
      return zod4(schema, io);
    }
    if ('_def' in schema) {
      if (zod3 === undefined) throw new Error('it is a zod 3 schema, and no zod-to-json-schema to convert it resolves from the app (it comes with fastify-type-provider-zod 4, or `npm i -D zod-to-json-schema`)');
      return zod3(schema, io);
    }
    throw new Error('it is not a zod schema');
  };
}

type ZodToJsonSchema = (schema: unknown, options: Record<string, unknown>) => unknown;

/**
 * For zod 3, which cannot convert itself: the `zod-to-json-schema` the app's type provider uses (resolved from
 * fastify-type-provider-zod, else from the app), inlined (`$refStrategy: 'none'`), what a route reads for
 * `input` and what it answers for `output`. Undefined when there is none, or it does not load with the app's zod.
 */
async function zod3Converter(resolveFrom: NodeJS.Require): Promise<SchemaConverter | undefined> {
  const places: NodeJS.Require[] = [];
  try {
    places.push(createRequire(resolveFrom.resolve('fastify-type-provider-zod/package.json')));
  } catch {
    // No type provider: the app's own resolution below.
  }
  places.push(resolveFrom);
  for (const place of places) {
    let module: unknown;
    try {
      module = await importInstalled(place, 'zod-to-json-schema');
    } catch {
      continue;
    }
    const candidate = module as { zodToJsonSchema?: unknown; default?: unknown };
    const convert = typeof candidate.zodToJsonSchema === 'function' ? candidate.zodToJsonSchema : typeof candidate.default === 'function' ? candidate.default : undefined;
    if (typeof convert !== 'function') continue;
    const toJson = convert as ZodToJsonSchema;
    return (schema, io) => {
      const converted = toJson(schema, { $refStrategy: 'none', target: 'jsonSchema7', effectStrategy: io === 'input' ? 'input' : 'any', pipeStrategy: io });
      if (typeof converted === 'object' && converted !== null) delete (converted as Record<string, unknown>)['$schema'];
      return converted;
    };
  }
  return undefined;
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
