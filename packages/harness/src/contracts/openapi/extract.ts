import { isRecord, sortKeysDeep } from '../schema/jsonSchema.js';
import type { RecordedRoute } from './app.js';
import type { CallSite } from './callSite.js';
import { SchemaInliner } from './inline.js';

export type OpenApiDocument = Record<string, unknown>;

/**
 * Turns a route schema written with a schema library (zod and the like) into JSON Schema, the way the app's own
 * OpenAPI document would: `input` for what the route reads (params, querystring, headers, body), `output` for
 * what it answers. Throws (with the reason as message) when the schema cannot be expressed as JSON Schema.
 */
export type SchemaConverter = (schema: object, io: 'input' | 'output') => unknown;

/** A route schema that is not JSON Schema and could not be converted into it. */
export interface UnconvertedSchema {
  method: string;
  url: string;
  /** Where in the route schema: `body`, `querystring`, `response.200`, `response.200.content.application/json`. */
  part: string;
  reason: string;
  source?: CallSite;
}

export interface ExtractOptions {
  title?: string;
  version?: string;
  /** fastify's shared schemas (`app.getSchemas()`), which route schemas may reference by `$id`. */
  sharedSchemas?: Readonly<Record<string, unknown>>;
  /** Converts route schemas that are schema-library objects rather than JSON Schema; without it they are unconverted. */
  convertSchema?: SchemaConverter;
}

export interface Extraction {
  document: OpenApiDocument;
  /** `METHOD /path` of routes that declare no response schema. */
  routesWithoutResponseSchema: string[];
  /** References that resolved nowhere; kept as written. */
  unresolvedReferences: string[];
  /** Route schemas that are not JSON Schema and were not converted; the document holds `{}` in their place. */
  unconvertedSchemas: UnconvertedSchema[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** fastify `/a/:id/*` → OpenAPI `/a/{id}/{wildcard}`; regex constraints on parameters are dropped. */
export function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)(\([^)]*\))?/g, '{$1}').replace(/\*$/, '{wildcard}');
}

function pathParameterNames(url: string): string[] {
  return [...openApiPath(url).matchAll(/\{([^}]+)\}/g)].map((match) => match[1] ?? '');
}

function objectParameters(schema: unknown, location: 'path' | 'query' | 'header'): Array<Record<string, unknown>> {
  if (!isRecord(schema) || !isRecord(schema['properties'])) return [];
  const required = Array.isArray(schema['required']) ? schema['required'] : [];
  return Object.entries(schema['properties']).map(([name, propertySchema]) => {
    const description = isRecord(propertySchema) && typeof propertySchema['description'] === 'string' ? propertySchema['description'] : undefined;
    return {
      name: location === 'header' ? name.toLowerCase() : name,
      in: location,
      required: location === 'path' || required.includes(name),
      schema: propertySchema,
      ...(description === undefined ? {} : { description }),
    };
  });
}

/** A fastify body or response entry → OpenAPI `content`; fastify 5 accepts `{ content: { <media type>: { schema } } }` as well as a bare schema. */
function content(entry: unknown): Record<string, unknown> {
  if (isRecord(entry) && isRecord(entry['content']) && entry['type'] === undefined) {
    const media: Record<string, unknown> = {};
    for (const [type, value] of Object.entries(entry['content'])) media[type] = { schema: isRecord(value) && 'schema' in value ? value['schema'] : value };
    return media;
  }
  return { 'application/json': { schema: entry } };
}

function responses(schema: Record<string, unknown>): Record<string, unknown> | undefined {
  const response = schema['response'];
  if (!isRecord(response) || Object.keys(response).length === 0) return undefined;
  const result: Record<string, unknown> = {};
  for (const [status, entry] of Object.entries(response)) {
    const key = /^[1-5]xx$/i.test(status) ? status.toUpperCase() : status;
    const description = isRecord(entry) && typeof entry['description'] === 'string' ? entry['description'] : `${key} response`;
    result[key] = { description, content: content(entry) };
  }
  return result;
}

