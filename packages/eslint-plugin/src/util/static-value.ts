import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { propertyKeyName, unwrapExpression } from './ast.js';

/**
 * The expression a `const` binding was initialised with, when the binding is declared once in scope
 * (`const options = { signal }`). Undefined for parameters, imports, `let` and anything reassigned.
 */
export function constInitializer(
  identifier: TSESTree.Identifier,
  sourceCode: Readonly<TSESLint.SourceCode>,
): TSESTree.Expression | undefined {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
  if (!variable || variable.defs.length !== 1) return undefined;
  const definition = variable.defs[0];
  if (!definition || definition.type !== 'Variable') return undefined;
  const declarator = definition.node;
  if (declarator.parent.kind !== 'const' || declarator.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  return declarator.init ?? undefined;
}

export type ResolvedObject =
  | { kind: 'object'; node: TSESTree.ObjectExpression }
  /** Something that is certainly not an object literal (a string, a number, a function...). */
  | { kind: 'not-object' }
  /** A value whose shape cannot be seen from this file (a parameter, an import, a call result). */
  | { kind: 'unknown' };

/** Follows `const` identifiers (up to a few hops) to the object literal an expression denotes. */
export function resolveObject(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): ResolvedObject {
  let current = unwrapExpression(node);
  for (let hops = 0; hops < 5; hops += 1) {
    if (current.type === AST_NODE_TYPES.ObjectExpression) return { kind: 'object', node: current };
    if (current.type !== AST_NODE_TYPES.Identifier) break;
    const initializer = constInitializer(current, sourceCode);
    if (!initializer) return { kind: 'unknown' };
    current = unwrapExpression(initializer);
  }
  if (
    current.type === AST_NODE_TYPES.Literal ||
    current.type === AST_NODE_TYPES.TemplateLiteral ||
    current.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    current.type === AST_NODE_TYPES.FunctionExpression ||
    current.type === AST_NODE_TYPES.ArrayExpression
  ) {
    return { kind: 'not-object' };
  }
  return { kind: 'unknown' };
}

export type PropertyLookup =
  | { kind: 'present'; value: TSESTree.Node; property: TSESTree.Property }
  | { kind: 'absent' }
  /** The object has a spread or computed key that may or may not supply the property. */
  | { kind: 'unknown' };

export function lookupProperty(object: TSESTree.ObjectExpression, name: string): PropertyLookup {
  let found: TSESTree.Property | undefined;
  let opaque = false;
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.SpreadElement) {
      opaque = true;
      continue;
    }
    const key = propertyKeyName(property);
    if (key === undefined) opaque = true;
    else if (key === name) found = property;
  }
  if (found) return { kind: 'present', value: found.value, property: found };
  return opaque ? { kind: 'unknown' } : { kind: 'absent' };
}

/** Looks a property up through `const` references: `present`, `absent`, or `unknown` when not visible. */
export function lookupPropertyOf(
  node: TSESTree.Node,
  name: string,
  sourceCode: Readonly<TSESLint.SourceCode>,
): PropertyLookup {
  const resolved = resolveObject(node, sourceCode);
  if (resolved.kind === 'object') return lookupProperty(resolved.node, name);
  if (resolved.kind === 'not-object') return { kind: 'absent' };
  return { kind: 'unknown' };
}

/** True when the value is literally `undefined` or `null`, i.e. the property is there but says nothing. */
export function isNullish(node: TSESTree.Node): boolean {
  const value = unwrapExpression(node);
  return (
    (value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined') ||
    (value.type === AST_NODE_TYPES.Literal && value.value === null)
  );
}
