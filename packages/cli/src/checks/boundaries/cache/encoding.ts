import type { ExtractedImport, FileExtraction, ImportForm, TypeOnlyReason } from '../types.js';

/** One import as a tuple: the cache holds tens of thousands, and repeated keys would double its size. */
type EncodedImport = [specifier: string | null, form: ImportForm, typeOnly: TypeOnlyReason, line: number, column: number, endLine: number, endColumn: number];

export interface EncodedExtraction {
  i: EncodedImport[];
  /** First syntax error: line, column, message, error count. */
  e?: [number, number, string, number];
}

export function encodeExtraction(extraction: FileExtraction): EncodedExtraction {
  const encoded: EncodedExtraction = {
    i: extraction.imports.map((entry) => [entry.specifier, entry.form, entry.typeOnly, entry.line, entry.column, entry.endLine, entry.endColumn]),
  };
  const error = extraction.parseError;
  if (error !== undefined) encoded.e = [error.line, error.column, error.message, extraction.parseErrorCount];
  return encoded;
}

export function decodeExtraction(encoded: EncodedExtraction): FileExtraction {
  const imports = encoded.i.map(
    ([specifier, form, typeOnly, line, column, endLine, endColumn]): ExtractedImport => ({ specifier, form, typeOnly, line, column, endLine, endColumn }),
  );
  if (encoded.e === undefined) return { imports, parseErrorCount: 0 };
  const [line, column, message, count] = encoded.e;
  return { imports, parseError: { line, column, message }, parseErrorCount: count };
}
