import type { KindEntry } from './kind.js';
import { RESPONSE_HEADER_KINDS } from './headers.js';
import { DOCUMENT_PART_KINDS } from './documentParts.js';
import { LIFECYCLE_ALIASES, OPERATION_LIFECYCLE_KINDS, PARAMETER_LIFECYCLE_KINDS } from './lifecycle.js';
import { SECURITY_KINDS } from './security.js';
import { WEBHOOK_KINDS } from './webhooks.js';

/** The changes of the document and operation level: lifecycle, security, webhooks and callbacks, headers, names. */
export const DOCUMENT_LEVEL_KINDS: readonly KindEntry[] = [
  ...OPERATION_LIFECYCLE_KINDS,
  ...PARAMETER_LIFECYCLE_KINDS,
  ...SECURITY_KINDS,
  ...WEBHOOK_KINDS,
  ...RESPONSE_HEADER_KINDS,
  ...DOCUMENT_PART_KINDS,
];

/**
 * Breaking changes no exchange can show: a broken lifecycle promise (a sunset missing, too soon, unreadable, a
 * stability lowered), or requests the API itself sends (a webhook). They keep their level without a witness.
 */
export const KINDS_WITHOUT_WITNESS: ReadonlySet<string> = new Set([
  'api-path-sunset-parse',
  'api-deprecated-sunset-parse',
  'api-deprecated-sunset-missing',
  'api-sunset-date-too-small',
  'api-sunset-date-changed-too-small',
  'sunset-deleted',
  'api-invalid-stability-level',
  'api-stability-decreased',
  'request-parameter-deprecated-sunset-missing',
  'request-parameter-sunset-date-too-small',
  'request-parameter-sunset-date-changed-too-small',
  'request-parameter-sunset-deleted',
  'request-parameter-sunset-parse',
  'request-parameter-removed-before-sunset',
  'webhook-removed',
  ...(['request', 'response'] as const).flatMap((side) => ['deprecated-sunset-missing', 'deprecated-sunset-invalid', 'sunset-date-too-small', 'stability-decreased'].map((concept) => `${side}-property-${concept}`)),
]);

/** Old change id → the ids that replaced it (see LIFECYCLE_ALIASES). */
export const CHANGE_ID_ALIASES: Readonly<Record<string, readonly string[]>> = LIFECYCLE_ALIASES;

/** Whether an acknowledgement written with `acknowledgedId` covers a change reported as `changeId`. */
export function acknowledgedIdCovers(acknowledgedId: string, changeId: string): boolean {
  return acknowledgedId === changeId || (Object.hasOwn(CHANGE_ID_ALIASES, acknowledgedId) && (CHANGE_ID_ALIASES[acknowledgedId] ?? []).includes(changeId));
}
