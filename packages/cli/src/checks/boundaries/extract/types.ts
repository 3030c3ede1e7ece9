/** How an import is written; decides its default kind and how it is resolved (ESM or CommonJS mode). */
export type ImportForm = 'import' | 'export' | 'dynamic-import' | 'require' | 'import-equals' | 'import-type';

/**
 * Why an import may be erased at compile time:
 * `declared`: `import type`, `export type`, `import('x').T` in a type: always type-only.
 * `inline`: every binding is an inline `type` specifier: erased unless verbatimModuleSyntax keeps `import {}`.
 * `usage`: every binding is used only in type positions: erased unless verbatimModuleSyntax (or decorator metadata) keeps it.
 * `none`: a runtime import.
 */
export type TypeOnlyReason = 'declared' | 'inline' | 'usage' | 'none';

export interface SourceLocation {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface ExtractedImport extends SourceLocation {
  /** The module specifier; null for a dynamic import or require with a non-literal argument. */
  specifier: string | null;
  form: ImportForm;
  typeOnly: TypeOnlyReason;
}

export interface ParseError {
  line: number;
  column: number;
  message: string;
}

/** What extraction learns from one file's text: plain data, so it can be cached by content hash. */
export interface FileExtraction {
  imports: ExtractedImport[];
  /** The first syntax error; extraction still returns every import it could read. */
  parseError?: ParseError;
  /** Number of syntax errors in the file. */
  parseErrorCount: number;
}
