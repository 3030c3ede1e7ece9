import { NpvError } from '@npvguard/core';
import { isRecord } from '@npvguard/harness/contracts';
import type { ErrorObject } from 'ajv';
import type { GeneratedValidator } from '../../../../generated/openapi/oas30.js';
import type { BundledDocument } from './bundleReferences.js';
import { formatPointer, parsePointer, valueAt } from './jsonPointer.js';
import type { OpenApiVersion } from './openApiShape.js';

/** The objects a `$ref` can stand for that the comparison reads, each with its validator. */
type ObjectKind = 'Schema' | 'Parameter' | 'RequestBody' | 'Response' | 'Header' | 'PathItem';

type Validators = { validateDocument: GeneratedValidator } & { [Name in `validate${ObjectKind}`]: GeneratedValidator };

// Compiled ahead of time (scripts/generateOpenApiValidators.js), loaded only for the version a document has.
const loaders: Record<OpenApiVersion, () => Promise<Validators>> = {
  '3.0': () => import('../../../../generated/openapi/oas30.js'),
  '3.1': () => import('../../../../generated/openapi/oas31.js'),
};

/** Where the objects a `$ref` stands for may be: the comparison resolves references only inside these. */
const REFERENCE_TARGETS = new Set(['components', 'paths', 'webhooks']);

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items'];
const SCHEMA_VALUES = ['additionalProperties', 'items', 'additionalItems', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties', 'contentSchema'];

function depth(pointer: string): number {
  return pointer === '' ? 0 : pointer.split('/').length;
}

function regexProblem(source: string): string | undefined {
  try {
    new RegExp(source);
    return undefined;
  } catch (error) {
    return `is not a valid regular expression (${error instanceof Error ? error.message : String(error)})`;
  }
}

/**
 * What the OpenAPI schemas allow but no schema validator can compile: an empty `enum` (allowed in 3.1), a
 * `nullable` that is not a boolean (3.0's keyword, read in 3.1 documents too), a `pattern` that is not a
 * regular expression (the schemas only name its format).
 */
function schemaProblem(schema: Record<string, unknown>): { at: string[]; message: string } | undefined {
  const members = schema['enum'];
  if (Array.isArray(members) && members.length === 0) return { at: ['enum'], message: 'must list at least one value' };
  if ('nullable' in schema && typeof schema['nullable'] !== 'boolean') return { at: ['nullable'], message: 'must be true or false' };
  const pattern = schema['pattern'];
  const patternProblem = typeof pattern === 'string' ? regexProblem(pattern) : undefined;
  if (patternProblem !== undefined) return { at: ['pattern'], message: patternProblem };
  const patterns = schema['patternProperties'];
  for (const key of isRecord(patterns) ? Object.keys(patterns) : []) {
    const problem = regexProblem(key);
    if (problem !== undefined) return { at: ['patternProperties', key], message: problem };
  }
  return undefined;
}

/** An ajv error as a pointer (below `base`) and a sentence; an unknown property is pointed at itself. */
function describeError(error: ErrorObject, base: readonly string[]): { pointer: string[]; message: string } {
  const pointer = [...base, ...(parsePointer(error.instancePath) ?? [])];
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return { pointer: [...pointer, String(params['additionalProperty'])], message: 'is not allowed here' };
    case 'unevaluatedProperties':
      return { pointer: [...pointer, String(params['unevaluatedProperty'])], message: 'is not allowed here' };
    case 'required':
      return { pointer, message: `must have the property ${JSON.stringify(params['missingProperty'])}` };
    case 'enum':
      return { pointer, message: `must be one of ${(params['allowedValues'] as unknown[]).map((value) => (typeof value === 'string' ? value : JSON.stringify(value))).join(', ')}` };
    case 'const':
      return { pointer, message: `must be ${JSON.stringify(params['allowedValue'])}` };
    default:
      return { pointer, message: error.message ?? 'is not valid' };
  }
}

/**
 * The most telling of ajv's errors: the deepest one, an unknown property before the rest, and never the
 * "must have $ref" of the Reference branch when another branch says more.
 */
