import { Node, ts, type Identifier, type Project } from 'ts-morph';

/**
 * The reference and implementation searches of TypeScript's language service, run on the program the analysis
 * already type-checks with. ts-morph answers `findReferencesAsNodes()` and `getImplementations()` through a language
 * service holding a second program, whose type checker redoes the type work of the first (for a fastify service,
 * a quarter of the analysis). The same search functions over the same files of the same program give the same
 * answers, node for node; where TypeScript lacks these functions, the language service is used.
 */

/** TypeScript's internal `FindAllReferences` functions the language service itself calls (absent from its typings). */
interface FindAllReferences {
  findReferencedSymbols(
    program: ts.Program,
    cancellationToken: CancellationToken,
    sourceFiles: readonly ts.SourceFile[],
    sourceFile: ts.SourceFile,
    position: number,
  ): ts.ReferencedSymbol[] | undefined;
  getImplementationsAtPosition(
    program: ts.Program,
    cancellationToken: CancellationToken,
    sourceFiles: readonly ts.SourceFile[],
    sourceFile: ts.SourceFile,
    position: number,
  ): ts.ImplementationLocation[] | undefined;
}

interface CancellationToken {
  isCancellationRequested(): boolean;
  throwIfCancellationRequested(): void;
}

const NEVER_CANCELLED: CancellationToken = { isCancellationRequested: () => false, throwIfCancellationRequested: () => undefined };

function isFindAllReferences(value: unknown): value is FindAllReferences {
  return (
    typeof value === 'object' &&
    value !== null &&
    'findReferencedSymbols' in value &&
    typeof value.findReferencedSymbols === 'function' &&
    'getImplementationsAtPosition' in value &&
    typeof value.getImplementationsAtPosition === 'function'
  );
}

/** How references are searched: on the analysed program, or through ts-morph's language service. */
export type ReferenceSearchMode = 'program' | 'language-service';

const internals: unknown = Reflect.get(ts, 'FindAllReferences');
const findAllReferences = isFindAllReferences(internals) ? internals : undefined;

/** The mode used when none is asked for: the program, when this TypeScript has the functions. */
export function defaultSearchMode(): ReferenceSearchMode {
  return findAllReferences === undefined ? 'language-service' : 'program';
}

/** The node ts-morph returns for a span (DocumentSpan.getNode, whose width test compares with the span's end). */
function nodeAt(project: Project, fileName: string, span: ts.TextSpan): Node | undefined {
  const file = project.getSourceFile(fileName);
  if (file === undefined) return undefined;
  const start = span.start;
  const end = span.start + span.length;
  let best: Node | undefined;
  let found: Node | undefined;
  let next: Node | undefined = file;
  while (next !== undefined) {
    if (found === undefined) best = next;
    if (next.getStart() === start && next.getWidth() === end) {
      best = next;
      found = next;
    } else if (found !== undefined) {
      break;
    }
    next = next.getChildAtPos(start);
  }
  return best;
}

function nodesAt(project: Project, spans: readonly { fileName: string; textSpan: ts.TextSpan }[]): Node[] | undefined {
  const nodes: Node[] = [];
  for (const span of spans) {
    const node = nodeAt(project, span.fileName, span.textSpan);
    // A file outside ts-morph's cache: let the language service answer the whole question.
    if (node === undefined) return undefined;
    nodes.push(node);
  }
  return nodes;
}

/** Reference and implementation searches over one project. */
export interface ReferenceSearch {
  /** `name.findReferencesAsNodes()`: every reference to the name's symbol, its own declaration excepted. */
  references(name: Identifier): Node[];
  /** `name.getImplementations()` as nodes: the implementations of an interface member or abstract declaration. */
  implementations(name: Identifier): Node[];
}

export function createReferenceSearch(project: Project, mode: ReferenceSearchMode = defaultSearchMode()): ReferenceSearch {
  const internal = mode === 'program' ? findAllReferences : undefined;
  return {
    references(name) {
      if (internal !== undefined) {
        const program = project.getProgram().compilerObject;
        const referenced = internal.findReferencedSymbols(program, NEVER_CANCELLED, program.getSourceFiles(), name.getSourceFile().compilerNode, name.getStart()) ?? [];
        const spans = referenced.flatMap((symbol) => {
          const isAlias = symbol.definition.kind === ts.ScriptElementKind.alias;
          return symbol.references.filter((reference, index) => isAlias || reference.isDefinition !== true || index > 0);
        });
        const nodes = nodesAt(project, spans);
        if (nodes !== undefined) return nodes;
      }
      return name.findReferencesAsNodes();
    },
    implementations(name) {
      if (internal !== undefined) {
        const program = project.getProgram().compilerObject;
        const locations = internal.getImplementationsAtPosition(program, NEVER_CANCELLED, program.getSourceFiles(), name.getSourceFile().compilerNode, name.getStart()) ?? [];
        const nodes = nodesAt(project, locations);
        if (nodes !== undefined) return nodes;
      }
      return name.getImplementations().map((implementation) => implementation.getNode());
    },
  };
}
