import type { OperationParameter } from '@npvguard/harness/contracts';
import { isRecord } from '@npvguard/harness/contracts';
import { documentChange, follow, objectAt } from './documentChange.js';
import { days, effectiveStability, formatDay, isDeprecated, judgeDeprecation, judgeRemoval, judgeSunsetChange, readStability, SUNSET_EXTENSION, type DeprecationVerdict, type LifecycleContext } from './lifecycle.js';
import { deprecationId, deprecationMessage, sunsetAddedMessage, sunsetTooSoon } from './operationLifecycle.js';
import type { ContractChange } from './types.js';

/** What the parameter lifecycle needs of an operation comparison (OperationDiffInput has it). */
export interface ParameterLifecycleInput {
  old: { method: string; path: string; pointer: string; parameters: readonly OperationParameter[] };
  new: { method: string; path: string; pointer: string; parameters: readonly OperationParameter[] };
  oldRoot: unknown;
  newRoot: unknown;
  lifecycle: LifecycleContext;
  report(change: ContractChange): void;
}

const keyOf = (parameter: OperationParameter): string => `${parameter.in}:${parameter.name}`;

/**
 * The lifecycle fields of a parameter: `deprecated` and `x-sunset` of the parameter object, or else of its schema
 * (a fastify querystring property marked `deprecated: true` becomes a parameter whose schema says so).
 */
function lifecycleOf(root: unknown, parameter: OperationParameter): Record<string, unknown> {
  const raw = objectAt(root, parameter.pointer) ?? {};
  const schema = follow(raw['schema'], root);
  const fallback = isRecord(schema) ? schema : {};
  const sunset = raw[SUNSET_EXTENSION] ?? fallback[SUNSET_EXTENSION];
  return { deprecated: raw['deprecated'] ?? fallback['deprecated'], ...(sunset === undefined ? {} : { [SUNSET_EXTENSION]: sunset }) };
}

/** Whether a parameter is deprecated (see lifecycleOf); a removed one is then judged by its lifecycle. */
export function isDeprecatedParameter(root: unknown, parameter: OperationParameter): boolean {
  return isDeprecated(lifecycleOf(root, parameter));
}

const DEPRECATION_IDS: Record<DeprecationVerdict['kind'] | 'with-sunset', string> = {
  deprecated: 'request-parameter-deprecated',
  'with-sunset': 'request-parameter-deprecated',
  'sunset-missing': 'request-parameter-deprecated-sunset-missing',
  'sunset-unreadable': 'request-parameter-sunset-parse',
  'sunset-too-soon': 'request-parameter-sunset-date-too-small',
};

/**
 * Deprecation, sunset and removal of the parameters of one operation, under the lifecycle policy of the operation's
 * stability level. A parameter removed without being deprecated is `request-parameter-removed` (the operation
 * comparison reports it); path parameters are matched by position and never removed.
 */
export function compareParameterLifecycle(input: ParameterLifecycleInput): void {
  const stability = effectiveStability(readStability(objectAt(input.newRoot, input.new.pointer)));
  const scope = `parameters of ${stability} operations`;
  const owner = { method: input.new.method, path: input.new.path };
  const newByKey = new Map(input.new.parameters.map((parameter) => [keyOf(parameter), parameter]));
  for (const previous of input.old.parameters) {
    const location = `${previous.in} parameter ${previous.name}`;
    const report = (id: string, message: string, pointer: string, side: 'old' | 'new'): void => input.report(documentChange(id, owner, location, `${location}: ${message}`, pointer, side));
    const oldRaw = lifecycleOf(input.oldRoot, previous);
    const next = newByKey.get(keyOf(previous));
    if (next === undefined) {
      if (previous.in === 'path' || !isDeprecated(oldRaw)) continue;
      const verdict = judgeRemoval(oldRaw, input.lifecycle);
      if (verdict.kind === 'before-sunset') report('request-parameter-removed-before-sunset', `the deprecated parameter was removed ${days(verdict.days)} before its sunset ${formatDay(verdict.sunset)}`, previous.pointer, 'old');
      else if (verdict.kind === 'sunset-unreadable') report('request-parameter-sunset-parse', `the deprecated parameter was removed, and whether its sunset has come cannot be told: ${verdict.reason}`, previous.pointer, 'old');
      else report('request-parameter-removed-with-deprecation', `the parameter was removed after being deprecated${verdict.kind === 'with-deprecation' && verdict.sunset !== undefined ? ` (its sunset ${formatDay(verdict.sunset)} has come)` : ''}`, previous.pointer, 'old');
      continue;
    }
    const newRaw = lifecycleOf(input.newRoot, next);
    const sunsetPointer = `${next.pointer}/${SUNSET_EXTENSION}`;
    const [was, is] = [isDeprecated(oldRaw), isDeprecated(newRaw)];
    if (!was && is) {
      const verdict = judgeDeprecation(newRaw, stability, input.lifecycle);
      report(deprecationId(verdict, DEPRECATION_IDS), deprecationMessage(verdict, 'the parameter', scope), verdict.kind === 'deprecated' || verdict.kind === 'sunset-missing' ? next.pointer : sunsetPointer, 'new');
    } else if (was && !is) {
      report('request-parameter-reactivated', 'the parameter is no longer deprecated', next.pointer, 'new');
    } else if (is) {
      const verdict = judgeSunsetChange(oldRaw, newRaw, stability, input.lifecycle);
      if (verdict?.kind === 'sunset-deleted') report('request-parameter-sunset-deleted', `the parameter is still deprecated, but its sunset ${verdict.sunset} was removed: clients lose the date they planned for`, next.pointer, 'new');
      else if (verdict?.kind === 'sunset-unreadable') report('request-parameter-sunset-parse', `the sunset of the deprecated parameter changed, but ${verdict.reason}`, sunsetPointer, 'new');
      else if (verdict?.kind === 'sunset-added') report(deprecationId(verdict.verdict, DEPRECATION_IDS), sunsetAddedMessage(verdict.verdict, 'the deprecated parameter', scope), sunsetPointer, 'new');
      else if (verdict?.kind === 'sunset-earlier') {
        report('request-parameter-sunset-date-moved-earlier', `the sunset was moved earlier, from ${formatDay(verdict.from)} to ${formatDay(verdict.to)}: clients that planned on the announced day lose ${days(verdict.from - verdict.to)}`, sunsetPointer, 'new');
      } else if (verdict?.kind === 'sunset-earlier-too-soon') {
        report('request-parameter-sunset-date-changed-too-small', `the sunset was moved from ${formatDay(verdict.from)} to ${formatDay(verdict.to)}${sunsetTooSoon(verdict.days, verdict.minimumDays, scope)}`, sunsetPointer, 'new');
      }
    }
  }
}
