import { isRecord, type Operation } from '@npvguard/harness/contracts';
import { DOCUMENT_OWNER, documentChange, follow, objectAt, pointerOf, recordAt, type ChangeOwner } from './documentChange.js';
import type { ContractChange } from './types.js';

/** A security requirement: scheme name → scopes. One of a list suffices (OR); all of its schemes are needed (AND). */
type Requirement = ReadonlyMap<string, readonly string[]>;

function requirements(value: unknown): Requirement[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter(isRecord).map((entry) => new Map(Object.entries(entry).map(([scheme, scopes]) => [scheme, Array.isArray(scopes) ? scopes.filter((scope): scope is string => typeof scope === 'string') : []])));
}

/** The schemes of a requirement, sorted and joined: how a requirement is matched across versions and named. */
const requirementKey = (requirement: Requirement): string => [...requirement.keys()].sort().join(' + ');

/** A list with no requirement, or with the empty one (`{}`), lets requests without credentials through. */
const allowsAnonymous = (list: readonly Requirement[]): boolean => list.length === 0 || list.some((requirement) => requirement.size === 0);

interface RequirementIds {
  added: string;
  removed: string;
  scopeAdded: string;
  scopeRemoved: string;
}

const OPERATION_IDS: RequirementIds = { added: 'api-security-added', removed: 'api-security-removed', scopeAdded: 'api-security-scope-added', scopeRemoved: 'api-security-scope-removed' };
const GLOBAL_IDS: RequirementIds = {
  added: 'api-global-security-added',
  removed: 'api-global-security-removed',
  scopeAdded: 'api-global-security-scope-added',
  scopeRemoved: 'api-global-security-scope-removed',
};

interface RequirementSide {
  list: readonly Requirement[];
  pointer: string;
}

/**
 * Requirements matched by their schemes: added, removed, and scopes added to or removed from a requirement both
 * have. The empty requirement is left out: what it changes, requests without credentials, is judged per operation.
 */
function compareRequirements(before: RequirementSide, after: RequirementSide, ids: RequirementIds, owner: ChangeOwner, report: (change: ContractChange) => void): void {
  const oldByKey = new Map(before.list.filter((requirement) => requirement.size > 0).map((requirement) => [requirementKey(requirement), requirement]));
  const newByKey = new Map(after.list.filter((requirement) => requirement.size > 0).map((requirement) => [requirementKey(requirement), requirement]));
  for (const [key, requirement] of newByKey) {
    const previous = oldByKey.get(key);
    if (previous === undefined) {
      report(documentChange(ids.added, owner, `security requirement ${key}`, `the security requirement ${key} was added`, after.pointer, 'new'));
      continue;
    }
    for (const [scheme, scopes] of requirement) {
      const earlier = previous.get(scheme) ?? [];
      for (const scope of scopes.filter((candidate) => !earlier.includes(candidate))) {
        report(documentChange(ids.scopeAdded, owner, `security requirement ${key}`, `the scope ${scope} of ${scheme} is now required`, after.pointer, 'new'));
      }
      for (const scope of earlier.filter((candidate) => !scopes.includes(candidate))) {
        report(documentChange(ids.scopeRemoved, owner, `security requirement ${key}`, `the scope ${scope} of ${scheme} is no longer required`, after.pointer, 'new'));
      }
    }
  }
  for (const key of oldByKey.keys()) {
    if (!newByKey.has(key)) report(documentChange(ids.removed, owner, `security requirement ${key}`, `the security requirement ${key} was removed`, before.pointer, 'old'));
  }
}

/** The document's own security requirements (`security` at the root). */
export function compareGlobalSecurity(oldRoot: unknown, newRoot: unknown, report: (change: ContractChange) => void): void {
  const side = (root: unknown): RequirementSide => ({ list: requirements(isRecord(root) ? root['security'] : undefined) ?? [], pointer: '#/security' });
  compareRequirements(side(oldRoot), side(newRoot), GLOBAL_IDS, DOCUMENT_OWNER, report);
}

/** The operation's own requirements, and those it applies: its own `security`, or else the document's. */
function operationSecurity(operation: Operation, root: unknown): { own: RequirementSide; effective: RequirementSide } {
  const raw = objectAt(root, operation.pointer);
  const ownList = requirements(raw?.['security']);
  const own = { list: ownList ?? [], pointer: `${operation.pointer}/security` };
  const effective = ownList !== undefined ? own : { list: requirements(isRecord(root) ? root['security'] : undefined) ?? [], pointer: '#/security' };
  return { own, effective };
}

