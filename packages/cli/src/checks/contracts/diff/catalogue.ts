import { DOCUMENT_LEVEL_KINDS } from './kinds/index.js';

/**
 * Every change the semantic diff names, with its level: `error` breaks clients (a witness shows how),
 * `warning` may break them, `info` is safe. Ids are oasdiff's where the concept is the same, so reports can be
 * mapped onto oasdiff's; the coverage table in docs/checks/contracts-coverage.md lists each of oasdiff's ids and
 * what npvguard reports for it. Schema concepts (concepts.ts) get one id per place they can be found at.
 */
import { GENERAL_PLACES, LEVEL_OVERRIDES, PLACE_FALLBACK, SCHEMA_CONCEPTS, SPECIFIC_IDS, type SchemaConcept, type SchemaPlace } from './concepts.js';
import type { ChangeLevel } from './levels.js';

export type { ChangeLevel } from './levels.js';

export interface ChangeKind {
  id: string;
  level: ChangeLevel;
  description: string;
  /** The schema concept this id names at one place, for the ids built from concepts.ts. */
  concept?: { concept: SchemaConcept; place: SchemaPlace };
}

const OTHER_KINDS: readonly ChangeKind[] = [
  { id: 'response-success-status-removed', level: 'error', description: 'a 2xx status the operation answered with is no longer documented' },
  { id: 'response-non-success-status-removed', level: 'warning', description: 'a non-2xx status is no longer documented' },
  { id: 'response-success-status-added', level: 'info', description: 'a 2xx status was added to the documented answers' },
  { id: 'response-non-success-status-added', level: 'info', description: 'a non-2xx status was added to the documented answers' },
  { id: 'new-required-request-parameter', level: 'error', description: 'a required parameter was added' },
  { id: 'new-optional-request-parameter', level: 'info', description: 'an optional parameter was added' },
  { id: 'request-parameter-became-required', level: 'error', description: 'an optional parameter became required' },
  { id: 'request-parameter-became-optional', level: 'info', description: 'a required parameter became optional' },
  { id: 'api-version-decreased', level: 'info', description: 'info.version went down' },
  { id: 'api-version-not-bumped', level: 'info', description: 'the contract breaks clients but info.version stayed the same' },
  { id: 'api-major-version-not-bumped', level: 'info', description: 'breaking changes, but the major version of info.version stayed the same' },
  { id: 'response-media-type-name-changed', level: 'info', description: 'the parameters of an answer media type changed (`; charset=utf-8`): the media type is the same' },
  { id: 'response-write-only-property-became-optional', level: 'info', description: 'a write-only answer property (never sent) became optional' },
  { id: 'response-write-only-property-became-required', level: 'info', description: 'a write-only answer property (never sent) became required' },
  { id: 'response-write-only-property-enum-value-added', level: 'info', description: 'a value was added to the enum of a write-only answer property (never sent)' },
  ...(['request', 'response'] as const).flatMap((side) =>
    (['body', 'property'] as const).flatMap((place) =>
      (['added', 'removed'] as const).map((action) => ({
        id: `${side}-${place}-all-of-${action}-annotation-only`,
        level: 'info' as const,
        description: `an allOf branch that only annotates (a description, an example) was ${action}: the values allowed do not change`,
      })),
    ),
  ),
  { id: 'request-parameter-serialization-changed', level: 'error', description: 'the style or explode of a list or object parameter changed: old clients put it on the wire in a way the server no longer reads' },
  { id: 'request-parameter-removed', level: 'warning', description: 'a parameter is no longer described: clients that send it may be refused or ignored' },
  { id: 'request-body-added-required', level: 'error', description: 'a required request body was added' },
  { id: 'request-body-added-optional', level: 'info', description: 'an optional request body was added' },
  { id: 'request-body-became-required', level: 'error', description: 'the request body became required' },
  { id: 'request-body-became-optional', level: 'info', description: 'the request body became optional' },
  { id: 'request-body-removed', level: 'warning', description: 'the request body is no longer described: clients that send one may be refused' },
  { id: 'request-body-media-type-added', level: 'info', description: 'a media type was added to the request body' },
  { id: 'request-body-media-type-removed', level: 'error', description: 'a media type of the request body was removed: clients sending it are refused' },
  { id: 'request-body-media-type-schema-added', level: 'error', description: 'a schema was added to a request media type that had none' },
  { id: 'request-body-media-type-schema-removed', level: 'info', description: 'the schema of a request media type was removed' },
  { id: 'response-media-type-added', level: 'info', description: 'a media type was added to an answer' },
  { id: 'response-media-type-removed', level: 'error', description: 'a media type of an answer was removed: clients asking for it no longer get it' },
  { id: 'response-media-type-name-generalized', level: 'error', description: 'an answer media type became a more general one (a wildcard or a base type): clients may get media types they cannot read' },
  { id: 'response-media-type-name-specialized', level: 'info', description: 'an answer media type became a more specific one' },
  { id: 'response-body-media-type-schema-added', level: 'info', description: 'a schema was added to an answer media type that had none' },
  { id: 'response-body-media-type-schema-removed', level: 'warning', description: 'the schema of an answer media type was removed: answers of any shape may come' },
  { id: 'new-required-request-property', level: 'error', description: 'a required property was added to a request body' },
  { id: 'new-required-request-property-with-default', level: 'error', description: 'a required property with a default was added to a request body (the default does not make it optional)' },
  { id: 'new-optional-request-property', level: 'info', description: 'an optional property was added to a request body' },
  { id: 'new-required-request-header-property', level: 'error', description: 'a required property was added to an object header parameter' },
  { id: 'request-property-became-required', level: 'error', description: 'an optional request property became required' },
  { id: 'request-property-became-required-with-default', level: 'error', description: 'an optional request property with a default became required' },
  { id: 'request-header-property-became-required', level: 'error', description: 'a property of an object header parameter became required' },
  { id: 'request-property-became-optional', level: 'info', description: 'a required request property became optional' },
  { id: 'request-property-removed', level: 'warning', description: 'a request property is no longer described; where unknown properties are refused, clients sending it are refused' },
  { id: 'request-property-additional-properties-disallowed', level: 'error', description: 'additionalProperties became false, so requests with extra properties are refused' },
  { id: 'response-property-removed', level: 'error', description: 'a response property was removed: clients that read it lose it, and the value may come back in any shape' },
  { id: 'response-property-became-optional', level: 'error', description: 'a required response property became optional' },
  { id: 'response-property-became-required', level: 'info', description: 'an optional response property became required' },
  { id: 'response-property-added', level: 'info', description: 'a response property was added' },
  {
    id: 'response-property-added-to-closed-schema',
    level: 'error',
    description: 'a property was added to a response object whose schema refuses properties it does not list, and contracts.closedSchemas is strict',
  },
  { id: 'response-property-additional-properties-allowed', level: 'warning', description: 'additionalProperties false was dropped: objects may carry properties clients do not know' },
  ...(['optional', 'required'] as const).flatMap((which) =>
    (['read-only', 'not-read-only', 'write-only', 'not-write-only'] as const).flatMap((state) => [
      { id: `request-${which}-property-became-${state}`, level: 'info' as const, description: `a ${which} request property became ${state.replace('-', ' ')}` },
      {
        id: `response-${which}-property-became-${state}`,
        level: which === 'required' && state === 'not-write-only' ? ('warning' as const) : ('info' as const),
        description: `a ${which} response property became ${state.replace('-', ' ')}`,
      },
    ]),
  ),
  { id: 'response-optional-write-only-property-added', level: 'info', description: 'an optional write-only property was added to an answer (never sent)' },
  { id: 'response-required-write-only-property-added', level: 'info', description: 'a required write-only property was added to an answer (never sent)' },
  { id: 'response-optional-write-only-property-removed', level: 'info', description: 'an optional write-only property was removed from an answer (it was never sent)' },
  { id: 'response-required-write-only-property-removed', level: 'info', description: 'a required write-only property was removed from an answer (it was never sent)' },
  ...(['request', 'response'] as const).flatMap((side) => [
    { id: `${side}-property-deprecated`, level: 'info' as const, description: `a ${side} property was deprecated` },
    { id: `${side}-property-deprecated-with-sunset`, level: 'info' as const, description: `a ${side} property was deprecated with a sunset the lifecycle policy allows` },
    { id: `${side}-property-deprecated-sunset-missing`, level: 'error' as const, description: `a ${side} property was deprecated without the x-sunset its operation's stability level asks for` },
    { id: `${side}-property-deprecated-sunset-invalid`, level: 'error' as const, description: `a ${side} property was deprecated with an x-sunset that is not an RFC 3339 date` },
    { id: `${side}-property-sunset-date-too-small`, level: 'error' as const, description: `a ${side} property was deprecated with a sunset sooner than the lifecycle policy allows` },
    { id: `${side}-property-reactivated`, level: 'info' as const, description: `a deprecated ${side} property is no longer deprecated` },
    { id: `${side}-property-stability-decreased`, level: 'error' as const, description: `the x-stability-level of a ${side} property went down` },
    { id: `${side}-property-stability-increased`, level: 'info' as const, description: `the x-stability-level of a ${side} property went up` },
  ]),
  ...['enum-value-removed', 'max-decreased', 'max-length-decreased', 'min-increased', 'exclusive-max-decreased', 'exclusive-min-increased'].map((concept) => ({
    id: `request-read-only-property-${concept}`,
    level: 'info' as const,
    description: `a read-only request property was tightened (${concept}): clients do not send it`,
  })),
];

