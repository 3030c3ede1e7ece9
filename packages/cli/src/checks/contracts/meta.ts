import type { CheckMeta, RuleMeta } from '@npvguard/core';
import { CHANGE_KINDS } from './diff/catalogue.js';

export const CONTRACT_RULES = {
  snapshotDrift: 'contracts/snapshot-drift',
  snapshotMissing: 'contracts/snapshot-missing',
  routeWithoutResponseSchema: 'contracts/route-without-response-schema',
  routeNotRecorded: 'contracts/route-not-recorded',
  unresolvedReference: 'contracts/unresolved-reference',
  unsupportedSchemaKeyword: 'contracts/unsupported-schema-keyword',
  acknowledged: 'contracts/breaking-change-acknowledged',
  acknowledgementUnused: 'contracts/acknowledgement-unused',
  baseSnapshotMissing: 'contracts/base-snapshot-missing',
  propertyServerError: 'contracts/property-server-error',
  propertyUndocumentedStatus: 'contracts/property-undocumented-status',
  propertyResponseSchemaMismatch: 'contracts/property-response-schema-mismatch',
  propertyInvalidRequestAccepted: 'contracts/property-invalid-request-accepted',
  propertyGenerationFailed: 'contracts/property-generation-failed',
  propertyInjectFailed: 'contracts/property-inject-failed',
  oldClientReplayFailed: 'contracts/old-client-replay-failed',
  propertyInvariantViolated: 'contracts/property-invariant-violated',
  propertyDefinitionMismatch: 'contracts/property-definition-mismatch',
  appBuildFailed: 'contracts/app-build-failed',
  routesNeedBackingService: 'contracts/routes-need-backing-service',
} as const;

const OWN_RULES: readonly RuleMeta[] = [
  { id: CONTRACT_RULES.snapshotDrift, description: 'The OpenAPI document extracted from the code differs from the committed snapshot.', defaultSeverity: 'error' },
  { id: CONTRACT_RULES.snapshotMissing, description: 'The configured snapshot file does not exist.', defaultSeverity: 'error' },
  { id: CONTRACT_RULES.routeWithoutResponseSchema, description: 'A route declares no response schema, so its answers are not part of any contract.', defaultSeverity: 'error' },
  { id: CONTRACT_RULES.routeNotRecorded, description: 'A route was registered before npvguard could record it (on an instance created before the factory was called); its contract is unknown.', defaultSeverity: 'error' },
  { id: CONTRACT_RULES.unresolvedReference, description: 'A schema `$ref` resolves to nothing.', defaultSeverity: 'error' },
  { id: CONTRACT_RULES.unsupportedSchemaKeyword, description: 'A schema keyword property tests do not generate; values are filtered against it instead.', defaultSeverity: 'warning' },
  { id: CONTRACT_RULES.acknowledged, description: 'A breaking change is acknowledged by an entry the change itself added to contracts/changes.json.', defaultSeverity: 'warning' },
  { id: CONTRACT_RULES.acknowledgementUnused, description: 'An entry of contracts/changes.json matches no change against the base.', defaultSeverity: 'info' },
  { id: CONTRACT_RULES.baseSnapshotMissing, description: 'The --base commit has no snapshot, so there is no base contract to compare with.', defaultSeverity: 'warning' },
  { id: CONTRACT_RULES.propertyServerError, description: 'A valid generated request got a 5xx (other than a documented 503).', defaultSeverity: 'error' },
  { id: CONTRACT_RULES.propertyUndocumentedStatus, description: 'A valid generated request got a status the route does not document.', defaultSeverity: 'error' },
  { id: CONTRACT_RULES.propertyResponseSchemaMismatch, description: 'An answer\'s body does not match the schema documented for its status.', defaultSeverity: 'error' },
  { id: CONTRACT_RULES.propertyInvalidRequestAccepted, description: 'A request breaking one constraint of the contract was not refused with a 4xx.', defaultSeverity: 'error' },
  { id: CONTRACT_RULES.propertyGenerationFailed, description: 'No requests could be generated from a route\'s schemas (unsatisfiable, or too hard to satisfy by filtering).', defaultSeverity: 'error' },
  { id: CONTRACT_RULES.propertyInjectFailed, description: 'Sending a generated request through inject threw.', defaultSeverity: 'error' },
  { id: CONTRACT_RULES.oldClientReplayFailed, description: 'A request generated from the base contract got an answer the base contract does not allow.', defaultSeverity: 'error' },
  { id: CONTRACT_RULES.propertyInvariantViolated, description: 'An answer to a generated valid request breaks an invariant the service declares (contracts.properties.invariants).', defaultSeverity: 'error' },
  { id: CONTRACT_RULES.propertyDefinitionMismatch, description: 'The invariants definition names a route the app does not serve, or example values the route\'s schemas do not have or refuse; that part is left out of the property tests.', defaultSeverity: 'error' },
  { id: CONTRACT_RULES.routesNeedBackingService, description: 'Most routes answer 5xx to every valid generated request, as an app does when a service it needs (a database, a cache) is not there; their contracts could not be tested.', defaultSeverity: 'error' },
  { id: CONTRACT_RULES.appBuildFailed, description: 'Under --base, the app factory throws while building the app (or the app fails to boot), so no contract step could run.', defaultSeverity: 'error' },
];

export const contractsMeta: CheckMeta = {
  description: 'The HTTP API contract (an OpenAPI 3.1 snapshot extracted from the fastify route schemas, its semantic diff against --base with witnesses) and in-process property tests of every route.',
  docs: 'checks/contracts.md',
  rules: [...OWN_RULES, ...CHANGE_KINDS.map((kind): RuleMeta => ({ id: `contracts/${kind.id}`, description: kind.description, defaultSeverity: kind.level }))],
};
