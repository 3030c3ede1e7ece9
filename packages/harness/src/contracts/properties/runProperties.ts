import fc from 'fast-check';
import type { ContractApp } from '../openapi/app.js';
import { listOperations, type Operation } from '../openapi/operations.js';
import { SchemaError } from '../schema/jsonSchema.js';
import { judgeAnswer, judgeRefusal, summarizeResponse, type Judgement, type ResponseSummary, type ViolationKind } from './judge.js';
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
}

export interface PropertyFailure {
  kind: ViolationKind | 'generation-failed' | 'inject-failed';
  property: PropertyKind;
  method: string;
  path: string;
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
  /** Requests sent (shrinking included). */
  requests: number;
  failure?: PropertyFailure;
}

class ContractViolation extends Error {
  constructor(
    readonly judgement: Judgement,
    readonly response: ResponseSummary,
  ) {
    super(judgement.message);
  }
}

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

/**
 * Runs one contract property of one operation against an app through `inject` (no socket), with
 * fast-check: valid requests must get a documented, non-5xx answer whose body matches the documented
 * schema; invalid ones a 4xx; `replay` sends requests generated from `answerOperation`'s contract (the
 * base) and judges the answers against it. A failure carries the shrunk request, the seed and the path.
 */
export async function runProperty(
  app: ContractApp,
  property: PropertyKind,
  requestOperation: Operation,
  requestRoot: unknown,
  options: PropertyRunOptions = {},
): Promise<PropertyOutcome> {
  const numRuns = options.numRuns ?? 100;
  const seed = propertySeed(options.seed ?? 1, requestOperation.method, requestOperation.path, property);
  const base = { property, method: requestOperation.method, path: requestOperation.path };
  let requests = 0;
  let arbitrary: fc.Arbitrary<GeneratedRequest> | undefined;
  try {
    arbitrary = property === 'invalid' ? invalidRequestArbitrary(requestOperation, requestRoot) : validRequestArbitrary(requestOperation, requestRoot);
  } catch (error) {
    if (!(error instanceof SchemaError)) throw error;
    return { ...base, requests, failure: { ...base, kind: 'generation-failed', message: error.message, seed, runs: 0 } };
  }
  if (arbitrary === undefined) return { ...base, requests };
  const check = fc.asyncProperty(arbitrary, async (request) => {
    requests += 1;
    const response = await send(app, request);
    const judgement = property === 'invalid' ? judgeRefusal(response) : judgeAnswer(requestOperation, requestRoot, response);
    if (judgement !== undefined) throw new ContractViolation(judgement, response);
  });
  let details: fc.RunDetails<[GeneratedRequest]>;
  try {
    details = await fc.check(check, { numRuns, seed, ...(options.replayPath === undefined ? {} : { path: options.replayPath }) });
  } catch (error) {
    if (!(error instanceof SchemaError)) throw error;
    return { ...base, requests, failure: { ...base, kind: 'generation-failed', message: error.message, seed, runs: 0 } };
  }
  if (!details.failed || details.counterexample === null) return { ...base, requests };
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
  };
  return { ...base, requests, failure };
}

/** The operations of `document` (a normalized OpenAPI 3.x document) matched with those of `base` by method and path shape. */
export function pairOperations(document: unknown, base: unknown): Array<{ head: Operation; base: Operation | undefined }> {
  const baseOperations = base === undefined ? [] : listOperations(base);
  return listOperations(document).map((head) => ({ head, base: baseOperations.find((candidate) => candidate.method === head.method && candidate.pathKey === head.pathKey) }));
}