const PLACE_WORDS: Readonly<Record<SchemaPlace, string>> = {
  'request-body': 'request body',
  'request-property': 'request body property',
  'request-parameter': 'parameter',
  'request-parameter-property': 'property of an object parameter',
  'request-header-property': 'property of an object header',
  'response-body': 'response body',
  'response-property': 'response body property',
};

function conceptKind(concept: SchemaConcept, place: SchemaPlace): ChangeKind {
  const id = `${place}-${concept.concept}`;
  return { id, level: LEVEL_OVERRIDES[id] ?? concept.level, description: `${PLACE_WORDS[place]}: ${concept.description}`, concept: { concept, place } };
}

const CONCEPT_KINDS: readonly ChangeKind[] = SCHEMA_CONCEPTS.flatMap((concept) => {
  const general = GENERAL_PLACES[concept.side].map((place) => conceptKind(concept, place));
  const specific = (Object.keys(PLACE_WORDS) as SchemaPlace[])
    .filter((place) => !GENERAL_PLACES[concept.side].includes(place) && place.startsWith(concept.side) && SPECIFIC_IDS.has(`${place}-${concept.concept}`))
    .map((place) => conceptKind(concept, place));
  return [...general, ...specific];
});

export const CHANGE_KINDS: readonly ChangeKind[] = [...DOCUMENT_LEVEL_KINDS, ...OTHER_KINDS, ...CONCEPT_KINDS];