function bestError(errors: readonly ErrorObject[]): ErrorObject | undefined {
  const rank = (error: ErrorObject) => depth(error.instancePath) + (error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties' ? 1 : 0) - ((error.params as Record<string, unknown>)['missingProperty'] === '$ref' ? 0.5 : 0);
  let best: ErrorObject | undefined;
  for (const error of errors) if (best === undefined || rank(error) > rank(best)) best = error;
  return best;
}

class InvalidDocument {
  constructor(
    private readonly bundled: BundledDocument,
    private readonly label: string,
    private readonly version: OpenApiVersion,
  ) {}

  error(pointer: readonly string[], message: string): NpvError {
    const where = formatPointer(pointer);
    const location = this.bundled.locate(where);
    const source = location.pointer === where && location.file === this.label ? `${location.file} line ${location.line}` : `${location.file} line ${location.line}, ${location.pointer}`;
    return new NpvError('NPV2103', `${this.label} is not a valid OpenAPI ${this.version} document: ${where}: ${message} (${source}).`, {
      pointer: where,
      file: location.file,
      line: location.line,
    });
  }
}

const SAME_LEVEL_LISTS = ['allOf', 'anyOf', 'oneOf'];
const SAME_LEVEL_VALUES = ['not', 'if', 'then', 'else'];

/**
 * Finds a schema that applies itself to the same value (through `$ref`, `allOf`, `anyOf`, `oneOf`, `not`,
 * `if`/`then`/`else`) without going into a property or an item first: checking any value against it never ends.
 */
class SameLevelCycles {
  private readonly state = new Map<string, 'open' | 'done'>();

  constructor(private readonly root: unknown) {}

  private next(pointer: readonly string[], value: unknown): Array<{ pointer: string[]; value: unknown }> {
    if (!isRecord(value)) return [];
    const found: Array<{ pointer: string[]; value: unknown }> = [];
    const reference = value['$ref'];
    if (typeof reference === 'string') {
      const segments = parsePointer(reference) ?? [];
      const target = valueAt(this.root, segments);
      if (target.found) found.push({ pointer: segments, value: target.value });
    }
    for (const key of SAME_LEVEL_LISTS) {
      const list = value[key];
      if (Array.isArray(list)) list.forEach((item, index) => found.push({ pointer: [...pointer, key, String(index)], value: item }));
    }
    for (const key of SAME_LEVEL_VALUES) if (isRecord(value[key])) found.push({ pointer: [...pointer, key], value: value[key] });
    return found;
  }

  /** The pointers of a cycle through the schema at `pointer`, if there is one. */
  find(pointer: string[], value: unknown): string[] | undefined {
    const start = formatPointer(pointer);
    if (this.state.has(start)) return undefined;
    type Frame = { key: string; next: Array<{ pointer: string[]; value: unknown }>; index: number };
    const stack: Frame[] = [{ key: start, next: this.next(pointer, value), index: 0 }];
    this.state.set(start, 'open');
    while (stack.length > 0) {
      const frame = stack.at(-1) as Frame;
      const child = frame.next[frame.index];
      if (child === undefined) {
        this.state.set(frame.key, 'done');
        stack.pop();
        continue;
      }
      frame.index += 1;
      const key = formatPointer(child.pointer);
      const seen = this.state.get(key);
      if (seen === 'open') return [...stack.slice(stack.findIndex((item) => item.key === key)).map((item) => item.key), key];
      if (seen === 'done') continue;
      this.state.set(key, 'open');
      stack.push({ key, next: this.next(child.pointer, child.value), index: 0 });
    }
    return undefined;
  }
}

/** Walks the parts of a document the comparison reads and checks what each `$ref` there points at. */
class ReferenceKinds {
  private readonly seen = new Set<string>();
  private readonly queue: Array<{ kind: ObjectKind; value: unknown; pointer: string[] }> = [];
  private readonly cycles: SameLevelCycles;

  constructor(
    private readonly root: unknown,
    private readonly validators: Validators,
    private readonly invalid: InvalidDocument,
  ) {
    this.cycles = new SameLevelCycles(root);
  }

  add(kind: ObjectKind, value: unknown, pointer: string[]): void {
    if (value !== undefined) this.queue.push({ kind, value, pointer });
  }

  /** Every member of a map; `x-...` members are extensions, except in a schema's maps of names. */
  addEach(kind: ObjectKind, map: unknown, pointer: string[]): void {
    if (!isRecord(map)) return;
    for (const [key, value] of Object.entries(map)) if (kind === 'Schema' || !key.startsWith('x-')) this.add(kind, value, [...pointer, key]);
  }

  addList(kind: ObjectKind, list: unknown, pointer: string[]): void {
    if (Array.isArray(list)) list.forEach((value, index) => this.add(kind, value, [...pointer, String(index)]));
  }

  /**
   * The object a `$ref` chain stands for, as the comparison reads it (the siblings of each `$ref` applied over
   * its target), checked once per kind and target; undefined when it was walked already.
   */
  private follow(kind: ObjectKind, value: unknown, pointer: string[]): { value: unknown; pointer: string[] } | undefined {
    let current = { value, pointer };
    let reference: string | undefined;
    let merged = false;
    // bundleReferences has checked every chain ends, at an object.
    while (isRecord(current.value) && typeof current.value['$ref'] === 'string') {
      const { $ref: next, ...siblings } = current.value;
      reference ??= next;
      const segments = parsePointer(next) ?? [];
      const found = valueAt(this.root, segments);
      const target = found.found ? found.value : undefined;
      const merge = isRecord(target) && Object.keys(siblings).length > 0;
      merged ||= merge;
      current = { value: merge ? { ...target, ...siblings } : target, pointer: segments };
    }
    if (reference !== undefined && !REFERENCE_TARGETS.has(current.pointer[0] ?? '')) {
      throw this.invalid.error(pointer, `the $ref ${JSON.stringify(reference)} stands for a ${kind} object, so it must point into #/components, #/paths or #/webhooks`);
    }
    // A merged object is its own: known by where its $ref is written.
    const key = merged ? `${kind}@${formatPointer(pointer)}` : `${kind}${formatPointer(current.pointer)}`;
    if (this.seen.has(key)) return undefined;
    this.seen.add(key);
    if (reference !== undefined) {
      const validate = this.validators[`validate${kind}`];
      if (!validate(current.value)) {
        const error = bestError(validate.errors ?? []);
        const detail = error === undefined ? 'is not valid' : ((described) => `${formatPointer(described.pointer)}: ${described.message}`)(describeError(error, current.pointer));
        const what = merged ? 'what it points at, with the keywords beside it,' : 'what it points at';
        throw this.invalid.error(pointer, `the $ref ${JSON.stringify(reference)} stands for a ${kind} object here, but ${what} is not one (${detail})`);
      }
    }
    return current;
  }

  run(): void {
    for (let next = this.queue.pop(); next !== undefined; next = this.queue.pop()) {
      const found = this.follow(next.kind, next.value, next.pointer);
      if (found === undefined || !isRecord(found.value)) continue;
      this.visit(next.kind, found.value, found.pointer);
    }
  }

  private content(media: unknown, pointer: string[]): void {
    if (!isRecord(media)) return;
    for (const [type, entry] of Object.entries(media)) if (isRecord(entry)) this.add('Schema', entry['schema'], [...pointer, type, 'schema']);
  }

  private visit(kind: ObjectKind, value: Record<string, unknown>, pointer: string[]): void {
    switch (kind) {
      case 'PathItem':
        this.addList('Parameter', value['parameters'], [...pointer, 'parameters']);
        for (const method of METHODS) {
          const operation = value[method];
          if (!isRecord(operation)) continue;
          const at = [...pointer, method];
          this.addList('Parameter', operation['parameters'], [...at, 'parameters']);
          this.add('RequestBody', operation['requestBody'], [...at, 'requestBody']);
          this.addEach('Response', operation['responses'], [...at, 'responses']);
        }
        return;
      case 'Parameter':
      case 'Header':
        this.add('Schema', value['schema'], [...pointer, 'schema']);
        this.content(value['content'], [...pointer, 'content']);
        return;
      case 'RequestBody':
        this.content(value['content'], [...pointer, 'content']);
        return;
      case 'Response':
        this.addEach('Header', value['headers'], [...pointer, 'headers']);
        this.content(value['content'], [...pointer, 'content']);
        return;
      case 'Schema': {
        const problem = schemaProblem(value);
        if (problem !== undefined) throw this.invalid.error([...pointer, ...problem.at], problem.message);
        const cycle = this.cycles.find(pointer, value);
        if (cycle !== undefined) {
          throw this.invalid.error(parsePointer(cycle[0] ?? '') ?? pointer, `the schema applies itself to the same value (${cycle.join(' → ')}) without going into a property or an item, so no value can ever be checked against it`);
        }
        for (const key of SCHEMA_MAPS) this.addEach('Schema', value[key], [...pointer, key]);
        for (const key of SCHEMA_LISTS) this.addList('Schema', value[key], [...pointer, key]);
        for (const key of SCHEMA_VALUES) if (isRecord(value[key])) this.add('Schema', value[key], [...pointer, key]);
        return;
      }
    }
  }
}

/**
 * Checks a bundled document against the OpenAPI schema of its version (3.1 Schema Objects against JSON Schema
 * 2020-12), then checks that each `$ref` in the parts the comparison reads points at the kind of object that
 * belongs there (a schema where a schema belongs...). The first problem is NPV2103 with its JSON pointer, file
 * and line.
 */
export async function validateOpenApiDocument(bundled: BundledDocument, version: OpenApiVersion, label: string): Promise<void> {
  const validators = await loaders[version]();
  const invalid = new InvalidDocument(bundled, label, version);
  if (!validators.validateDocument(bundled.value)) {
    const error = bestError(validators.validateDocument.errors ?? []);
    const described = error === undefined ? { pointer: [], message: 'is not valid' } : describeError(error, []);
    throw invalid.error(described.pointer, described.message);
  }
  const root = bundled.value as Record<string, unknown>;
  const kinds = new ReferenceKinds(root, validators, invalid);
  kinds.addEach('PathItem', root['paths'], ['paths']);
  kinds.addEach('PathItem', root['webhooks'], ['webhooks']);
  const components = isRecord(root['components']) ? root['components'] : {};
  kinds.addEach('Schema', components['schemas'], ['components', 'schemas']);
  kinds.addEach('Parameter', components['parameters'], ['components', 'parameters']);
  kinds.addEach('RequestBody', components['requestBodies'], ['components', 'requestBodies']);
  kinds.addEach('Response', components['responses'], ['components', 'responses']);
  kinds.addEach('Header', components['headers'], ['components', 'headers']);
  kinds.addEach('PathItem', components['pathItems'], ['components', 'pathItems']);
  kinds.run();
}
