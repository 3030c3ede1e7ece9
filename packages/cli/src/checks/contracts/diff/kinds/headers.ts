import type { KindEntry } from './kind.js';

/** Headers of documented answers (ids as oasdiff's): old clients read what the old contract promised. */
export const RESPONSE_HEADER_KINDS: readonly KindEntry[] = [
  { id: 'required-response-header-removed', level: 'error', description: 'a required response header is no longer documented' },
  { id: 'optional-response-header-removed', level: 'warning', description: 'an optional response header is no longer documented' },
  { id: 'response-header-added', level: 'info', description: 'a response header was added' },
  { id: 'response-header-became-optional', level: 'error', description: 'a required response header became optional' },
  { id: 'response-header-became-nullable', level: 'error', description: 'a response header\'s schema now allows null' },
  { id: 'response-header-became-not-nullable', level: 'info', description: 'a response header\'s schema no longer allows null' },
  { id: 'response-header-type-changed', level: 'error', description: 'a response header\'s type or format changed to one old clients cannot read' },
  { id: 'response-header-type-generalized', level: 'error', description: 'a response header\'s type was widened (integer → number, a type added)' },
  { id: 'response-header-type-specialized', level: 'info', description: 'a response header\'s type or format was narrowed: every new value is an old one' },
  { id: 'response-header-type-compatible', level: 'info', description: 'a response header\'s type changed, but old clients read it as text they already accepted' },
];
