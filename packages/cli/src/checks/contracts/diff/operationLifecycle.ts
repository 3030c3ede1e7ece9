import type { Operation } from '@npvguard/harness/contracts';
import { documentChange, objectAt, type ChangeOwner } from './documentChange.js';
import {
  days,
  effectiveStability,
  formatDay,
  isDeprecated,
  judgeDeprecation,
  judgeRemoval,
  judgeSunsetChange,
  readStability,
  stabilityRank,
  STABILITY_EXTENSION,
  SUNSET_EXTENSION,
  type DeprecationVerdict,
  type LifecycleContext,
  type Reading,
  type StabilityLevel,
} from './lifecycle.js';
import type { ContractChange, WitnessProbe } from './types.js';

/** A request to a removed operation: the old contract accepts it, the new one has nowhere to take it. */
const OPERATION_PROBE: WitnessProbe = { part: { kind: 'operation' }, valuePath: [], direction: 'old-accepts-new-rejects' };

const ownerOf = (operation: Operation): ChangeOwner => ({ method: operation.method, path: operation.path });

function unreadableNote(stability: Reading<StabilityLevel>): string {
  return stability.kind === 'invalid' ? ` (${stability.reason}, so it counts as stable)` : '';
}

/**
 * An operation of the base that the change no longer has. Draft and alpha operations promise nothing; any other had
 * to be deprecated first and, when it named a sunset, may go on that day or after it.
 */
export function removedOperationChanges(operation: Operation, pathRemains: boolean, oldRoot: unknown, lifecycle: LifecycleContext): ContractChange[] {
  const raw = objectAt(oldRoot, operation.pointer);
  const stability = readStability(raw);
  const what = pathRemains ? 'the operation was removed' : 'the path was removed';
  const change = (id: string, message: string, probe?: WitnessProbe): ContractChange =>
    documentChange(id, ownerOf(operation), 'operation', message, operation.pointer, 'old', probe === undefined ? {} : { probe });
  if (stability.kind === 'value' && stabilityRank(stability.value) < stabilityRank('beta')) {
    return [change('api-removed-unstable', `${what}; its stability level was ${stability.value}, which promises nothing`)];
  }
  const verdict = judgeRemoval(raw, lifecycle);
  switch (verdict.kind) {
    case 'without-deprecation':
      return [change(pathRemains ? 'api-removed-without-deprecation' : 'api-path-removed-without-deprecation', `${what} without being deprecated first${unreadableNote(stability)}`, OPERATION_PROBE)];
    case 'with-deprecation':
      return [change(pathRemains ? 'api-removed-with-deprecation' : 'api-path-removed-with-deprecation', `${what} after being deprecated${verdict.sunset === undefined ? '' : ` (its sunset ${formatDay(verdict.sunset)} has come)`}`)];
    case 'sunset-unreadable':
      return [change('api-path-sunset-parse', `${what} while deprecated, and whether its sunset has come cannot be told: ${verdict.reason}`)];
    case 'before-sunset':
      return [change(pathRemains ? 'api-removed-before-sunset' : 'api-path-removed-before-sunset', `${what} ${days(verdict.days)} before its sunset ${formatDay(verdict.sunset)}`, OPERATION_PROBE)];
  }
}

/** An operation the base did not have; an unreadable stability level on it is reported now, not when it matters. */
export function addedOperationChanges(operation: Operation, newRoot: unknown): ContractChange[] {
  const raw = objectAt(newRoot, operation.pointer);
  const changes = [documentChange('endpoint-added', ownerOf(operation), 'operation', 'the operation was added', operation.pointer, 'new')];
  const stability = readStability(raw);
  if (stability.kind === 'invalid') changes.push(invalidStability(operation, stability.reason));
  return changes;
}

function invalidStability(operation: Operation, reason: string): ContractChange {
  return documentChange('api-invalid-stability-level', ownerOf(operation), 'operation', `${reason}; lifecycle rules treat it as stable`, `${operation.pointer}/${STABILITY_EXTENSION}`, 'new');
}

const DEPRECATION_IDS: Record<DeprecationVerdict['kind'] | 'with-sunset', string> = {
  deprecated: 'endpoint-deprecated',
  'with-sunset': 'endpoint-deprecated-with-sunset',
  'sunset-missing': 'api-deprecated-sunset-missing',
  'sunset-unreadable': 'api-deprecated-sunset-parse',
  'sunset-too-soon': 'api-sunset-date-too-small',
};

/** `, N days from the day of the diff; the lifecycle policy asks at least M for <scope>` (`scope`: `stable operations`). */
export function sunsetTooSoon(daysAhead: number, minimumDays: number, scope: string): string {
  return `, ${days(daysAhead)} from the day of the diff; the lifecycle policy asks at least ${days(minimumDays)} for ${scope}`;
}

/** The message for a deprecation verdict; shared with parameters (`subject`: `the operation`, `scope`: `stable operations`). */
export function deprecationMessage(verdict: DeprecationVerdict, subject: string, scope: string): string {
  switch (verdict.kind) {
    case 'deprecated':
      return verdict.sunset === undefined ? `${subject} was deprecated` : `${subject} was deprecated with the sunset ${formatDay(verdict.sunset)}`;
    case 'sunset-missing':
      return `${subject} was deprecated without an ${SUNSET_EXTENSION} date; the lifecycle policy asks at least ${days(verdict.minimumDays)} before the sunset of ${scope}`;
    case 'sunset-unreadable':
      return `${subject} was deprecated, but ${verdict.reason}`;
    case 'sunset-too-soon':
      return `${subject} was deprecated with the sunset ${formatDay(verdict.sunset)}${sunsetTooSoon(verdict.days, verdict.minimumDays, scope)}`;
  }
}

