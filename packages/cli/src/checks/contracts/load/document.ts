import { LineCounter, parseDocument } from 'yaml';
import { isRecord, pointerSegments } from '@npvguard/harness/contracts';

export interface ParsedDocument {
  value: unknown;
  /** The 1-based line where the value at a JSON pointer (`#/paths/...`) starts; the nearest existing ancestor otherwise. */
  lineOf(pointer: string): number;
}

export class DocumentParseError extends Error {
  override readonly name = 'DocumentParseError';
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
  if (!isRecord(value) || (typeof value['openapi'] !== 'string' && typeof value['swagger'] !== 'string')) {
    throw new DocumentParseError(`${label} is not an OpenAPI document (no "openapi" version field).`);
  }
  if (typeof value['openapi'] !== 'string' || !/^3\.[01]\./.test(value['openapi'])) {
    throw new DocumentParseError(`${label} is OpenAPI ${String(value['openapi'] ?? value['swagger'])}; npvguard reads OpenAPI 3.0 and 3.1.`);
  }
  if (!isRecord(value['paths'])) throw new DocumentParseError(`${label} has no "paths" object.`);
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
