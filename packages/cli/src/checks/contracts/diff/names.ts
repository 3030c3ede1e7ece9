import { type Operation } from '@npvguard/harness/contracts';
import { DOCUMENT_OWNER, documentChange, objectAt, pointerOf, recordAt } from './documentChange.js';
import type { ContractChange } from './types.js';

function tagsOf(raw: Record<string, unknown> | undefined): string[] {
  const tags = raw?.['tags'];
  return Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === 'string') : [];
}

function operationIdOf(raw: Record<string, unknown> | undefined): string | undefined {
  const id = raw?.['operationId'];
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/**
 * The names of an operation both sides have: its tags (documentation and SDK grouping) and its operationId (the
 * method name generated clients call). A changed operationId is reported as removed, as oasdiff does: the old name
 * is gone.
 */
export function compareOperationNames(previous: Operation, next: Operation, oldRoot: unknown, newRoot: unknown, report: (change: ContractChange) => void): void {
  const [before, after] = [objectAt(oldRoot, previous.pointer), objectAt(newRoot, next.pointer)];
  const owner = { method: next.method, path: next.path };
  const [oldTags, newTags] = [tagsOf(before), tagsOf(after)];
  for (const tag of newTags.filter((candidate) => !oldTags.includes(candidate))) report(documentChange('api-tag-added', owner, `tag ${tag}`, `the tag ${tag} was added`, `${next.pointer}/tags`, 'new'));
  for (const tag of oldTags.filter((candidate) => !newTags.includes(candidate))) report(documentChange('api-tag-removed', owner, `tag ${tag}`, `the tag ${tag} was removed`, `${previous.pointer}/tags`, 'old'));
  const [oldId, newId] = [operationIdOf(before), operationIdOf(after)];
  if (oldId === newId) return;
  if (oldId === undefined) report(documentChange('api-operation-id-added', owner, 'operationId', `the operationId ${String(newId)} was added`, `${next.pointer}/operationId`, 'new'));
  else report(documentChange('api-operation-id-removed', owner, 'operationId', newId === undefined ? `the operationId ${oldId} was removed` : `the operationId changed from ${oldId} to ${newId}`, newId === undefined ? `${previous.pointer}/operationId` : `${next.pointer}/operationId`, newId === undefined ? 'old' : 'new'));
}

/** `components.schemas` entries the change removed (what still used them is compared where it is used). */
export function compareComponentSchemas(oldRoot: unknown, newRoot: unknown, report: (change: ContractChange) => void): void {
  const after = recordAt(recordAt(newRoot, 'components', newRoot), 'schemas', newRoot);
  for (const name of Object.keys(recordAt(recordAt(oldRoot, 'components', oldRoot), 'schemas', oldRoot))) {
    if (!Object.hasOwn(after, name)) report(documentChange('api-schema-removed', DOCUMENT_OWNER, `schema ${name}`, `the schema ${name} was removed from components.schemas`, pointerOf('components', 'schemas', name), 'old'));
  }
}

