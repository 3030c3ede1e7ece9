import type { FindingInput, OutboundClient, OutboundMatch } from '@npvguard/core';
import type { Node, Project, SourceFile } from 'ts-morph';
import type { Cost } from './cost.js';
import type { ReferenceSearch } from './search.js';

/** What the evaluator needs besides the node at hand; one per analysis of a project. */
export interface AnalysisContext {
  project: Project;
  /** Reference and implementation searches (see search.ts). */
  search: ReferenceSearch;
  /** Absolute project root; finding paths are relative to it. */
  root: string;
  /** Whether a file (root-relative POSIX) declares port interfaces: calls of their methods are outbound I/O. */
  isPortFile(file: string): boolean;
  /** Whether a file (root-relative POSIX) holds side effects that must not be awaited on a request path. */
  isSideEffectFile(file: string): boolean;
  /** Whether a file (root-relative POSIX) is a project source file (analysed, not a library). */
  isSourceFile(file: string): boolean;
  compositionRoots: readonly SourceFile[];
  /** The request deadline's budget when the project creates one (the largest found), else Infinity. */
  deadlineBudgetMs: number;
  /** Reports a finding once per rule and position, however many routes reach it. */
  report(finding: FindingInput): void;
  /** Function costs by declaration and the numbers bound to its parameters; `undefined` while being computed (recursion). */
  functionCosts: Map<Node, Map<string, Cost | undefined>>;
  numbers: Map<Node, number | undefined>;
  /** Numbers the call being evaluated passes for its callee's parameters (innermost call last). */
  parameterBindings: Map<Node, number>[];
  /** The outbound model's clients and those the config adds (`latency.clients`). */
  clients: readonly OutboundClient[];
  /** Libraries the config says do no I/O (`io: false`): their calls are neither outbound nor unknown. */
  quietClients: readonly OutboundClient[];
  /** What each call evaluated so far reaches in the outbound model (`undefined`: nothing). */
  outboundMatches: Map<Node, OutboundMatch | undefined>;
  /**
   * Awaited calls into a dependency the model does not know, by package and function: every call site, in the
   * order met. Reported once per package function after the analysis (see unknown-dependency-call).
   */
  unknownCalls: Map<string, { module: string; name: string; sites: Node[]; reason?: string }>;
}

/** Repo-relative POSIX path of a node's file. */
export function fileOf(context: AnalysisContext, node: Node): string {
  const absolute = node.getSourceFile().getFilePath();
  const relative = absolute.startsWith(`${context.root}/`) ? absolute.slice(context.root.length + 1) : absolute;
  return relative;
}

/** A call as shown in a path: its text on one line, shortened. */
export function callText(node: Node): string {
  const text = node.getText().replace(/\s+/g, ' ');
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export function stepOf(context: AnalysisContext, node: Node, call = callText(node)): { file: string; line: number; call: string } {
  return { file: fileOf(context, node), line: node.getStartLineNumber(), call };
}

/** Whether a declaration lives in the analysed sources (not in a library or a .d.ts). */
export function isProjectNode(context: AnalysisContext, node: Node): boolean {
  const file = node.getSourceFile();
  if (file.isDeclarationFile() || file.isInNodeModules()) return false;
  return context.isSourceFile(fileOf(context, node));
}
