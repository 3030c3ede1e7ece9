import { isRecord, sortKeysDeep } from '../schema/jsonSchema.js';
import type { RecordedRoute } from './app.js';
import { SchemaInliner } from './inline.js';

export type OpenApiDocument = Record<string, unknown>;

export interface ExtractOptions {
  title?: string;
  version?: string;
  /** fastify's shared schemas (`app.getSchemas()`), which route schemas may reference by `$id`. */
  sharedSchemas?: Readonly<Record<string, unknown>>;
}

export interface Extraction {
  document: OpenApiDocument;
  /** `METHOD /path` of routes that declare no response schema. */
  routesWithoutResponseSchema: string[];
  /** References that resolved nowhere; kept as written. */
  unresolvedReferences: string[];
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
  for (const key of ['summary', 'description', 'operationId', 'tags', 'deprecated'] as const) {
    if (schema[key] !== undefined) result[key] = schema[key];
  }
  return result;
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

/**
 * An OpenAPI 3.1 document from fastify's recorded routes, in a canonical form: every schema inlined
 * (recursive ones through `components.schemas`), object keys sorted, `required` lists sorted. Equal
 * contracts give byte-equal documents, whatever the code's property order or schema sharing. HEAD routes
 * fastify adds for each GET are left out, and so are routes an npm package registered (a plugin's own routes).
 */
export function extractOpenApi(routes: readonly RecordedRoute[], options: ExtractOptions = {}): Extraction {
  const inliner = new SchemaInliner(options.sharedSchemas ?? {});
  const paths: Record<string, Record<string, unknown>> = {};
  const withoutResponse: string[] = [];
  const gets = new Set(routes.filter((route) => route.method === 'GET').map((route) => route.url));
  for (const route of routes) {
    const method = route.method.toLowerCase();
    if (!METHODS.includes(method) || route.auto !== undefined || (method === 'head' && gets.has(route.url))) continue;
    // A plugin's routes (API docs, static files, the CORS preflight) are the plugin's contract, not the app's.
    if (route.source?.package !== undefined) continue;
    const path = openApiPath(route.url);
    const built = inliner.inline(operation(route)) as Record<string, unknown>;
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
  };
}

/** The snapshot file's text: two-space JSON with sorted keys and a final newline. */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(sortKeysDeep(value), null, 2)}\n`;
}