/** The message for a sunset set on something already deprecated (`subject`: `the deprecated operation`). */
export function sunsetAddedMessage(verdict: DeprecationVerdict, subject: string, scope: string): string {
  if (verdict.kind === 'sunset-too-soon') return `${subject} was given the sunset ${formatDay(verdict.sunset)}${sunsetTooSoon(verdict.days, verdict.minimumDays, scope)}`;
  if (verdict.kind === 'deprecated' && verdict.sunset !== undefined) return `${subject} was given the sunset ${formatDay(verdict.sunset)}`;
  return deprecationMessage(verdict, subject, scope);
}

export function deprecationId(verdict: DeprecationVerdict, ids: Record<DeprecationVerdict['kind'] | 'with-sunset', string>): string {
  return verdict.kind === 'deprecated' && verdict.sunset !== undefined ? ids['with-sunset'] : ids[verdict.kind];
}

function compareStability(operation: Operation, before: Reading<StabilityLevel>, after: Reading<StabilityLevel>, report: (change: ContractChange) => void): void {
  if (after.kind === 'invalid') {
    if (before.kind !== 'invalid' || before.reason !== after.reason) report(invalidStability(operation, after.reason));
    return;
  }
  if (before.kind === 'invalid') return;
  const [from, to] = [effectiveStability(before), effectiveStability(after)];
  if (from === to) return;
  const lowered = stabilityRank(to) < stabilityRank(from);
  const pointer = `${operation.pointer}/${STABILITY_EXTENSION}`;
  const message = lowered ? `the stability level was lowered from ${from} to ${to}: clients built on its promise lose it` : `the stability level was raised from ${from} to ${to}`;
  report(documentChange(lowered ? 'api-stability-decreased' : 'api-stability-increased', ownerOf(operation), 'operation', message, pointer, 'new'));
}

/** Deprecation, sunset and stability of an operation both sides have; the policy is the new stability level's. */
export function compareOperationLifecycle(previous: Operation, next: Operation, oldRoot: unknown, newRoot: unknown, lifecycle: LifecycleContext, report: (change: ContractChange) => void): void {
  const [oldRaw, newRaw] = [objectAt(oldRoot, previous.pointer), objectAt(newRoot, next.pointer)];
  const [before, after] = [readStability(oldRaw), readStability(newRaw)];
  compareStability(next, before, after, report);
  const stability = effectiveStability(after);
  const owner = ownerOf(next);
  const [wasDeprecated, isNowDeprecated] = [isDeprecated(oldRaw), isDeprecated(newRaw)];
  if (!wasDeprecated && isNowDeprecated) {
    const verdict = judgeDeprecation(newRaw, stability, lifecycle);
    const pointer = verdict.kind === 'deprecated' || verdict.kind === 'sunset-missing' ? `${next.pointer}/deprecated` : `${next.pointer}/${SUNSET_EXTENSION}`;
    report(documentChange(deprecationId(verdict, DEPRECATION_IDS), owner, 'operation', deprecationMessage(verdict, 'the operation', `${stability} operations`), pointer, 'new'));
    return;
  }
  if (wasDeprecated && !isNowDeprecated) {
    report(documentChange('endpoint-reactivated', owner, 'operation', 'the operation is no longer deprecated', next.pointer, 'new'));
    return;
  }
  if (!isNowDeprecated) return;
  const sunsetPointer = `${next.pointer}/${SUNSET_EXTENSION}`;
  const verdict = judgeSunsetChange(oldRaw, newRaw, stability, lifecycle);
  if (verdict === undefined) return;
  switch (verdict.kind) {
    case 'sunset-deleted':
      report(documentChange('sunset-deleted', owner, 'operation', `the operation is still deprecated, but its sunset ${verdict.sunset} was removed: clients lose the date they planned for`, next.pointer, 'new'));
      return;
    case 'sunset-unreadable':
      report(documentChange('api-path-sunset-parse', owner, 'operation', `the sunset of the deprecated operation changed, but ${verdict.reason}`, sunsetPointer, 'new'));
      return;
    case 'sunset-added':
      report(documentChange(deprecationId(verdict.verdict, DEPRECATION_IDS), owner, 'operation', sunsetAddedMessage(verdict.verdict, 'the deprecated operation', `${stability} operations`), sunsetPointer, 'new'));
      return;
    case 'sunset-earlier':
      report(documentChange('api-sunset-date-moved-earlier', owner, 'operation', `the sunset was moved earlier, from ${formatDay(verdict.from)} to ${formatDay(verdict.to)}: clients that planned on the announced day lose ${days(verdict.from - verdict.to)}`, sunsetPointer, 'new'));
      return;
    case 'sunset-earlier-too-soon':
      report(
        documentChange(
          'api-sunset-date-changed-too-small',
          owner,
          'operation',
          `the sunset was moved from ${formatDay(verdict.from)} to ${formatDay(verdict.to)}${sunsetTooSoon(verdict.days, verdict.minimumDays, `${stability} operations`)}`,
          sunsetPointer,
          'new',
        ),
      );
  }
}