function operation(route: RecordedRoute): Record<string, unknown> {
  const schema = route.schema ?? {};
  const declaredPath = objectParameters(schema['params'], 'path');
  const declaredNames = new Set(declaredPath.map((parameter) => parameter['name']));
  const implicitPath = pathParameterNames(route.url)
    .filter((name) => !declaredNames.has(name))
    .map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
  const parameters = [...declaredPath, ...implicitPath, ...objectParameters(schema['querystring'] ?? schema['query'], 'query'), ...objectParameters(schema['headers'], 'header')];
  const result: Record<string, unknown> = { responses: responses(schema) ?? {} };
  if (parameters.length > 0) result['parameters'] = parameters.sort((left, right) => `${String(left['in'])}:${String(left['name'])}`.localeCompare(`${String(right['in'])}:${String(right['name'])}`));
  if (schema['body'] !== undefined) result['requestBody'] = { required: true, content: content(schema['body']) };
  // x-sunset and x-stability-level: the operation's lifecycle, which the semantic diff judges.
  for (const key of ['summary', 'description', 'operationId', 'tags', 'deprecated', 'x-sunset', 'x-stability-level'] as const) {
    if (schema[key] !== undefined) result[key] = schema[key];
  }
  return result;
}

/** What a schema-library object is called in messages. */
function libraryName(schema: object): string {
  const standard = (schema as Record<string, unknown>)['~standard'];
  if (isRecord(standard) && typeof standard['vendor'] === 'string') return `a ${standard['vendor']} schema`;
  if ('_zod' in schema) return 'a zod schema';
  if ('_def' in schema) return 'a zod 3 schema';
  const name = (schema as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name !== '' ? `a ${name} object` : 'an object that is not JSON Schema';
}

/**
 * Whether a route schema is a schema library's object rather than JSON Schema: a Standard Schema (zod 4,
 * valibot, arktype), zod 3's `_def`, or any class instance (JSON Schema, TypeBox's included, is plain objects).
 */
export function isLibrarySchema(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  if ('_zod' in value || '_def' in value) return true;
  // A plain object with an enumerable `~standard` is a Standard Schema (valibot); zod's JSON Schema output carries
  // a non-enumerable one, and stays JSON Schema.
  if (Object.keys(value).includes('~standard')) return true;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype !== Object.prototype && prototype !== null;
}

/** References inside a converted schema (`#`, `#/$defs/x`) made to point into it once it is stored under `id`. */
function rebase(schema: unknown, id: string): unknown {
  if (Array.isArray(schema)) return schema.map((item) => rebase(item, id));
  if (!isRecord(schema)) return schema;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) copy[key] = key === '$ref' && typeof value === 'string' && value.startsWith('#') ? `${id}${value}` : rebase(value, id);
  return copy;
}

const INPUT_PARTS = ['params', 'querystring', 'query', 'headers', 'body'] as const;

/** Converts the schema-library parts of route schemas into JSON Schema; records those it cannot. */
class RouteSchemaConverter {
  /** Each converted schema by a generated id, so references inside it (a recursive schema's `#`) resolve. */
  readonly documents: Record<string, unknown> = {};
  readonly unconverted: UnconvertedSchema[] = [];

  constructor(private readonly convert: SchemaConverter | undefined) {}

  route(route: RecordedRoute): RecordedRoute {
    const schema = route.schema;
    if (schema === undefined || route.source?.package !== undefined) return route;
    const copy: Record<string, unknown> = { ...schema };
    let changed = false;
    const one = (value: unknown, io: 'input' | 'output', part: string): unknown => {
      if (!isLibrarySchema(value)) return value;
      changed = true;
      return this.schema(route, value as object, io, part);
    };
    for (const part of INPUT_PARTS) if (copy[part] !== undefined) copy[part] = one(copy[part], 'input', part);
    const response = copy['response'];
    if (isRecord(response)) {
      const answers: Record<string, unknown> = {};
      for (const [status, entry] of Object.entries(response)) {
        if (isRecord(entry) && !isLibrarySchema(entry) && isRecord(entry['content']) && entry['type'] === undefined) {
          const media: Record<string, unknown> = {};
          for (const [type, value] of Object.entries(entry['content'])) {
            media[type] = isRecord(value) && !isLibrarySchema(value) && 'schema' in value ? { ...value, schema: one(value['schema'], 'output', `response.${status}.content.${type}`) } : one(value, 'output', `response.${status}.content.${type}`);
          }
          answers[status] = { ...entry, content: media };
        } else {
          answers[status] = one(entry, 'output', `response.${status}`);
        }
      }
      copy['response'] = answers;
    }
    return changed ? { ...route, schema: copy } : route;
  }

