import type { KindEntry } from './kind.js';

/** Operations appearing, going, deprecated and re-dated, and their stability level (ids as oasdiff's). */
export const OPERATION_LIFECYCLE_KINDS: readonly KindEntry[] = [
  { id: 'api-path-removed-without-deprecation', level: 'error', description: 'a path was removed without its operations being deprecated first' },
  { id: 'api-path-removed-before-sunset', level: 'error', description: 'a path was removed before the sunset date of its deprecated operation' },
  { id: 'api-path-removed-with-deprecation', level: 'info', description: 'a path was removed after its operation was deprecated, with no sunset date or on or after it' },
  { id: 'api-removed-without-deprecation', level: 'error', description: 'an operation was removed from a path that still exists without being deprecated first' },
  { id: 'api-removed-before-sunset', level: 'error', description: 'an operation was removed from a path that still exists before its sunset date' },
  { id: 'api-removed-with-deprecation', level: 'info', description: 'an operation was removed from a path that still exists after being deprecated, with no sunset date or on or after it' },
  { id: 'api-removed-unstable', level: 'info', description: 'an operation of stability level draft or alpha was removed: such operations promise nothing' },
  { id: 'api-path-sunset-parse', level: 'error', description: 'the x-sunset of a removed or re-dated deprecated operation is not an RFC 3339 date' },
  { id: 'api-deprecated-sunset-parse', level: 'error', description: 'an operation was deprecated with an x-sunset that is not an RFC 3339 date' },
  { id: 'api-deprecated-sunset-missing', level: 'error', description: 'an operation was deprecated without an x-sunset date, though the lifecycle policy sets a sunset period for its stability level' },
  { id: 'api-sunset-date-too-small', level: 'error', description: 'an operation was deprecated with a sunset date sooner than the lifecycle policy allows for its stability level' },
  { id: 'api-sunset-date-moved-earlier', level: 'warning', description: 'the sunset date of a deprecated operation was moved earlier, still within the lifecycle policy: clients that planned on the announced day lose time' },
  { id: 'api-sunset-date-changed-too-small', level: 'error', description: 'the sunset date of a deprecated operation was moved earlier, to sooner than the lifecycle policy allows' },
  { id: 'sunset-deleted', level: 'error', description: 'the x-sunset date of an operation that is still deprecated was removed' },
  { id: 'api-invalid-stability-level', level: 'error', description: 'an operation\'s x-stability-level is not one of draft, alpha, beta, stable' },
  { id: 'api-stability-decreased', level: 'error', description: 'an operation\'s x-stability-level was lowered (stable → beta → alpha → draft)' },
  { id: 'api-stability-increased', level: 'info', description: 'an operation\'s x-stability-level was raised (draft → alpha → beta → stable)' },
  { id: 'endpoint-added', level: 'info', description: 'an operation was added' },
  { id: 'endpoint-deprecated', level: 'info', description: 'an operation was deprecated without a sunset date, which its stability level does not need' },
  { id: 'endpoint-deprecated-with-sunset', level: 'info', description: 'an operation was deprecated with a sunset date far enough ahead' },
  { id: 'endpoint-reactivated', level: 'info', description: 'an operation is no longer deprecated' },
];

/** Parameters deprecated, re-dated and removed (ids as oasdiff's; the stability level is the operation's). */
export const PARAMETER_LIFECYCLE_KINDS: readonly KindEntry[] = [
  { id: 'request-parameter-deprecated', level: 'info', description: 'a parameter was deprecated, with a sunset date far enough ahead or none needed' },
  { id: 'request-parameter-reactivated', level: 'info', description: 'a parameter is no longer deprecated' },
  { id: 'request-parameter-deprecated-sunset-missing', level: 'error', description: 'a parameter was deprecated without an x-sunset date, though the lifecycle policy sets a sunset period for its operation\'s stability level' },
  { id: 'request-parameter-sunset-date-too-small', level: 'error', description: 'a parameter was deprecated with a sunset date sooner than the lifecycle policy allows' },
  { id: 'request-parameter-sunset-date-moved-earlier', level: 'warning', description: 'the sunset date of a deprecated parameter was moved earlier, still within the lifecycle policy: clients that planned on the announced day lose time' },
  { id: 'request-parameter-sunset-date-changed-too-small', level: 'error', description: 'the sunset date of a deprecated parameter was moved earlier, to sooner than the lifecycle policy allows' },
  { id: 'request-parameter-sunset-deleted', level: 'error', description: 'the x-sunset date of a parameter that is still deprecated was removed' },
  { id: 'request-parameter-sunset-parse', level: 'error', description: 'the x-sunset of a deprecated parameter is not an RFC 3339 date' },
  { id: 'request-parameter-removed-before-sunset', level: 'error', description: 'a deprecated parameter was removed before its sunset date' },
  { id: 'request-parameter-removed-with-deprecation', level: 'info', description: 'a parameter was removed after being deprecated, with no sunset date or on or after it' },
];

/**
 * Ids earlier versions reported, and the ids that replaced them: an acknowledgement in contracts/changes.json
 * written with an old id still acknowledges the change now reported under a new one.
 */
export const LIFECYCLE_ALIASES: Readonly<Record<string, readonly string[]>> = {
  'api-path-removed': ['api-path-removed-without-deprecation', 'api-path-removed-before-sunset', 'api-path-sunset-parse'],
  'api-operation-removed': ['api-removed-without-deprecation', 'api-removed-before-sunset', 'api-path-sunset-parse'],
  'api-path-added': ['endpoint-added'],
  'api-operation-added': ['endpoint-added'],
};
