import type { JsonSchema, Operation } from '@npvguard/harness/contracts';
import type { ChangeLevel } from './catalogue.js';

/** A step into a value: a property name, `[]` (any array item), `*` (any additionalProperties value). */
export type ValueSegment = { property: string } | { items: true } | { map: true } | { index: number };

/** A change to an object (or array) at the probe's path, applied to sampled values: names and values to set, keys to drop, items to append. */
export interface ValuePatch {
  drop?: readonly string[];
  set?: ReadonlyArray<{ name?: string; namePattern?: string; value?: unknown; valueSchema?: JsonSchema }>;
  append?: readonly unknown[];
  /** Append a sampled value of this schema (an item a `contains` names). */
  appendSampleOf?: JsonSchema;
  /** Append a copy of the first item (a duplicate, for uniqueItems). */
  repeatFirst?: boolean;
}

/** Which part of an exchange a change is about. */
export type ExchangePart =
  | { kind: 'operation' }
  | { kind: 'body' }
  | { kind: 'parameter'; in: string; name: string }
  | { kind: 'response'; status: string };

/** What the witness search needs to build a request or response showing the change. */
export interface WitnessProbe {
  part: ExchangePart;
  valuePath: readonly ValueSegment[];
  /** The old and new schema at `valuePath` (values are sampled from them). */
  oldSchema?: JsonSchema;
  newSchema?: JsonSchema;
  /** Values worth trying at `valuePath` first (a removed enum value, the old maximum...). */
  candidates?: readonly unknown[];
  /** Try leaving the value at `valuePath` out. */
  omit?: boolean;
  /** Schemas whose samples are worth trying too (the branch a oneOf gained, the schema a `not` names). */
  alsoSample?: readonly JsonSchema[];
  /** Changes to try on sampled values at `valuePath` (a property a dependency names, a name propertyNames refuses). */
  patches?: readonly ValuePatch[];
  /**
   * `old-accepts-new-rejects`: a request the old contract accepts and the new refuses (request changes),
   * or, for a removal in a response, an answer old clients got that the new contract no longer allows.
   * `new-allows-old-rejects`: an answer the new contract allows and the old one refuses.
   */
  direction: 'old-accepts-new-rejects' | 'new-allows-old-rejects';
}

export interface Witness {
  direction: WitnessProbe['direction'];
  /** A request (`method`, `path`, `query`, `headers`, `body`) or a response (`status`, `body`). */
  request?: Record<string, unknown>;
  response?: Record<string, unknown>;
  /** What ajv said about the side that refuses it. */
  refusedBecause: string;
}

export interface ContractChange {
  id: string;
  level: ChangeLevel;
  method: string;
  path: string;
  /** Where in the exchange, readable: `request body limit`, `response 200 cards[].subtitle`, `query parameter q`. */
  location: string;
  message: string;
  /** JSON pointer into the new document (or the old one when the thing was removed) and which. */
  pointer: string;
  side: 'old' | 'new';
  probe?: WitnessProbe;
  witness?: Witness;
}

/** The two operations a change belongs to; the witness search validates against them. */
export interface OperationPair {
  old: Operation | undefined;
  new: Operation | undefined;
}
