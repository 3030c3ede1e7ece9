import { DOCUMENT_LEVEL_KINDS } from './kinds/index.js';

/**
 * Every change the semantic diff names, with its level: `error` breaks clients (a witness shows how),
 * `warning` may break them, `info` is safe. Ids follow oasdiff's where the concept is the same, so
 * reports can be mapped onto oasdiff's; schema-level concepts exist once per subject
 * (`request-property-*` for request bodies, `request-parameter-*` for parameters, `response-property-*`).
 */
export type ChangeLevel = 'error' | 'warning' | 'info';

export interface ChangeKind {
  id: string;
  level: ChangeLevel;
  description: string;
}

/** Schema concepts of a request (body property or parameter): tightening what a request may contain. */
const REQUEST_SCHEMA_CONCEPTS: ReadonlyArray<readonly [string, ChangeLevel, string]> = [
  ['type-changed', 'error', 'the type was changed or narrowed, so values of the old type are refused'],
  ['format-changed', 'error', 'a format was added or changed, so strings the old format allowed are refused'],
  ['became-not-nullable', 'error', 'null is no longer accepted'],
  ['enum-value-removed', 'error', 'a value was removed from the enum (or const changed)'],
  ['enum-added', 'error', 'an enum (or const) now restricts a value that was free'],
  ['max-decreased', 'error', 'maximum (or exclusiveMaximum) was lowered'],
  ['max-set', 'error', 'a maximum was added where there was none'],
  ['min-increased', 'error', 'minimum (or exclusiveMinimum) was raised'],
  ['min-set', 'error', 'a minimum was added where there was none'],
  ['max-length-decreased', 'error', 'maxLength was lowered'],
  ['max-length-set', 'error', 'a maxLength was added where there was none'],
  ['min-length-increased', 'error', 'minLength was raised'],
  ['pattern-added', 'error', 'a pattern was added'],
  ['pattern-changed', 'error', 'the pattern was changed'],
  ['multiple-of-changed', 'error', 'multipleOf was added or changed so that old values are no longer multiples'],
  ['max-items-decreased', 'error', 'maxItems was lowered'],
  ['max-items-set', 'error', 'a maxItems was added where there was none'],
  ['min-items-increased', 'error', 'minItems was raised'],
  ['unique-items-set', 'error', 'uniqueItems became true'],
  ['max-properties-decreased', 'error', 'maxProperties was lowered or added'],
  ['min-properties-increased', 'error', 'minProperties was raised'],
  ['one-of-removed', 'error', 'a oneOf branch was removed'],
  ['any-of-removed', 'error', 'an anyOf branch was removed'],
  ['default-value-changed', 'warning', 'the default changed: clients that leave the value out get another behaviour'],
  ['widened', 'info', 'a constraint was loosened, a type or enum value added, null allowed: every old request still passes'],
];

const RESPONSE_SCHEMA_CONCEPTS: ReadonlyArray<readonly [string, ChangeLevel, string]> = [
  ['type-changed', 'error', 'the type was changed or widened, so clients may get values of a type they do not expect'],
  ['format-changed', 'error', 'the format was removed or changed'],
  ['became-nullable', 'error', 'the value may now be null'],
  ['enum-value-added', 'warning', 'a value was added to the enum: clients with an exhaustive switch may not handle it'],
  ['enum-removed', 'warning', 'the enum (or const) was removed, so any value may come'],
  ['max-increased', 'error', 'maximum was raised'],
  ['max-unset', 'error', 'the maximum was removed'],
  ['min-decreased', 'error', 'minimum was lowered'],
  ['min-unset', 'error', 'the minimum was removed'],
  ['max-length-increased', 'error', 'maxLength was raised or removed'],
  ['min-length-decreased', 'error', 'minLength was lowered'],
  ['pattern-removed', 'error', 'the pattern was removed'],
  ['pattern-changed', 'error', 'the pattern was changed'],
  ['multiple-of-changed', 'error', 'multipleOf was removed or changed so that new values are not old multiples'],
  ['max-items-increased', 'error', 'maxItems was raised or removed'],
  ['min-items-decreased', 'error', 'minItems was lowered'],
  ['unique-items-unset', 'error', 'uniqueItems was turned off'],
  ['one-of-added', 'error', 'a oneOf branch was added'],
  ['any-of-added', 'error', 'an anyOf branch was added'],
  ['additional-properties-allowed', 'warning', 'additionalProperties false was dropped: objects may carry properties clients do not know'],
  ['narrowed', 'info', 'a constraint was tightened or a value removed: every new answer was an old one too'],
];

