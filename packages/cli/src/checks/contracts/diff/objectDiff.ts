import { addedResponsePropertyBreaks, dereference, escapeSegment, isRecord, type JsonSchema, type SchemaObject } from '@npvguard/harness/contracts';
import { comparePropertyLifecycle } from './propertyLifecycle.js';
import { emit, type SchemaDiffContext, type SchemaPosition } from './schemaContext.js';

type Compare = (context: SchemaDiffContext, position: SchemaPosition, depth: number) => void;

function propertiesOf(schema: SchemaObject): Record<string, JsonSchema> {
  return isRecord(schema['properties']) ? (schema['properties'] as Record<string, JsonSchema>) : {};
}

function requiredOf(schema: SchemaObject): Set<string> {
  return new Set(Array.isArray(schema['required']) ? schema['required'].filter((name): name is string => typeof name === 'string') : []);
}

/** `additionalProperties` as a schema: absent means anything. */
function additionalOf(schema: SchemaObject): JsonSchema {
  const value = schema['additionalProperties'];
  return value === undefined ? true : (value as JsonSchema);
}

/** What a property's own schema says of it beyond its values: readOnly, writeOnly, a default. */
function flagsOf(schema: JsonSchema | undefined, root: unknown): { readOnly: boolean; writeOnly: boolean; hasDefault: boolean } {
  const resolved = schema === undefined ? undefined : dereference(schema, root);
  if (!isRecord(resolved)) return { readOnly: false, writeOnly: false, hasDefault: false };
  return { readOnly: resolved['readOnly'] === true, writeOnly: resolved['writeOnly'] === true, hasDefault: 'default' in resolved };
}

