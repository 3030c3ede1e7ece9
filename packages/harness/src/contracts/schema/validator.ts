import { createRequire } from 'node:module';
import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type formatsModule from 'ajv-formats';
import { isRecord, SchemaError, type JsonSchema } from './jsonSchema.js';

// ajv and ajv-formats (CommonJS) are loaded on the first compile: a run that compiles no schema does not pay for them.
const require = createRequire(import.meta.url);

/** A compiled JSON Schema: `validate(value)` plus the errors of the last call, as ajv reports them. */
export interface SchemaValidator {
  (value: unknown): boolean;
  errors(): ErrorObject[];
}

/** Document parts a fragment's local `$ref`s may point into (OpenAPI components, JSON Schema $defs). */
const REFERENCE_TARGETS = ['components', '$defs', 'definitions', 'paths', 'webhooks'] as const;

let shared: Ajv2020 | undefined;

function ajv(): Ajv2020 {
  if (shared === undefined) {
    // strict off: OpenAPI schemas carry keywords JSON Schema does not know (example, discriminator, x-...).
    const { Ajv2020: Ajv } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
    const addFormats = (require('ajv-formats') as typeof formatsModule).default;
    shared = new Ajv({ logger: false, strict: false, allErrors: false, validateSchema: false, addUsedSchema: false, unicodeRegExp: false });
    addFormats(shared);
  }
  return shared;
}

/**
 * A copy without `$id` and `$schema`: one shared ajv instance refuses a second schema with the same `$id`
 * (TypeBox puts one on shared schemas), and a draft-07 `$schema` would make ajv look for that meta-schema.
 * References to such ids are resolved before schemas get here.
 */
function withoutIdentifiers(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIdentifiers);
  if (!isRecord(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === '$id' || key === '$schema') continue;
    copy[key] = withoutIdentifiers(item);
  }
  return copy;
}

const cache = new WeakMap<object, WeakMap<object, ValidateFunction>>();

/**
 * Compiles `schema` with ajv (draft 2020-12 and ajv-formats). When the schema is a fragment of a larger
 * document (`root`), its `#/...` references resolve inside that document.
 */
export function createValidator(schema: JsonSchema, root?: unknown): SchemaValidator {
  let compiled: ValidateFunction;
  if (typeof schema === 'boolean') {
    compiled = ajv().compile(schema);
  } else {
    const document = isRecord(root) && root !== schema ? root : undefined;
    const key = document ?? schema;
    const byRoot = cache.get(key) ?? new WeakMap<object, ValidateFunction>();
    cache.set(key, byRoot);
    const known = byRoot.get(schema);
    if (known !== undefined) {
      compiled = known;
    } else {
      const wrapper: Record<string, unknown> = { allOf: [schema] };
      if (document !== undefined) {
        for (const target of REFERENCE_TARGETS) if (document[target] !== undefined) wrapper[target] = document[target];
      }
      try {
        compiled = ajv().compile(withoutIdentifiers(document === undefined ? schema : wrapper) as Record<string, unknown>);
      } catch (error) {
        // A schema no validator can compile (a keyword ajv refuses, a bad pattern) is the document's fault, not ours.
        throw new SchemaError(`a schema cannot be compiled: ${(error as Error).message}`);
      }
      byRoot.set(schema, compiled);
    }
  }
  const validator = ((value: unknown) => compiled(value) === true) as SchemaValidator;
  validator.errors = () => [...(compiled.errors ?? [])];
  return validator;
}

/** The property ajv names for an unknown-property error, which its message leaves out. */
function unknownProperty(error: ErrorObject): string | undefined {
  const params = error.params as Record<string, unknown>;
  const name = error.keyword === 'additionalProperties' ? params['additionalProperty'] : error.keyword === 'unevaluatedProperties' ? params['unevaluatedProperty'] : undefined;
  return typeof name === 'string' ? name : undefined;
}

/** One line per ajv error: `/path must be <= 50`, `(root) must NOT have additional properties (subtitle)`. */
export function describeErrors(errors: readonly ErrorObject[]): string {
  return errors
    .map((error) => {
      const name = unknownProperty(error);
      return `${error.instancePath === '' ? '(root)' : error.instancePath} ${error.message ?? 'is invalid'}${name === undefined ? '' : ` (${name})`}`;
    })
    .join('; ');
}
