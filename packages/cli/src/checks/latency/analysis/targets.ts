import { Node, SyntaxKind, type CallExpression } from 'ts-morph';
import { fileOf, isProjectNode, type AnalysisContext } from './context.js';

/** What a call may run: project functions, and whether it crosses a port or reaches a side effect. */
export interface CallTargets {
  functions: Node[];
  /** The callee is a method of a port interface: outbound I/O by definition. */
  port: boolean;
  /** The callee (or the interface it implements) lives in a side-effect file. */
  sideEffect: boolean;
  /** Set when several implementations were possible and the slowest is assumed. */
  assumption?: string;
}

/** How many aliases (`const f = g`, `{ hash: fn }`) are followed to find a function: enough for code, never a loop. */
const ALIAS_DEPTH = 8;

/**
 * The function a declaration or reference stands for: the function itself, the initializer of a variable or
 * property, or, for a name used as a value (`{ hash: fn }`), the function it refers to. `seen` ends circular
 * aliases (`const a = b; const b = a`).
 */
function functionOf(node: Node, depth = 0, seen = new Set<Node>()): Node | undefined {
  if (depth > ALIAS_DEPTH || seen.has(node)) return undefined;
  seen.add(node);
  if (Node.isFunctionDeclaration(node) || Node.isMethodDeclaration(node) || Node.isArrowFunction(node) || Node.isFunctionExpression(node)) {
    return node.getBody() === undefined ? undefined : node;
  }
  if (Node.isVariableDeclaration(node) || Node.isPropertyAssignment(node) || Node.isPropertyDeclaration(node)) {
    const initializer = node.getInitializer();
    return initializer === undefined ? undefined : functionOf(initializer, depth + 1, seen);
  }
  // `o.hash` used as a value stands for what the property holds.
  if (Node.isPropertyAccessExpression(node)) return functionOf(node.getNameNode(), depth + 1, seen);
  if (Node.isIdentifier(node)) {
    const parent = node.getParent();
    // The name of a declaration stands for what it declares.
    if (parent !== undefined && (Node.isVariableDeclaration(parent) || Node.isPropertyAssignment(parent) || Node.isPropertyDeclaration(parent) || Node.isFunctionDeclaration(parent) || Node.isMethodDeclaration(parent)) && parent.getNameNode() === node) {
      return functionOf(parent, depth + 1, seen);
    }
    // A name used as a value stands for what it refers to.
    let symbol = node.getSymbol();
    if (symbol?.isAlias() === true) symbol = symbol.getAliasedSymbol() ?? symbol;
    for (const declaration of symbol?.getDeclarations() ?? []) {
      const found = functionOf(declaration, depth + 1, seen);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** The name by which the composition root would construct an implementation: its class or factory function. */
function constructorName(implementation: Node): string | undefined {
  const owner = implementation.getFirstAncestor((ancestor) => Node.isClassDeclaration(ancestor) || Node.isFunctionDeclaration(ancestor));
  if (owner === undefined) return undefined;
  const name = Node.isClassDeclaration(owner) || Node.isFunctionDeclaration(owner) ? owner.getName() : undefined;
  return name;
}

function constructedInCompositionRoot(context: AnalysisContext, implementation: Node): boolean {
  const name = constructorName(implementation);
  if (name === undefined) return false;
  const pattern = new RegExp(`(new\\s+${name}\\s*[(<]|\\b${name}\\s*\\()`);
  return context.compositionRoots.some((file) => pattern.test(file.getFullText()));
}

/** Classes of the project with a method of this name whose instances fit the interface (structural implementations). */
function structuralImplementations(context: AnalysisContext, member: Node, name: string): Node[] {
  const iface = member.getParent();
  if (iface === undefined || !Node.isInterfaceDeclaration(iface)) return [];
  const ifaceType = iface.getType();
  const found: Node[] = [];
  for (const file of context.project.getSourceFiles()) {
    if (!isProjectNode(context, file)) continue;
    for (const klass of file.getClasses()) {
      const method = klass.getMethod(name);
      if (method !== undefined && klass.getType().isAssignableTo(ifaceType)) found.push(method);
    }
  }
  return found;
}

const implementationCache = new WeakMap<AnalysisContext, Map<Node, { functions: Node[]; assumption?: string }>>();

/** Implementations of an interface member, looked up once per member: the language service search is the costly part. */
function implementationsOf(context: AnalysisContext, member: Node): { functions: Node[]; assumption?: string } {
  let cache = implementationCache.get(context);
  if (cache === undefined) {
    cache = new Map();
    implementationCache.set(context, cache);
  }
  const cached = cache.get(member);
  if (cached !== undefined) return cached;
  const found = findImplementationsOf(context, member);
  cache.set(member, found);
  return found;
}

function findImplementationsOf(context: AnalysisContext, member: Node): { functions: Node[]; assumption?: string } {
  if (!Node.isMethodSignature(member) && !Node.isPropertySignature(member)) return { functions: [] };
  const nameNode = member.getNameNode();
  let candidates: Node[] = Node.isIdentifier(nameNode)
    ? context.search.implementations(nameNode).filter((node) => isProjectNode(context, node))
    : [];
  if (candidates.length === 0) candidates = structuralImplementations(context, member, member.getName());
  const functions = [...new Set(candidates.map((candidate) => functionOf(candidate)).filter((node): node is Node => node !== undefined))];
  const chosen = functions.filter((fn) => constructedInCompositionRoot(context, fn));
  const used = chosen.length > 0 ? chosen : functions;
  if (used.length <= 1) return { functions: used };
  const names = used.map((fn) => `${constructorName(fn) ?? 'anonymous'} (${fileOf(context, fn)}:${fn.getStartLineNumber()})`);
  return {
    functions: used,
    assumption: `${member.getParentOrThrow().getSymbol()?.getName() ?? 'the interface'}.${member.getName()} has ${used.length} implementations and none is singled out by the composition root; the slowest is assumed: ${names.join(', ')}`,
  };
}

/** Resolves a call to what it runs, through imports, declarations and interface implementations. */
export function callTargets(context: AnalysisContext, call: CallExpression): CallTargets {
  const callee = call.getExpression();
  const nameNode = Node.isPropertyAccessExpression(callee) ? callee.getNameNode() : callee;
  let symbol = nameNode.getSymbol();
  if (symbol?.isAlias()) symbol = symbol.getAliasedSymbol() ?? symbol;
  const targets: CallTargets = { functions: [], port: false, sideEffect: false };
  for (const declaration of symbol?.getDeclarations() ?? []) {
    if (!isProjectNode(context, declaration)) continue;
    const file = fileOf(context, declaration);
    if (context.isSideEffectFile(file)) targets.sideEffect = true;
    if (Node.isMethodSignature(declaration) || Node.isPropertySignature(declaration)) {
      if (context.isPortFile(file)) targets.port = true;
      const { functions, assumption } = implementationsOf(context, declaration);
      targets.functions.push(...functions);
      if (assumption !== undefined) targets.assumption = assumption;
      continue;
    }
    const fn = functionOf(declaration);
    if (fn !== undefined) targets.functions.push(fn);
  }
  if (targets.functions.some((fn) => context.isSideEffectFile(fileOf(context, fn)))) targets.sideEffect = true;
  return targets;
}

/** Whether a call's result is a promise (or another thenable), by its type. */
export function returnsPromise(call: CallExpression): boolean {
  const type = call.getType();
  const types = type.isUnion() ? type.getUnionTypes() : [type];
  return types.some((part) => part.getProperty('then') !== undefined);
}

export const FUNCTION_KINDS = [SyntaxKind.ArrowFunction, SyntaxKind.FunctionExpression] as const;
