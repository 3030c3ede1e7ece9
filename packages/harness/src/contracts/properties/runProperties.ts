import fc from 'fast-check';
import type { ContractApp } from '../openapi/app.js';
import { listOperations, type Operation } from '../openapi/operations.js';
import { SchemaError } from '../schema/jsonSchema.js';
import { DEFAULT_CLOSED_SCHEMAS, type ClosedSchemasPolicy } from '../schema/closedSchemas.js';
import { checkInvariants, DEFAULT_SCENARIO, type RequestExamples, type RouteInvariants } from './invariants.js';
import { judgeAnswer, judgeRefusal, summarizeResponse, type Judgement, type ResponseSummary, type ViolationKind } from './judge.js';
import type { PayloadCapture } from './payloadCapture.js';
import { invalidRequestArbitrary, validRequestArbitrary, type GeneratedRequest } from './requests.js';

/** `valid`: generated valid requests; `invalid`: one constraint broken; `replay`: requests of the base contract checked against its responses. */
export type PropertyKind = 'valid' | 'invalid' | 'replay';

export interface PropertyRunOptions {
  /** Runs per property. Default 100. */
  numRuns?: number;
  /** The seed everything derives from; each route and property gets its own seed from it. Default 1. */
  seed?: number;
  /** A fast-check replay path (printed with a failure) to re-run exactly the failing case. */
  replayPath?: string;
  /**
   * The app's payload capture (`startContractApp` installs one): undeclared response properties are looked
   * for in what handlers hand to the serializer. Without it, only in the serialized body, which fastify's
   * default serializer has already stripped of them (the outcome says so in `notes`).
   */
  payloads?: PayloadCapture;
  /** The scenario the app was built for, named in failures. Default `default`. */
  scenario?: string;
  /**
   * How old-client replay reads a base answer schema that refuses properties it does not list. Default `tolerant`:
   * old clients ignore properties they do not know, so a property the head added fails no replay.
   */
  closedSchemas?: ClosedSchemasPolicy;
}

/** What one route brings to its valid-request property beyond its schemas. */
export interface RouteRunOptions<Context> {
  /** Checked on every answer to a generated valid request that keeps the schema. */
  invariants?: RouteInvariants<Context>;
  /** Values mixed into generated valid (and replayed) requests; see `exampleProblems`. */
  examples?: RequestExamples;
  /** Given to the invariants. */
  context?: Context;
}

export interface PropertyFailure {
  kind: ViolationKind | 'generation-failed' | 'inject-failed';
  property: PropertyKind;
  method: string;
  path: string;
  /** The scenario, when not the default one. */
  scenario?: string;
  /** The broken invariant's name, for `invariant-violated`. */
  invariant?: string;
  message: string;
  /** The shrunk request that fails. */
  counterexample?: GeneratedRequest;
  response?: ResponseSummary;
  seed: number;
  /** fast-check's replay path of the counterexample. */
  replayPath?: string;
  runs: number;
}

export interface PropertyOutcome {
  property: PropertyKind;
  method: string;
  path: string;
  /** The scenario, when not the default one. */
  scenario?: string;
  /** Requests sent (shrinking included). */
  requests: number;
  failure?: PropertyFailure;
  /** What this run could not check, e.g. payloads before serialization when there was no capture. */
  notes?: string[];
}

class ContractViolation extends Error {
  constructor(
    readonly judgement: Judgement,
    readonly response: ResponseSummary,
    readonly invariant?: string,
  ) {
    super(judgement.message);
  }
}

const UNCAPTURED_NOTE =
  'the payloads handlers answered with were not captured (no payload capture: start the app with startContractApp or capturePayloads), so properties a serializer dropped could not be seen';

