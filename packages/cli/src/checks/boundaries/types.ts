/**
 * The plain data that flows through the boundaries pipeline, read → extract → resolve → judge. Every stage,
 * and the cache that wraps them, takes its types from here, never from another stage's implementation.
 */
import type { FindingInput, ImportKind } from '@npvguard/core';
import type { CompilerOptions } from 'typescript';

// read

/** A file's content as the read stage found it. */
export interface SourceFile {
  /** Repo-relative POSIX path. */
  file: string;
  /** Absent when the file could not be read, or when the cache vouched for its content by `contentKey` without reading it. */
  text?: string;
  /** Identifies the text (a hash of it and of the file's extension); given by the cache. */
  contentKey?: string;
  /** Why the file could not be read. */
  readError?: string;
}

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
  /** The source's content key, when it has one (absent when the file could not be read). */
  contentKey?: string;
  extraction: FileExtraction;
}

// resolve

/** Whether the compiler keeps imports it could erase (and so whether they are runtime edges). */
export interface ErasureOptions {
  verbatimModuleSyntax: boolean;
  emitDecoratorMetadata: boolean;
}

/** The tsconfig project a file is compiled in, as far as its imports are concerned. */
export interface FileProject extends ErasureOptions {
  /** Position among the projects: the configured tsconfig first, then its references, depth first. */
  index: number;
}

/** One specifier to resolve, with what its resolution depends on. */
export interface ResolutionRequest {
  /** The importing file, repo-relative POSIX. */
  file: string;
  /** Index of the file's project. */
  project: number;
  specifier: string;
  form: ImportForm;
}

/** Where one import leads, with paths made repo-relative. */
export type ImportTarget =
  | { type: 'file'; file: string }
  | { type: 'package'; name: string }
  | { type: 'unresolved'; reason: string }
  /** `import(expression)` / `require(expression)`: no literal to resolve. */
  | { type: 'dynamic' };

/** What the resolve stage asks of the project: which project a file is in, and where a specifier leads. */
export interface ImportResolver {
  projectOf: (file: string) => FileProject;
  resolve: (request: ResolutionRequest) => ImportTarget;
}

export interface ImportEdge {
  from: string;
  import: ExtractedImport;
  kind: ImportKind;
  target: ImportTarget;
}

/** The extract and resolve stages' output for a set of files. */
export interface ResolvedImports {
  files: ExtractedFile[];
  edges: ImportEdge[];
}

/** The per-file stages of the pipeline; a cache can wrap each of them from outside. */
export interface Stages {
  read: (file: string) => SourceFile;
  extract: (source: SourceFile) => ExtractedFile;
  resolver: ImportResolver;
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

/** What judging one file gives: its findings (every rule but cycle, which depends on the whole graph) and its local edges. */
export interface FileVerdict {
  file: string;
  /** The content key of the text judged, when the file could be read. */
  contentKey?: string;
  edges: DependencyEdge[];
  findings: FindingInput[];
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
  /** Uses of a capability the other layer decorates the fastify instance, requests or replies with. */
  decorator: number;
  forbidden: number;
}

/** The layer-level picture the HTML report draws: files per layer and import counts between layers. */
export interface LayerGraph {
  layers: { name: string; files: string[] }[];
  layerEdges: LayerEdgeCount[];
}

/** What a run did at each stage, and what the cache spared it. */
export interface PipelineCounts {
  /** Files analysed again (extract, resolve, judge); the others reused their cached analysis. */
  filesAnalysed: number;
  /** Files whose content was read and hashed (their size or modification time changed, or no cache). */
  filesRead: number;
  filesParsed: number;
  /** Files whose imports came from the cache (their extraction, or their whole analysis). */
  filesFromCache: number;
  resolutionsComputed: number;
  resolutionsFromCache: number;
}

// decorators

/** What a fastify decorator is attached to: `decorate`, `decorateRequest`, `decorateReply`. */
export type DecoratorTarget = 'instance' | 'request' | 'reply';

/** One place a file reads a capability from the fastify instance, a request or a reply. */
export interface DecoratorUse extends SourceLocation {
  from: string;
  name: string;
  target: DecoratorTarget;
  /** The use as written (`fastify.knex`, `request.server.knex`, `{ knex }`), on one line. */
  text: string;
}

/** Who provides a capability a file uses. */
export type DecoratorProvider =
  /** A project file that calls `decorate*` with that name. */
  | { type: 'file'; file: string }
  /** A package that declares it (augmentation in its types) or that the declaring file registers. */
  | { type: 'package'; name: string; why: string }
  /** Neither could be decided. */
  | { type: 'unknown'; reason: string };

/** A file's uses of one capability (the first use stands for the others) and who provides it. */
export interface DecoratorEdge {
  use: DecoratorUse;
  /** Lines of the file's other uses of the same capability. */
  otherLines: number[];
  providers: DecoratorProvider[];
}

/** A `decorate*` call whose name is not a constant string: what it provides cannot be known. */
export interface UnnamedDecorator extends SourceLocation {
  file: string;
  text: string;
}

/** The tsconfig project a file is compiled in, as the decorator stage needs it: its options, to build a program. */
export interface CompilerProject {
  options: CompilerOptions;
}

export interface DecoratorAnalysis {
  edges: DecoratorEdge[];
  unnamed: UnnamedDecorator[];
  /** Files that import fastify while its type declarations could not be found from them. */
  untyped: string[];
  /** False when no file imports fastify or decorates: nothing was built. */
  programBuilt?: boolean;
}
