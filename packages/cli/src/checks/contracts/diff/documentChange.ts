import { escapeSegment, isRecord, resolvePointer } from '@npvguard/harness/contracts';
import { changeKind } from './catalogue.js';
import type { ContractChange, Witness, WitnessProbe } from './types.js';

/** Where a change of the document level belongs: an operation, or the document itself (empty method and path). */
export interface ChangeOwner {
  method: string;
  path: string;
}

export const DOCUMENT_OWNER: ChangeOwner = { method: '', path: '' };

/** One change at its catalogue level; a probe only for a level that can break, so the witness search runs. */
export function documentChange(
  id: string,
  owner: ChangeOwner,
  location: string,
  message: string,
  pointer: string,
  side: 'old' | 'new',
  extra: { probe?: WitnessProbe; witness?: Witness } = {},
): ContractChange {
  const kind = changeKind(id);
  return {
    id,
    level: kind.level,
    method: owner.method,
    path: owner.path,
    location,
    message,
    pointer,
    side,
    ...(extra.probe === undefined || kind.level === 'info' ? {} : { probe: extra.probe }),
    ...(extra.witness === undefined ? {} : { witness: extra.witness }),
  };
}

/**
 * The object at a JSON pointer of an OpenAPI document, following a `$ref` (to `#/components/...`) at every step,
 * so a pointer through a referenced path item, parameter or response reaches what it stands for.
 */
export function objectAt(root: unknown, pointer: string): Record<string, unknown> | undefined {
  const segments = pointer.replace(/^#\/?/, '').split('/').filter((segment) => segment !== '').map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  let current = follow(root, root);
  for (const segment of segments) {
    if (Array.isArray(current)) current = current[Number(segment)];
    else if (isRecord(current)) current = current[segment];
    else return undefined;
    current = follow(current, root);
  }
  return isRecord(current) ? current : undefined;
}

/** A `$ref` chain followed to the object it names (a cycle or a dangling reference gives undefined). */
export function follow(value: unknown, root: unknown): unknown {
  let current = value;
  const seen = new Set<string>();
  while (isRecord(current) && typeof current['$ref'] === 'string') {
    const reference = current['$ref'];
    if (seen.has(reference) || !reference.startsWith('#')) return undefined;
    seen.add(reference);
    current = resolvePointer(root, reference);
  }
  return current;
}

export function pointerOf(...segments: readonly string[]): string {
  return `#/${segments.map(escapeSegment).join('/')}`;
}

/** The record under `key` of an object (after `$ref`s), empty when there is none. */
export function recordAt(owner: unknown, key: string, root: unknown): Record<string, unknown> {
  const value = isRecord(owner) ? follow(owner[key], root) : undefined;
  return isRecord(value) ? value : {};
}
