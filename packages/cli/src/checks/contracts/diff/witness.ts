import { arbitraryFromSchema, isRecord, type ClosedSchemasPolicy, type JsonSchema } from '@npvguard/harness/contracts';
import { acceptsRequest, acceptsResponse, documentedResponse, renderRequest, sampleRequests, samples, type RequestParts } from './exchange.js';
import type { ContractChange, OperationPair, ValuePatch, ValueSegment, Witness, WitnessProbe } from './types.js';

const OMIT = Symbol('omit');

/** How many base values and placed values the search tries; a handful finds boundary cases, sampling the rest. */
const BASE_SAMPLES = 8;
const VALUE_SAMPLES = 24;
const SEED = 20_240_601;

/** A copy of `value` with `replacement` at `path` (containers made as needed); OMIT deletes the last step. */
export function placeAt(value: unknown, path: readonly ValueSegment[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [ValueSegment, ...ValueSegment[]];
  if ('index' in head) {
    const list = Array.isArray(value) ? [...(value as unknown[])] : [];
    while (list.length < head.index) list.push(list[0] ?? null);
    if (replacement === OMIT && rest.length === 0) return list.slice(0, head.index);
    list[head.index] = placeAt(list[head.index], rest, replacement);
    return list;
  }
  if ('items' in head) {
    const list = Array.isArray(value) ? [...(value as unknown[])] : [];
    if (replacement === OMIT && rest.length === 0) return list.slice(1);
    list[0] = placeAt(list[0], rest, replacement);
    return list;
  }
  const record: Record<string, unknown> = isRecord(value) ? { ...value } : {};
  const key = 'property' in head ? head.property : (Object.keys(record)[0] ?? 'key');
  if (replacement === OMIT && rest.length === 0) {
    delete record[key];
    return record;
  }
  record[key] = placeAt(record[key], rest, replacement);
  return record;
}

/** Smallest first: the first witness found is then also a short one to read. */
function bySize<T>(values: readonly T[]): T[] {
  return [...values].sort((left, right) => JSON.stringify(left ?? null).length - JSON.stringify(right ?? null).length);
}

function valuesToTry(probe: WitnessProbe, schema: JsonSchema | undefined, root: unknown): unknown[] {
  const values: unknown[] = [...(probe.candidates ?? [])];
  if (probe.omit === true) values.unshift(OMIT);
  for (const extra of probe.alsoSample ?? []) values.push(...bySize(samples(() => arbitraryFromSchema(extra, { root }), VALUE_SAMPLES / 2, SEED)));
  const sampled = schema !== undefined && schema !== false ? bySize(samples(() => arbitraryFromSchema(schema, { root }), VALUE_SAMPLES, SEED)) : [];
  values.push(...sampled);
  // Patches change sampled values (and the probe's own candidates) rather than replace them: the rest of the value stays valid.
  for (const patch of probe.patches ?? []) {
    for (const value of [...sampled.slice(0, 6), ...sampled.slice(-6), ...(probe.candidates ?? [])]) values.push(...patched(value, patch, root));
  }
  return values;
}

const ANY_VALUES: readonly unknown[] = [1, 'text', true, null, 1.5, {}, []];

/** A value with a patch applied, once per sampled name and value it sets. */
function patched(value: unknown, patch: ValuePatch, root: unknown): unknown[] {
  if (Array.isArray(value)) {
    const list = value as unknown[];
    if (patch.append !== undefined) return patch.append.map((item) => [...list, item]);
    if (patch.repeatFirst === true) return list.length === 0 ? [] : [[...list, list[0]]];
    if (patch.appendSampleOf !== undefined) {
      const items = samples(() => arbitraryFromSchema(patch.appendSampleOf as JsonSchema, { root }), 3, SEED);
      return [...items.map((item) => [...list, item]), ...items.map((item) => [...list, item, item])];
    }
    return [];
  }
  if (patch.append !== undefined || patch.repeatFirst === true || patch.appendSampleOf !== undefined) return [];
  if (!isRecord(value)) return [];
  let results: Array<Record<string, unknown>> = [{ ...value }];
  for (const key of patch.drop ?? []) for (const result of results) delete result[key];
  for (const entry of patch.set ?? []) {
    const names = entry.name !== undefined ? [entry.name] : entry.namePattern !== undefined ? samples(() => arbitraryFromSchema({ type: 'string', pattern: entry.namePattern }, { root }), 2, SEED).map(String) : [];
    const choices = 'value' in entry ? [entry.value] : entry.valueSchema !== undefined ? samples(() => arbitraryFromSchema(entry.valueSchema as JsonSchema, { root }), 3, SEED) : ANY_VALUES;
    results = results.flatMap((result) => names.flatMap((name) => choices.map((choice) => ({ ...result, [name]: choice }))));
  }
  return results;
}

function requestWitness(probe: WitnessProbe, pair: OperationPair, oldRoot: unknown, newRoot: unknown): Witness | undefined {
  const source = pair.old;
  if (source === undefined) return undefined;
  const bases = bySize(sampleRequests(source, oldRoot, BASE_SAMPLES, SEED));
  const values = probe.part.kind === 'operation' ? [] : valuesToTry(probe, probe.oldSchema, oldRoot);
  const variants = (base: RequestParts): RequestParts[] => {
    const part = probe.part;
    if (part.kind === 'operation' || part.kind === 'response') return [base];
    return [
      base,
      ...values.map((value) => {
        if (part.kind === 'body') return { ...base, body: placeAt(base.body, probe.valuePath, value), hasBody: !(value === OMIT && probe.valuePath.length === 0) };
        const key = `${part.in}:${part.name}`;
        const parameters = { ...base.parameters };
        if (value === OMIT && probe.valuePath.length === 0) delete parameters[key];
        else parameters[key] = placeAt(parameters[key], probe.valuePath, value);
        return { ...base, parameters };
      }),
    ];
  };
  for (const base of bases) {
    for (const parts of variants(base)) {
      if (!acceptsRequest(source, oldRoot, parts, source).ok) continue;
      const verdict = acceptsRequest(pair.new, newRoot, parts, source);
      if (!verdict.ok) return { direction: probe.direction, request: renderRequest(source, parts), refusedBecause: `the new contract refuses it: ${verdict.reason}` };
    }
  }
  return undefined;
}

function responseWitness(probe: WitnessProbe, pair: OperationPair, oldRoot: unknown, newRoot: unknown, closedSchemas: ClosedSchemasPolicy): Witness | undefined {
  if (probe.part.kind !== 'response') return undefined;
  const status = probe.part.status;
  const forward = probe.direction === 'new-allows-old-rejects';
  const [allowing, allowingRoot, refusing, refusingRoot] = forward ? [pair.new, newRoot, pair.old, oldRoot] : [pair.old, oldRoot, pair.new, newRoot];
  const documented = documentedResponse(allowing, status);
  if (documented === undefined) return undefined;
  const baseSchema = documented.schema ?? true;
  const bases = bySize(samples(() => arbitraryFromSchema(baseSchema, { root: allowingRoot, maxItems: 1 }), BASE_SAMPLES, SEED));
  const values = valuesToTry(probe, forward ? probe.newSchema : probe.oldSchema, allowingRoot);
  for (const base of bases) {
    for (const body of [base, ...values.map((value) => placeAt(base, probe.valuePath, value))]) {
      if (!acceptsResponse(allowing, allowingRoot, status, body).ok) continue;
      // The old contract refuses as its clients do (the closed-schema policy); the new one as written.
      const verdict = acceptsResponse(refusing, refusingRoot, status, body, forward ? closedSchemas : undefined);
      if (!verdict.ok) {
        const who = forward ? 'the old contract refuses it' : 'the new contract no longer allows it';
        return { direction: probe.direction, response: { status, body }, refusedBecause: `${who}: ${verdict.reason}` };
      }
    }
  }
  return undefined;
}

/**
 * Looks for a concrete exchange that shows a change breaks clients, each candidate confirmed with ajv:
 * for a request change, a request the old contract accepts and the new refuses; for an answer change,
 * an answer the new contract allows and the old refuses (or, for a removal, one old clients got that the
 * new contract no longer allows). Starts from the values the change itself names (the old maximum, the
 * removed enum value), then samples the schemas.
 */
export function findWitness(change: ContractChange, pair: OperationPair, oldRoot: unknown, newRoot: unknown, closedSchemas: ClosedSchemasPolicy): Witness | undefined {
  const probe = change.probe;
  if (probe === undefined) return undefined;
  if (probe.part.kind === 'response') return responseWitness(probe, pair, oldRoot, newRoot, closedSchemas);
  return requestWitness(probe, pair, oldRoot, newRoot);
}