/** Properties, required lists and `additionalProperties` (map values included) of two object schemas. */
export function compareObjects(context: SchemaDiffContext, position: SchemaPosition, previous: SchemaObject, next: SchemaObject, depth: number, compare: Compare): void {
  const request = context.side === 'request';
  const oldProperties = propertiesOf(previous);
  const newProperties = propertiesOf(next);
  const oldRequired = requiredOf(previous);
  const newRequired = requiredOf(next);
  const oldAdditional = additionalOf(previous);
  const newAdditional = additionalOf(next);
  const at = (name: string): SchemaPosition => ({
    oldSchema: oldProperties[name] ?? oldAdditional,
    newSchema: newProperties[name] ?? newAdditional,
    valuePath: [...position.valuePath, { property: name }],
    pointer: `${position.pointer}/properties/${escapeSegment(name)}`,
  });
  const names = [...new Set([...Object.keys(oldProperties), ...Object.keys(newProperties), ...oldRequired, ...newRequired])].sort();
  const header = context.part.kind === 'parameter' && context.part.in === 'header';
  for (const name of names) {
    const inOld = name in oldProperties || oldRequired.has(name);
    const inNew = name in newProperties || newRequired.has(name);
    const property = at(name);
    const oldFlags = flagsOf(oldProperties[name], context.oldRoot);
    const newFlags = flagsOf(newProperties[name], context.newRoot);
    if (request) {
      if (!inOld && inNew) {
        if (newRequired.has(name) && !newFlags.readOnly) {
          const id = header ? 'new-required-request-header-property' : newFlags.hasDefault ? 'new-required-request-property-with-default' : 'new-required-request-property';
          emit(context, property, id, `the required property ${name} was added`, { omit: true });
        } else emit(context, property, 'new-optional-request-property', `the optional property ${name} was added`);
      } else if (inOld && !inNew) {
        emit(context, property, 'request-property-removed', `the property ${name} was removed${newAdditional === false ? ' and unknown properties are refused' : ''}`, { oldSchema: oldProperties[name] ?? true });
      } else if (!oldRequired.has(name) && newRequired.has(name) && !newFlags.readOnly) {
        const id = header ? 'request-header-property-became-required' : context.subject === 'parameter' ? 'request-parameter-became-required' : newFlags.hasDefault ? 'request-property-became-required-with-default' : 'request-property-became-required';
        emit(context, property, id, `the property ${name} became required`, { omit: true });
      } else if (oldRequired.has(name) && !newRequired.has(name)) {
        emit(context, property, 'request-property-became-optional', `the property ${name} became optional`);
      }
    } else {
      if (inOld && !inNew) {
        const required = oldRequired.has(name);
        if (oldFlags.writeOnly) emit(context, property, `response-${required ? 'required' : 'optional'}-write-only-property-removed`, `the write-only property ${name} was removed (it was never sent)`);
        else {
          emit(context, property, 'response-property-removed', `the ${required ? 'required' : 'optional'} property ${name} was removed`, {
            ...(newAdditional === false ? { direction: 'old-accepts-new-rejects' as const, newSchema: false } : { ...(required ? { omit: true } : {}), candidates: [12345, 'text', null, true] }),
          });
        }
        continue;
      }
      if (!inOld && inNew) {
        const required = newRequired.has(name);
        // Whether old clients refuse a property their schema does not list is the closed-schema policy's to say.
        if (newFlags.writeOnly) {
          emit(context, property, `response-${required ? 'required' : 'optional'}-write-only-property-added`, `the write-only property ${name} was added (it is never sent)`);
        } else if (addedResponsePropertyBreaks(previous, context.closedSchemas)) {
          emit(context, property, 'response-property-added-to-closed-schema', `the property ${name} was added where the old schema refuses properties it does not list (contracts.closedSchemas is strict)`, {
            newSchema: newProperties[name] ?? true,
          });
        } else {
          emit(context, property, 'response-property-added', `the ${required ? 'required' : 'optional'} property ${name} was added`);
        }
        // Old clients read an unlisted property with the old additionalProperties schema: the new property must fit it.
        if (isRecord(oldAdditional)) compare(context, property, depth + 1);
        continue;
      }
      const writeOnly = newFlags.writeOnly && oldFlags.writeOnly;
      if (oldRequired.has(name) && !newRequired.has(name)) emit(context, property, writeOnly ? 'response-write-only-property-became-optional' : 'response-property-became-optional', `the property ${name} became optional`, { omit: true });
      else if (!oldRequired.has(name) && newRequired.has(name)) emit(context, property, writeOnly ? 'response-write-only-property-became-required' : 'response-property-became-required', `the property ${name} became required`);
    }
    if (inOld && inNew) {
      const which = newRequired.has(name) ? 'required' : 'optional';
      for (const flag of ['readOnly', 'writeOnly'] as const) {
        if (oldFlags[flag] === newFlags[flag]) continue;
        const state = `${newFlags[flag] ? '' : 'not-'}${flag === 'readOnly' ? 'read-only' : 'write-only'}`;
        emit(context, property, `${context.side}-${which}-property-became-${state}`, `the ${which} property ${name} became ${state.replace(/-/g, ' ')}`);
      }
      comparePropertyLifecycle(context, property, oldProperties[name], newProperties[name]);
      const inner = request && newFlags.readOnly ? { ...context, readOnly: true } : !request && newFlags.writeOnly && oldFlags.writeOnly ? { ...context, writeOnly: true } : context;
      compare(inner, property, depth + 1);
    }
  }
  const mapPosition: SchemaPosition = { oldSchema: oldAdditional, newSchema: newAdditional, valuePath: [...position.valuePath, { map: true }], pointer: `${position.pointer}/additionalProperties` };
  if (request && oldAdditional !== false && newAdditional === false) {
    emit(context, { ...position }, 'request-property-additional-properties-disallowed', 'additionalProperties became false: requests with properties the schema does not list are refused', {
      candidates: [],
      valuePath: [...position.valuePath, { property: 'unlistedProperty' }],
      oldSchema: oldAdditional,
    });
  } else if (!request && oldAdditional === false && newAdditional !== false) {
    if (addedResponsePropertyBreaks(previous, context.closedSchemas)) {
      emit(context, mapPosition, 'response-property-additional-properties-allowed', 'additionalProperties is no longer false', { candidates: ['text', 1] });
    } else {
      emit(context, mapPosition, 'response-property-additional-properties-allowed', 'additionalProperties is no longer false; clients ignore properties they do not know (contracts.closedSchemas is tolerant)', {}, 'info');
    }
  } else if (oldAdditional !== false && newAdditional !== false && (isRecord(oldAdditional) || isRecord(newAdditional))) {
    compare(context, mapPosition, depth + 1);
  }
}
