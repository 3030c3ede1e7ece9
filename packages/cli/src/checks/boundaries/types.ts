/**
 * The plain data that flows through the boundaries check, extract → resolve → judge. Every stage, and the
 * cache, takes its types from here, never from another stage's implementation.
 */
import type { ImportKind } from '@npvguard/core';

// extract

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

export interface ExtractedFile {
  /** Repo-relative POSIX path. */
  file: string;
  /** Absent when the file could not be read. */
  contentKey?: string;
  extraction: FileExtraction;
}

// resolve

/** Where one import leads, with paths made repo-relative. */
export type ImportTarget =
  | { type: 'file'; file: string }
  | { type: 'package'; name: string }
  | { type: 'unresolved'; reason: string }
  /** `import(expression)` / `require(expression)`: no literal to resolve. */
  | { type: 'dynamic' };

export interface ImportEdge {
  from: string;
  import: ExtractedImport;
  kind: ImportKind;
  target: ImportTarget;
}

// judge

/** One import between two local files, as the graph sees it. */
export interface DependencyEdge {
  from: string;
  to: string;
  kind: ImportKind;
  line: number;
  column: number;
  /** Refused by the layer policy (forbidden or private). */
  forbidden: boolean;
}

/** One file-to-file dependency inside a cycle; several imports of the same file count once, at the first. */
export interface CycleEdge {
  from: string;
  to: string;
  line: number;
  column: number;
  kind: ImportKind;
  /** Part of the small set of edges whose removal breaks every cycle of the group. */
  cut: boolean;
}

export interface Cycle {
  /** Files of the strongly connected group, sorted. */
  files: string[];
  /** Edges inside the group, sorted by importing file then line. */
  edges: CycleEdge[];
}

export interface LayerEdgeCount {
  from: string;
  to: string;
  runtime: number;
  typeOnly: number;
  forbidden: number;
}

/** The layer-level picture the HTML report draws: files per layer and import counts between layers. */
export interface LayerGraph {
  layers: { name: string; files: string[] }[];
  layerEdges: LayerEdgeCount[];
}

