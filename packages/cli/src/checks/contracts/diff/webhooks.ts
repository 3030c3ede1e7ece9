import { isRecord, type Operation } from '@npvguard/harness/contracts';
import { documentChange, follow, objectAt, pointerOf, recordAt } from './documentChange.js';
import type { ContractChange } from './types.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** The methods a path item (after `$ref`s) has an operation for. */
function methodsOf(pathItem: unknown, root: unknown): string[] {
  const item = follow(pathItem, root);
  return isRecord(item) ? METHODS.filter((method) => isRecord(item[method])) : [];
}

/**
 * OpenAPI 3.1 `webhooks`: requests the API sends to its subscribers, matched by name and method. One removed is a
 * request subscribers counted on and no longer get; the API sends them, so no request to it can show that.
 */
export function compareWebhooks(oldRoot: unknown, newRoot: unknown, report: (change: ContractChange) => void): void {
  const before = recordAt(oldRoot, 'webhooks', oldRoot);
  const after = recordAt(newRoot, 'webhooks', newRoot);
  const sides = [
    { from: before, fromRoot: oldRoot, to: after, toRoot: newRoot, id: 'webhook-removed', side: 'old', verb: 'was removed: subscribers no longer get it' },
    { from: after, fromRoot: newRoot, to: before, toRoot: oldRoot, id: 'webhook-added', side: 'new', verb: 'was added' },
  ] as const;
  for (const { from, fromRoot, to, toRoot, id, side, verb } of sides) {
    for (const [name, item] of Object.entries(from)) {
      const present = new Set(methodsOf(to[name], toRoot));
      for (const method of methodsOf(item, fromRoot).filter((candidate) => !present.has(candidate))) {
        const owner = { method: method.toUpperCase(), path: name };
        report(documentChange(id, owner, `webhook ${name}`, `the webhook ${name} (${method.toUpperCase()}) ${verb}`, pointerOf('webhooks', name, method), side));
      }
    }
  }
}

/** `name expression METHOD` of every callback operation of an operation, with its pointer. */
function callbackOperations(operation: Operation, root: unknown): Map<string, string> {
  const found = new Map<string, string>();
  const raw = objectAt(root, operation.pointer);
  for (const [name, callback] of Object.entries(recordAt(raw, 'callbacks', root))) {
    const expressions = follow(callback, root);
    if (!isRecord(expressions)) continue;
    for (const [expression, pathItem] of Object.entries(expressions)) {
      for (const method of methodsOf(pathItem, root)) found.set(`${name} ${expression} ${method.toUpperCase()}`, `${operation.pointer}/callbacks/${pointerOf(name, expression, method).slice(2)}`);
    }
  }
  return found;
}

/**
 * The callbacks of an operation both sides have, matched by name, expression and method. The API sends callback
 * requests, so the request-side rules do not apply to them as written (a narrower callback body is safe for the
 * receiver, a wider one is not); only callbacks added and removed are reported.
 */
export function compareCallbacks(previous: Operation, next: Operation, oldRoot: unknown, newRoot: unknown, report: (change: ContractChange) => void): void {
  const before = callbackOperations(previous, oldRoot);
  const after = callbackOperations(next, newRoot);
  const owner = { method: next.method, path: next.path };
  for (const [key, pointer] of before) {
    if (!after.has(key)) report(documentChange('callback-removed', owner, `callback ${key}`, `the callback ${key} was removed: clients that registered for it no longer get it`, pointer, 'old'));
  }
  for (const [key, pointer] of after) {
    if (!before.has(key)) report(documentChange('callback-added', owner, `callback ${key}`, `the callback ${key} was added`, pointer, 'new'));
  }
}
