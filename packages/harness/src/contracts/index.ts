export type { JsonSchema, SchemaObject, JsonType } from './schema/jsonSchema.js';
export { SchemaError, dereference, resolvePointer, pointerSegments, escapePointerSegment, canonicalJson, sortKeysDeep, jsonEqual, isRecord, declaredTypes, typeOfValue } from './schema/jsonSchema.js';
export { arbitraryFromSchema, patientFilter } from './schema/arbitrary.js';
export type { SchemaArbitraryOptions } from './schema/arbitrary.js';
export { invalidFromSchema, invalidSamplesFromSchema } from './schema/invalid.js';
export type { InvalidSample, InvalidSampleOptions } from './schema/invalid.js';
export { NoInvalidValueError, acceptsEveryValue } from './schema/noInvalidValue.js';
export { createValidator, describeErrors } from './schema/validator.js';
export type { SchemaValidator } from './schema/validator.js';
export { normalizeOpenApiSchemas } from './schema/normalize.js';
export { findUnsupportedKeywords } from './schema/unsupported.js';
export type { UnsupportedKeyword, FindUnsupportedOptions } from './schema/unsupported.js';
export { patternArbitrary, unsupportedPatternReason } from './schema/pattern.js';
export { mergeAllOf } from './schema/merge.js';
export { DEFAULT_CLOSED_SCHEMAS, addedResponsePropertyBreaks, clientResponseView, refusesUnlistedProperties } from './schema/closedSchemas.js';
export type { ClosedSchemasPolicy } from './schema/closedSchemas.js';
export type { ContractApp, RouteOptionsLike, InjectOptionsLike, InjectResponseLike, RecordedRoute, RouteRecording } from './openapi/app.js';
export { registeringCallSite } from './openapi/callSite.js';
export type { CallSite } from './openapi/callSite.js';
export { recordRoutes, servedRoutes, unrecordedRoutes } from './openapi/app.js';
export { extractOpenApi, stableJson, openApiPath, isLibrarySchema } from './openapi/extract.js';
export type { OpenApiDocument, ExtractOptions, Extraction, SchemaConverter, UnconvertedSchema } from './openapi/extract.js';
export { startContractApp } from './openapi/contractApp.js';
export type { ContractAppHandle } from './openapi/contractApp.js';
export { listOperations, responseFor, escapeSegment } from './openapi/operations.js';
export type { Operation, OperationParameter, OperationBody, OperationResponse, ParameterLocation } from './openapi/operations.js';
export { validRequestArbitrary, invalidRequestArbitrary } from './properties/requests.js';
export type { GeneratedRequest } from './properties/requests.js';
export { judgeAnswer, judgeRefusal, summarizeResponse } from './properties/judge.js';
export type { Judgement, JudgeOptions, ResponseSummary, ViolationKind } from './properties/judge.js';
export { runProperty, pairOperations, propertySeed } from './properties/runProperties.js';
export type { PropertyKind, PropertyRunOptions, RouteRunOptions, PropertyFailure, PropertyOutcome } from './properties/runProperties.js';
export { capturePayloads } from './properties/payloadCapture.js';
export type { CapturedPayload, PayloadCapture } from './properties/payloadCapture.js';
export { undeclaredProperties, jsonForm } from './properties/undeclared.js';
export { defineInvariants, checkInvariants, routeKey, DEFAULT_SCENARIO, EXAMPLE_PARTS } from './properties/invariants.js';
export type { Invariant, InvariantInput, InvariantViolation, InvariantsDefinition, RouteInvariants, RequestExamples, ScenarioSetup, PreparedScenario } from './properties/invariants.js';
export { exampleProblems } from './properties/examples.js';
export { runContractProperties } from './properties/runContract.js';
export type { ContractRunOptions } from './properties/runContract.js';
export { formatPropertyFailure, propertyTitle } from './properties/formatFailure.js';
/**
 * The fast-check the harness's arbitraries are made with. A caller composing them (`fc.tuple(arbitraryFromSchema(…))`)
 * must use this one: a project may resolve another major version of fast-check for the harness (its peer) than for
 * the caller, and arbitraries of one version cannot run under the other.
 */
export { default as fc } from 'fast-check';