  private schema(route: RecordedRoute, value: object, io: 'input' | 'output', part: string): unknown {
    const fail = (reason: string): Record<string, never> => {
      this.unconverted.push({ method: route.method, url: route.url, part, reason, ...(route.source === undefined ? {} : { source: route.source }) });
      return {};
    };
    if (this.convert === undefined) return fail(`it is ${libraryName(value)}, not JSON Schema, and no converter for it was found`);
    let json: unknown;
    try {
      json = this.convert(value, io);
    } catch (error) {
      return fail(`${libraryName(value)} that could not be converted to JSON Schema: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!isRecord(json) && typeof json !== 'boolean') return fail(`converting ${libraryName(value)} gave ${typeof json}, not a JSON Schema`);
    if (isLibrarySchema(json)) return fail(`converting ${libraryName(value)} gave ${libraryName(json as object)}, not a JSON Schema`);
    const id = `converted-schema-${Object.keys(this.documents).length + 1}`;
    const rebased = rebase(json, id);
    this.documents[id] = rebased;
    return rebased;
  }
}

/** Sorted `required` lists: their order carries no meaning, and property order in code must not show as drift. */
function sortRequired(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortRequired);
  if (!isRecord(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = key === 'required' && Array.isArray(item) && item.every((name) => typeof name === 'string') ? [...item].sort() : sortRequired(item);
  }
  return copy;
}

const PARAMETER_PARTS = ['params', 'querystring', 'query', 'headers'] as const;

function withInlinedParameters(route: RecordedRoute, inliner: SchemaInliner): RecordedRoute {
  const schema = route.schema;
  if (schema === undefined || !PARAMETER_PARTS.some((part) => isRecord(schema[part]) && '$ref' in schema[part])) return route;
  const copy: Record<string, unknown> = { ...schema };
  for (const part of PARAMETER_PARTS) if (isRecord(schema[part]) && '$ref' in schema[part]) copy[part] = inliner.inline(schema[part]);
  return { ...route, schema: copy };
}

/**
 * An OpenAPI 3.1 document from fastify's recorded routes, in a canonical form: every schema inlined
 * (recursive ones through `components.schemas`), object keys sorted, `required` lists sorted. Equal
 * contracts give byte-equal documents, whatever the code's property order or schema sharing. HEAD routes
 * fastify adds for each GET are left out, and so are routes an npm package registered (a plugin's own routes).
 */
export function extractOpenApi(routes: readonly RecordedRoute[], options: ExtractOptions = {}): Extraction {
  const converter = new RouteSchemaConverter(options.convertSchema);
  const converted = routes.map((route) => converter.route(route));
  const inliner = new SchemaInliner({ ...(options.sharedSchemas ?? {}), ...converter.documents });
  const paths: Record<string, Record<string, unknown>> = {};
  const withoutResponse: string[] = [];
  const gets = new Set(routes.filter((route) => route.method === 'GET').map((route) => route.url));
  for (const route of converted) {
    const method = route.method.toLowerCase();
    if (!METHODS.includes(method) || route.auto !== undefined || (method === 'head' && gets.has(route.url))) continue;
    // A plugin's routes (API docs, static files, the CORS preflight) are the plugin's contract, not the app's.
    if (route.source?.package !== undefined) continue;
    const path = openApiPath(route.url);
    // Parameters come from the properties of the params, querystring and headers schemas: a part that is a
    // reference to a shared schema (`{ $ref: 'Params#' }`) is resolved first, or its parameters would be lost.
    const built = inliner.inline(operation(withInlinedParameters(route, inliner))) as Record<string, unknown>;
    if (Object.keys(built['responses'] as Record<string, unknown>).length === 0) withoutResponse.push(`${route.method} ${path}`);
    (paths[path] ??= {})[method] = built;
  }
  const document: OpenApiDocument = {
    openapi: '3.1.0',
    info: { title: options.title ?? 'API', version: options.version ?? 'snapshot' },
    paths,
    ...(Object.keys(inliner.components).length === 0 ? {} : { components: { schemas: inliner.components } }),
  };
  return {
    document: sortKeysDeep(sortRequired(document)) as OpenApiDocument,
    routesWithoutResponseSchema: withoutResponse.sort(),
    unresolvedReferences: [...new Set(inliner.unresolvedReferences)].sort(),
    unconvertedSchemas: converter.unconverted,
  };
}

/** The snapshot file's text: two-space JSON with sorted keys and a final newline. */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(sortKeysDeep(value), null, 2)}\n`;
}
