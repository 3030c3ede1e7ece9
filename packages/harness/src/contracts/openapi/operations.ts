import { dereference, isRecord, SchemaError, type JsonSchema } from '../schema/jsonSchema.js';

export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie';

export interface OperationParameter {
  name: string;
  in: ParameterLocation;
  required: boolean;
  schema: JsonSchema;
  /** Where the parameter object sits in the document (a JSON pointer), for reports. */
  pointer: string;
  /** Serialization, when the document says: `form`, `simple`, `deepObject`...; and whether lists explode. */
  style?: string;
  explode?: boolean;
  /** Annotations of the parameter object: deprecation, sunset, stability. */
  deprecated?: boolean;
  extensions?: Record<string, unknown>;
}

export interface OperationBody {
  required: boolean;
  /** The JSON media type's schema (`application/json` or a `+json` type); undefined when only other media types are described. */
  schema: JsonSchema | undefined;
  mediaType: string | undefined;
  pointer: string;
}

export interface OperationResponse {
  status: string;
  schema: JsonSchema | undefined;
  mediaType: string | undefined;
  pointer: string;
}

export interface Operation {
  method: string;
  /** The path as written, e.g. `/users/{id}`. */
  path: string;
  /** The path with parameter names blanked, `/users/{}`: renaming a path parameter is not a new path. */
  pathKey: string;
  parameters: OperationParameter[];
  body: OperationBody | undefined;
  responses: OperationResponse[];
  deprecated: boolean;
  pointer: string;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const LOCATIONS: readonly ParameterLocation[] = ['path', 'query', 'header', 'cookie'];

export function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** An OpenAPI object that may be a `$ref` (to `#/components/...`); returns the object it stands for. */
function resolveObject(value: unknown, root: unknown): Record<string, unknown> | undefined {
  const resolved = isRecord(value) ? dereference(value, root) : undefined;
  return isRecord(resolved) ? resolved : undefined;
}

function isJsonMediaType(type: string): boolean {
  const bare = type.split(';')[0]?.trim().toLowerCase() ?? '';
  return bare === 'application/json' || bare.endsWith('+json') || bare === '*/*' || bare === 'application/*';
}

function jsonContent(content: unknown): { schema: JsonSchema | undefined; mediaType: string | undefined } {
  if (!isRecord(content)) return { schema: undefined, mediaType: undefined };
  const entry = Object.entries(content).find(([type]) => isJsonMediaType(type));
  if (entry === undefined) return { schema: undefined, mediaType: Object.keys(content)[0] };
  const media = isRecord(entry[1]) ? entry[1] : {};
  const schema = media['schema'];
  return { schema: typeof schema === 'boolean' || isRecord(schema) ? (schema as JsonSchema) : true, mediaType: entry[0] };
}

function parameters(list: unknown, root: unknown, pointer: string): OperationParameter[] {
  if (!Array.isArray(list)) return [];
  const found: OperationParameter[] = [];
  list.forEach((item, index) => {
    const parameter = resolveObject(item, root);
    if (parameter === undefined || typeof parameter['name'] !== 'string') return;
    const location = LOCATIONS.find((candidate) => candidate === parameter['in']);
    if (location === undefined) return;
    const schema = parameter['schema'] ?? jsonContent(parameter['content']).schema ?? true;
    found.push({
      name: location === 'header' ? parameter['name'].toLowerCase() : parameter['name'],
      in: location,
      required: location === 'path' || parameter['required'] === true,
      schema: typeof schema === 'boolean' || isRecord(schema) ? (schema as JsonSchema) : true,
      pointer: `${pointer}/${index}`,
      ...(typeof parameter['style'] === 'string' ? { style: parameter['style'] } : {}),
      ...(typeof parameter['explode'] === 'boolean' ? { explode: parameter['explode'] } : {}),
      ...(parameter['deprecated'] === true ? { deprecated: true } : {}),
      ...(Object.keys(parameter).some((key) => key.startsWith('x-')) ? { extensions: Object.fromEntries(Object.entries(parameter).filter(([key]) => key.startsWith('x-'))) } : {}),
    });
  });
  return found;
}

/**
 * Every operation of an OpenAPI 3.x document (after `normalizeOpenApiSchemas`), with path-level and
 * operation-level parameters merged and `$ref`s to parameters, bodies and responses followed. Schemas are
 * returned as written (their own `$ref`s resolve in the document).
 */
export function listOperations(document: unknown): Operation[] {
  if (!isRecord(document) || !isRecord(document['paths'])) throw new SchemaError('the document has no `paths` object');
  const operations: Operation[] = [];
  for (const [path, rawItem] of Object.entries(document['paths'])) {
    const item = resolveObject(rawItem, document);
    if (item === undefined) continue;
    const itemPointer = `#/paths/${escapeSegment(path)}`;
    const shared = parameters(item['parameters'], document, `${itemPointer}/parameters`);
    for (const method of METHODS) {
      const raw = item[method];
      if (!isRecord(raw)) continue;
      const pointer = `${itemPointer}/${method}`;
      const own = parameters(raw['parameters'], document, `${pointer}/parameters`);
      const merged = [...shared.filter((candidate) => !own.some((parameter) => parameter.name === candidate.name && parameter.in === candidate.in)), ...own];
      const bodyObject = resolveObject(raw['requestBody'], document);
      const body = bodyObject === undefined ? undefined : { required: bodyObject['required'] === true, ...jsonContent(bodyObject['content']), pointer: `${pointer}/requestBody` };
      const responses: OperationResponse[] = [];
      const rawResponses = isRecord(raw['responses']) ? raw['responses'] : {};
      for (const [status, rawResponse] of Object.entries(rawResponses)) {
        const response = resolveObject(rawResponse, document) ?? {};
        responses.push({ status: status.toUpperCase(), ...jsonContent(response['content']), pointer: `${pointer}/responses/${escapeSegment(status)}` });
      }
      operations.push({
        method: method.toUpperCase(),
        path,
        pathKey: path.replace(/\{[^}]*\}/g, '{}'),
        parameters: merged,
        body,
        responses,
        deprecated: raw['deprecated'] === true,
        pointer,
      });
    }
  }
  return operations;
}

/** The documented response for a status: the exact code, then its range (`2XX`), then `default`. */
export function responseFor(operation: Operation, status: number): OperationResponse | undefined {
  const exact = operation.responses.find((response) => response.status === String(status));
  const range = operation.responses.find((response) => response.status === `${String(status).charAt(0)}XX`);
  const fallback = operation.responses.find((response) => response.status === 'DEFAULT');
  return exact ?? range ?? fallback;
}
