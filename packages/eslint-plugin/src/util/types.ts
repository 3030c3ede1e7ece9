import type * as ts from 'typescript';
import { typescript } from './typescript.js';
import { nameMatches } from './files.js';

/** The type, its union or intersection members, and every base class or interface they extend or implement. */
export function typeHierarchy(type: ts.Type, checker: ts.TypeChecker): ts.Type[] {
  const seen = new Set<ts.Type>();
  const pending: ts.Type[] = [type];
  while (pending.length > 0) {
    const current = pending.pop();
    if (!current || seen.has(current)) continue;
    seen.add(current);
    if (current.isUnionOrIntersection()) pending.push(...current.types);
    if (current.isClassOrInterface()) pending.push(...(checker.getBaseTypes(current) ?? []));
    const target = (current as ts.TypeReference).target;
    if (target && target !== current) pending.push(target);
    for (const declaration of current.getSymbol()?.getDeclarations() ?? []) {
      if (!typescript.isClassDeclaration(declaration) && !typescript.isClassExpression(declaration)) continue;
      for (const clause of declaration.heritageClauses ?? []) {
        for (const heritage of clause.types) pending.push(checker.getTypeAtLocation(heritage));
      }
    }
  }
  return [...seen];
}

/** The names one type goes by: its symbol and its alias. Anonymous object types (`__type`) name nothing. */
function ownNames(type: ts.Type): string[] {
  const names = [type.aliasSymbol?.getName(), type.getSymbol()?.getName()];
  return names.filter((name): name is string => name !== undefined && !name.startsWith('__'));
}

/** Names a type is known by, including every base class or interface in its hierarchy. */
export function typeNames(type: ts.Type, checker: ts.TypeChecker): Set<string> {
  return new Set(typeHierarchy(type, checker).flatMap(ownNames));
}

export function typeMatches(type: ts.Type, patterns: readonly string[], checker: ts.TypeChecker): boolean {
  if (patterns.length === 0) return false;
  return [...typeNames(type, checker)].some((name) => nameMatches(name, patterns));
}

/**
 * Whether `member` is declared by a type in the hierarchy whose name matches `patterns`: `catalog.findTrack`
 * belongs to `CatalogPort` even when called on the class implementing it, while a helper method the class
 * adds on its own does not.
 */
export function memberOwnerMatches(
  type: ts.Type,
  member: string,
  patterns: readonly string[],
  checker: ts.TypeChecker,
): boolean {
  if (patterns.length === 0) return false;
  return typeHierarchy(type, checker).some(
    (owner) => owner.getProperty(member) !== undefined && ownNames(owner).some((name) => nameMatches(name, patterns)),
  );
}

/** Whether values of the type are promises or other thenables. */
export function isThenable(type: ts.Type, checker: ts.TypeChecker): boolean {
  const parts = type.isUnion() ? type.types : [type];
  return parts.some((part) => {
    const then = part.getProperty('then');
    if (!then) return false;
    const thenType = checker.getTypeOfSymbol(then);
    return thenType.getCallSignatures().length > 0;
  });
}

export function isAnyOrUnknown(type: ts.Type): boolean {
  return (type.flags & (typescript.TypeFlags.Any | typescript.TypeFlags.Unknown)) !== 0;
}

/** Whether every value of the type has `name` set to something other than undefined. */
export function hasGuaranteedProperty(type: ts.Type, name: string, checker: ts.TypeChecker): boolean {
  const parts = type.isUnion() ? type.types : [type];
  return parts.every((part) => {
    const property = part.getProperty(name);
    if (!property || (property.flags & typescript.SymbolFlags.Optional) !== 0) return false;
    const propertyType = checker.getTypeOfSymbol(property);
    const members = propertyType.isUnion() ? propertyType.types : [propertyType];
    return !members.some(isNullishType);
  });
}

function isNullishType(type: ts.Type): boolean {
  return (type.flags & (typescript.TypeFlags.Undefined | typescript.TypeFlags.Null | typescript.TypeFlags.Void)) !== 0;
}

/** Whether every value of the type is one of the named types (`AbortSignal`, `Deadline`) and never nullish. */
export function isAlwaysOneOf(type: ts.Type, patterns: readonly string[], checker: ts.TypeChecker): boolean {
  const parts = type.isUnion() ? type.types : [type];
  return parts.length > 0 && parts.every((part) => !isNullishType(part) && typeMatches(part, patterns, checker));
}

/** An options object (or something that may be one), as opposed to a URL string or a callback. */
export function isOptionsObjectType(type: ts.Type): boolean {
  if (isAnyOrUnknown(type)) return true;
  if ((type.flags & typescript.TypeFlags.StringLike) !== 0) return false;
  return type.getCallSignatures().length === 0 && type.getProperties().length > 0;
}

/**
 * The compiler's node for a node of another file of the program (parsed outside ESLint), by its exact span: the
 * innermost node starting and ending where it does. Undefined when the file is not in the program, or its text there
 * differs from the text the node was parsed from.
 */
export function programNodeAt(
  program: ts.Program,
  file: string,
  text: string,
  node: { range: readonly [number, number] },
): ts.Node | undefined {
  const source = program.getSourceFile(file);
  if (!source || source.text !== text) return undefined;
  const [start, end] = node.range;
  let found: ts.Node | undefined;
  const visit = (current: ts.Node): void => {
    if (current.pos > start || current.end < end) return;
    if (current.getStart(source) === start && current.end === end) found = current;
    typescript.forEachChild(current, visit);
  };
  typescript.forEachChild(source, visit);
  return found;
}