/** FNV-1a over the text, folded into the base seed: each property of each route gets a stable seed of its own. */
export function propertySeed(base: number, method: string, path: string, property: PropertyKind): number {
  let hash = 0x811c9dc5 ^ (base | 0);
  for (const char of `${method} ${path} ${property}`) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

async function send(app: ContractApp, request: GeneratedRequest): Promise<ResponseSummary> {
  const response = await app.inject({
    method: request.method,
    url: request.url,
    headers: request.headers,
    ...(request.body === undefined ? {} : { payload: JSON.stringify(request.body) }),
  });
  return summarizeResponse(response);
}

/** The answer to one generated request judged, then (for a valid request) the route's invariants checked. */
async function judgeOne<Context>(app: ContractApp, property: PropertyKind, operation: Operation, root: unknown, request: GeneratedRequest, options: PropertyRunOptions & RouteRunOptions<Context>): Promise<void> {
  // Forget a payload an earlier request left behind (an invariant's own request, an answer that failed).
  options.payloads?.take();
  const response = await send(app, request);
  if (property === 'invalid') {
    const refusal = judgeRefusal(response);
    if (refusal !== undefined) throw new ContractViolation(refusal, response);
    return;
  }
  const payload = options.payloads?.take();
  // Replay judges by the base contract as its clients read it: a property the head added is unknown to them,
  // harmless unless the closed-schema policy is strict and their schema refuses properties it does not list.
  const judgement = judgeAnswer(operation, root, response, {
    undeclaredProperties: property === 'valid',
    ...(payload === undefined ? {} : { payload }),
    ...(property === 'replay' ? { closedSchemas: options.closedSchemas ?? DEFAULT_CLOSED_SCHEMAS } : {}),
  });
  if (judgement !== undefined) throw new ContractViolation(judgement, response);
  if (property !== 'valid' || options.invariants === undefined) return;
  const violation = await checkInvariants(options.invariants, {
    scenario: options.scenario ?? DEFAULT_SCENARIO,
    request,
    response,
    context: options.context as Context,
    send: (next) => send(app, next),
  });
  if (violation !== undefined) {
    throw new ContractViolation({ kind: 'invariant-violated', message: `invariant "${violation.invariant}" broken: ${violation.message}` }, response, violation.invariant);
  }
}

/**
 * Runs one contract property of one operation against an app through `inject` (no socket), with
 * fast-check: valid requests must get a documented, non-5xx answer whose body matches the documented
 * schema, with no property the schema does not declare, and keep the route's invariants; invalid ones a
 * 4xx; `replay` sends requests generated from `answerOperation`'s contract (the base) and judges the
 * answers against it. A failure carries the shrunk request, the seed and the path.
 */
export async function runProperty<Context = undefined>(
  app: ContractApp,
  property: PropertyKind,
  requestOperation: Operation,
  requestRoot: unknown,
  options: PropertyRunOptions & RouteRunOptions<Context> = {},
): Promise<PropertyOutcome> {
  const numRuns = options.numRuns ?? 100;
  const seed = propertySeed(options.seed ?? 1, requestOperation.method, requestOperation.path, property);
  const scenario = options.scenario === undefined || options.scenario === DEFAULT_SCENARIO ? {} : { scenario: options.scenario };
  const base = { property, method: requestOperation.method, path: requestOperation.path, ...scenario };
  const notes = property === 'valid' && options.payloads === undefined ? { notes: [UNCAPTURED_NOTE] } : {};
  let requests = 0;
  let arbitrary: fc.Arbitrary<GeneratedRequest> | undefined;
  try {
    arbitrary = property === 'invalid' ? invalidRequestArbitrary(requestOperation, requestRoot) : validRequestArbitrary(requestOperation, requestRoot, options.examples);
  } catch (error) {
    if (!(error instanceof SchemaError)) throw error;
    return { ...base, requests, failure: { ...base, kind: 'generation-failed', message: error.message, seed, runs: 0 } };
  }
  if (arbitrary === undefined) return { ...base, requests };
  const check = fc.asyncProperty(arbitrary, async (request) => {
    requests += 1;
    await judgeOne(app, property, requestOperation, requestRoot, request, options);
  });
  let details: fc.RunDetails<[GeneratedRequest]>;
  try {
    details = await fc.check(check, { numRuns, seed, ...(options.replayPath === undefined ? {} : { path: options.replayPath }) });
  } catch (error) {
    if (!(error instanceof SchemaError)) throw error;
    return { ...base, requests, failure: { ...base, kind: 'generation-failed', message: error.message, seed, runs: 0 } };
  }
  if (!details.failed || details.counterexample === null) return { ...base, requests, ...notes };
  const cause: unknown = details.errorInstance;
  const [counterexample] = details.counterexample;
  const failure: PropertyFailure = {
    ...base,
    kind: cause instanceof ContractViolation ? cause.judgement.kind : cause instanceof SchemaError ? 'generation-failed' : 'inject-failed',
    message: cause instanceof Error ? cause.message : String(cause),
    counterexample,
    seed,
    ...(details.counterexamplePath === null ? {} : { replayPath: details.counterexamplePath }),
    runs: details.numRuns,
    ...(cause instanceof ContractViolation ? { response: cause.response } : {}),
    ...(cause instanceof ContractViolation && cause.invariant !== undefined ? { invariant: cause.invariant } : {}),
  };
  return { ...base, requests, failure, ...notes };
}

/** The operations of `document` (a normalized OpenAPI 3.x document) matched with those of `base` by method and path shape. */
export function pairOperations(document: unknown, base: unknown): Array<{ head: Operation; base: Operation | undefined }> {
  const baseOperations = base === undefined ? [] : listOperations(base);
  return listOperations(document).map((head) => ({ head, base: baseOperations.find((candidate) => candidate.method === head.method && candidate.pathKey === head.pathKey) }));
}