/**
 * Security of an operation both sides have: its own requirements as oasdiff compares them (all safe), and, besides,
 * whether requests without credentials, accepted before, are now refused (the requirements it applies, its own or
 * the document's).
 */
export function compareOperationSecurity(previous: Operation, next: Operation, oldRoot: unknown, newRoot: unknown, report: (change: ContractChange) => void): void {
  const before = operationSecurity(previous, oldRoot);
  const after = operationSecurity(next, newRoot);
  const owner = { method: next.method, path: next.path };
  compareRequirements(before.own, after.own, OPERATION_IDS, owner, report);
  if (allowsAnonymous(before.effective.list) && !allowsAnonymous(after.effective.list)) {
    const needed = after.effective.list.map(requirementKey).join(' or ');
    const where = after.effective.pointer === '#/security' ? 'the document\'s security now applies to it' : 'its security now';
    const witness = {
      direction: 'old-accepts-new-rejects' as const,
      request: { method: previous.method, path: previous.path },
      refusedBecause: `the new contract refuses it: ${where} requires ${needed}, and the request carries no credentials, which the old contract accepted`,
    };
    report(documentChange('api-security-became-required', owner, 'security', `requests without credentials were accepted; ${where} requires ${needed}`, after.effective.pointer, 'new', { witness }));
  }
}

const FLOW_NAMES = ['implicit', 'password', 'clientCredentials', 'authorizationCode'] as const;

/**
 * `components.securitySchemes`: schemes added, removed, their type changed, and, for OAuth, each flow's URLs and
 * scopes (every flow, not only the implicit one).
 */
export function compareSecuritySchemes(oldRoot: unknown, newRoot: unknown, report: (change: ContractChange) => void): void {
  const oldSchemes = recordAt(recordAt(oldRoot, 'components', oldRoot), 'securitySchemes', oldRoot);
  const newSchemes = recordAt(recordAt(newRoot, 'components', newRoot), 'securitySchemes', newRoot);
  const schemePointer = (name: string): string => pointerOf('components', 'securitySchemes', name);
  for (const name of Object.keys(oldSchemes)) {
    if (!(name in newSchemes)) report(documentChange('api-security-component-removed', DOCUMENT_OWNER, `security scheme ${name}`, `the security scheme ${name} was removed`, schemePointer(name), 'old'));
  }
  for (const [name, rawScheme] of Object.entries(newSchemes)) {
    const location = `security scheme ${name}`;
    const pointer = schemePointer(name);
    const change = (id: string, message: string, side: 'old' | 'new' = 'new'): void => report(documentChange(id, DOCUMENT_OWNER, location, message, pointer, side));
    if (!(name in oldSchemes)) {
      change('api-security-component-added', `the security scheme ${name} was added`);
      continue;
    }
    const [before, after] = [follow(oldSchemes[name], oldRoot), follow(rawScheme, newRoot)];
    if (!isRecord(before) || !isRecord(after)) continue;
    if (before['type'] !== after['type']) change('api-security-component-type-changed', `the type of ${name} changed from ${String(before['type'])} to ${String(after['type'])}`);
    for (const flow of FLOW_NAMES) {
      const [oldFlow, newFlow] = [recordAt(recordAt(before, 'flows', oldRoot), flow, oldRoot), recordAt(recordAt(after, 'flows', newRoot), flow, newRoot)];
      for (const [key, id] of [
        ['authorizationUrl', 'api-security-component-oauth-url-changed'],
        ['tokenUrl', 'api-security-component-oauth-token-url-changed'],
      ] as const) {
        if (oldFlow[key] !== newFlow[key]) change(id, `the ${key} of the ${flow} flow of ${name} changed from ${String(oldFlow[key] ?? 'none')} to ${String(newFlow[key] ?? 'none')}`);
      }
      const [oldScopes, newScopes] = [recordAt(oldFlow, 'scopes', oldRoot), recordAt(newFlow, 'scopes', newRoot)];
      for (const [scope, description] of Object.entries(newScopes)) {
        if (!(scope in oldScopes)) change('api-security-component-oauth-scope-added', `the ${flow} flow of ${name} gained the scope ${scope}`);
        else if (oldScopes[scope] !== description) change('api-security-component-oauth-scope-changed', `the description of the scope ${scope} of the ${flow} flow of ${name} changed`);
      }
      for (const scope of Object.keys(oldScopes)) {
        if (!(scope in newScopes)) change('api-security-component-oauth-scope-removed', `the ${flow} flow of ${name} lost the scope ${scope}`, 'new');
      }
    }
  }
}
