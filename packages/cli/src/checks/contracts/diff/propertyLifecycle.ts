import { dereference, isRecord, type JsonSchema } from '@npvguard/harness/contracts';
import { changeKind } from './catalogue.js';
import { effectiveStability, isDeprecated, judgeDeprecation, readStability, stabilityRank, type DeprecationVerdict } from './lifecycle.js';
import { deprecationId, deprecationMessage } from './operationLifecycle.js';
import type { SchemaDiffContext, SchemaPosition } from './schemaContext.js';
import { renderValuePath } from './schemaContext.js';

/**
 * Deprecation, sunset and stability of one property present on both sides, under the lifecycle policy of the
 * operation's stability level: the same judgements as for operations and parameters, with the property's ids. A
 * broken promise (no sunset, one too soon, a lowered stability) is an error no exchange can show, so it has no witness.
 */
export function comparePropertyLifecycle(context: SchemaDiffContext, position: SchemaPosition, oldSchema: JsonSchema | undefined, newSchema: JsonSchema | undefined): void {
  if (context.lifecycle === undefined) return;
  const before = oldSchema === undefined ? undefined : dereference(oldSchema, context.oldRoot);
  const after = newSchema === undefined ? undefined : dereference(newSchema, context.newRoot);
  if (!isRecord(before) || !isRecord(after)) return;
  const prefix = `${context.side}-property`;
  const where = renderValuePath(position.valuePath);
  const location = `${context.locationPrefix} ${where}`;
  const report = (id: string, message: string): void =>
    context.report({ id, level: changeKind(id).level, method: context.method, path: context.path, location, message: `${location}: ${message}`, pointer: position.pointer, side: 'new' });
  const stability = context.operationStability ?? 'stable';
  if (!isDeprecated(before) && isDeprecated(after)) {
    const verdict = judgeDeprecation(after, stability, context.lifecycle);
    const ids: Record<DeprecationVerdict['kind'] | 'with-sunset', string> = {
      deprecated: `${prefix}-deprecated`,
      'with-sunset': `${prefix}-deprecated-with-sunset`,
      'sunset-missing': `${prefix}-deprecated-sunset-missing`,
      'sunset-unreadable': `${prefix}-deprecated-sunset-invalid`,
      'sunset-too-soon': `${prefix}-sunset-date-too-small`,
    };
    report(deprecationId(verdict, ids), deprecationMessage(verdict, 'the property', `properties of ${stability} operations`));
  } else if (isDeprecated(before) && !isDeprecated(after)) {
    report(`${prefix}-reactivated`, 'the property is no longer deprecated');
  }
  const oldLevel = readStability(before);
  const newLevel = readStability(after);
  if (oldLevel.kind === 'value' || newLevel.kind === 'value') {
    const from = effectiveStability(oldLevel);
    const to = effectiveStability(newLevel);
    if (stabilityRank(to) < stabilityRank(from)) report(`${prefix}-stability-decreased`, `the stability went down from ${from} to ${to}: clients relied on ${from}`);
    else if (stabilityRank(to) > stabilityRank(from)) report(`${prefix}-stability-increased`, `the stability went up from ${from} to ${to}`);
  }
}