const OTHER_KINDS: readonly ChangeKind[] = [
  { id: 'response-success-status-removed', level: 'error', description: 'a 2xx status the operation answered with is no longer documented' },
  { id: 'response-non-success-status-removed', level: 'warning', description: 'a non-2xx status is no longer documented' },
  { id: 'response-status-added', level: 'info', description: 'a status was added to the documented answers' },
  { id: 'new-required-request-parameter', level: 'error', description: 'a required parameter was added' },
  { id: 'new-optional-request-parameter', level: 'info', description: 'an optional parameter was added' },
  { id: 'request-parameter-became-required', level: 'error', description: 'an optional parameter became required' },
  { id: 'request-parameter-became-optional', level: 'info', description: 'a required parameter became optional' },
  { id: 'request-parameter-removed', level: 'info', description: 'a parameter is no longer described (servers ignore unknown parameters)' },
  { id: 'new-required-request-body', level: 'error', description: 'a required request body was added' },
  { id: 'new-optional-request-body', level: 'info', description: 'an optional request body was added' },
  { id: 'request-body-became-required', level: 'error', description: 'the request body became required' },
  { id: 'request-body-became-optional', level: 'info', description: 'the request body became optional' },
  { id: 'request-body-removed', level: 'info', description: 'the request body is no longer described' },
  { id: 'new-required-request-property', level: 'error', description: 'a required property was added to a request body' },
  { id: 'new-optional-request-property', level: 'info', description: 'an optional property was added to a request body' },
  { id: 'request-property-became-required', level: 'error', description: 'an optional request property became required' },
  { id: 'request-property-became-optional', level: 'info', description: 'a required request property became optional' },
  { id: 'request-property-removed', level: 'error', description: 'a request property was removed from an object that refuses unknown properties' },
  { id: 'request-property-additional-properties-disallowed', level: 'error', description: 'additionalProperties became false, so requests with extra properties are refused' },
  { id: 'response-property-removed', level: 'error', description: 'a response property was removed' },
  { id: 'response-property-became-optional', level: 'error', description: 'a required response property became optional' },
  { id: 'response-property-added', level: 'info', description: 'a response property was added' },
  {
    id: 'response-property-added-to-closed-schema',
    level: 'error',
    description: 'a property was added to a response object whose schema refuses properties it does not list, and contracts.closedSchemas is strict',
  },
  { id: 'response-property-became-required', level: 'info', description: 'an optional response property became required' },
];

export const CHANGE_KINDS: readonly ChangeKind[] = [
  ...DOCUMENT_LEVEL_KINDS,
  ...OTHER_KINDS,
  ...REQUEST_SCHEMA_CONCEPTS.flatMap(([concept, level, description]) => [
    { id: `request-property-${concept}`, level, description: `request body: ${description}` },
    { id: `request-parameter-${concept}`, level, description: `parameter: ${description}` },
  ]),
  ...RESPONSE_SCHEMA_CONCEPTS.map(([concept, level, description]) => ({ id: `response-property-${concept}`, level, description: `response body: ${description}` })),
];

const BY_ID = new Map(CHANGE_KINDS.map((kind) => [kind.id, kind]));

export function changeKind(id: string): ChangeKind {
  const kind = BY_ID.get(id);
  if (kind === undefined) throw new Error(`unknown contract change id ${id}`);
  return kind;
}
