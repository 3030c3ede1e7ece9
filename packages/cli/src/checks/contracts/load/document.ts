import { LineCounter, parseDocument } from 'yaml';
import { pointerSegments } from '@npvguard/harness/contracts';
import { checkOpenApiShape, DocumentParseError } from './openApiShape.js';

export { DocumentParseError };

export interface ParsedDocument {
  value: unknown;
  /** The 1-based line where the value at a JSON pointer (`#/paths/...`) starts; the nearest existing ancestor otherwise. */
  lineOf(pointer: string): number;
}

/**
 * Parses a JSON or YAML document (JSON is YAML 1.2) and keeps its source positions, so findings can
 * point at the line of a changed schema.
 */
export function parseApiDocument(text: string, label: string): ParsedDocument {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  const error = document.errors[0];
  if (error !== undefined) throw new DocumentParseError(`${label} is not valid JSON or YAML: ${error.message.split('\n')[0] ?? error.message}`);
  const value: unknown = document.toJS({ maxAliasCount: 1000 });
  checkOpenApiShape(value, label);
  return {
    value,
    lineOf(pointer) {
      const segments = pointerSegments(pointer) ?? [];
      for (let length = segments.length; length >= 0; length -= 1) {
        const node: unknown = document.getIn(segments.slice(0, length), true);
        const range = typeof node === 'object' && node !== null && 'range' in node ? (node as { range?: [number, number, number] }).range : undefined;
        if (range !== undefined) return lineCounter.linePos(range[0]).line;
      }
      return 1;
    },
  };
}
