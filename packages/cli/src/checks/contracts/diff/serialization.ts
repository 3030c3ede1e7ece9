import { arbitraryFromSchema, dereference, isRecord, type JsonSchema, type OperationParameter } from '@npvguard/harness/contracts';
import { samples } from './exchange.js';

/** How a parameter is put on the wire: its style and whether lists and objects explode (OpenAPI's defaults applied). */
export function serializationOf(parameter: OperationParameter): { style: string; explode: boolean } {
  const style = parameter.style ?? (parameter.in === 'query' || parameter.in === 'cookie' ? 'form' : 'simple');
  return { style, explode: parameter.explode ?? style === 'form' };
}

/** Whether the parameter's values are lists or objects, whose serialization depends on style and explode. */
export function isStructured(parameter: OperationParameter, root: unknown): boolean {
  const schema = dereference(parameter.schema, root);
  if (!isRecord(schema)) return false;
  const types = Array.isArray(schema['type']) ? (schema['type'] as unknown[]) : [schema['type']];
  return types.includes('array') || types.includes('object') || schema['properties'] !== undefined || schema['items'] !== undefined;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

/** A value as a query string in a style (`ids=1&ids=2`, `ids=1,2`, `ids=1|2`, `filter[color]=red`, `color=red`). */
export function serialize(name: string, value: unknown, style: string, explode: boolean): string {
  if (Array.isArray(value)) {
    const items = value.map(text);
    if (style === 'form' && explode) return items.map((item) => `${name}=${item}`).join('&');
    const separator = style === 'spaceDelimited' ? '%20' : style === 'pipeDelimited' ? '|' : ',';
    return `${name}=${items.join(separator)}`;
  }
  if (isRecord(value)) {
    const entries = Object.entries(value).map(([key, item]) => [key, text(item)] as const);
    if (style === 'deepObject') return entries.map(([key, item]) => `${name}[${key}]=${item}`).join('&');
    if (explode) return entries.map(([key, item]) => `${key}=${item}`).join('&');
    return `${name}=${entries.flat().join(',')}`;
  }
  return `${name}=${text(value)}`;
}

/** A sample value of the parameter with two items or properties, so the serialization shows. */
export function sampleStructured(parameter: OperationParameter, root: unknown): unknown {
  const schema = parameter.schema as JsonSchema;
  const found = samples(() => arbitraryFromSchema(schema, { root, maxItems: 2 }), 12, 3);
  return found.find((value) => (Array.isArray(value) && value.length >= 2) || (isRecord(value) && Object.keys(value).length >= 2)) ?? found.find((value) => Array.isArray(value) || isRecord(value)) ?? ['a', 'b'];
}