const BY_ID = new Map(CHANGE_KINDS.map((kind) => [kind.id, kind]));

export function changeKind(id: string): ChangeKind {
  const kind = BY_ID.get(id);
  if (kind === undefined) throw new Error(`unknown contract change id ${id}`);
  return kind;
}

export function isChangeId(id: string): boolean {
  return BY_ID.has(id);
}

/** The id of a schema concept found at a place: the most specific one that exists. */
export function conceptId(place: SchemaPlace, concept: string): string {
  for (const candidate of PLACE_FALLBACK[place]) {
    const id = `${candidate}-${concept}`;
    if (BY_ID.has(id)) return id;
  }
  throw new Error(`no contract change id for ${concept} at ${place}`);
}

/**
 * Ids npvguard used before it took oasdiff's names, and the ids they stand for now: an acknowledgement in
 * contracts/changes.json written with an old id still acknowledges the change.
 */
export const FORMER_IDS: Readonly<Record<string, readonly string[]>> = {
  'new-required-request-body': ['request-body-added-required'],
  'new-optional-request-body': ['request-body-added-optional'],
  'response-status-added': ['response-success-status-added', 'response-non-success-status-added'],
  'request-property-enum-added': ['request-property-became-enum', 'request-body-became-enum'],
  'request-parameter-enum-added': ['request-parameter-became-enum'],
  'request-property-one-of-removed': ['request-property-one-of-removed', 'request-body-one-of-removed'],
};
