import type * as ts from 'typescript';
import { typescript } from '../../../modules/typescript.js';

/** Per imported binding: was it seen in a value position, a type position, or both. */
export interface BindingUsage {
  value: boolean;
  type: boolean;
}

/** Nodes whose whole subtree is a type: type annotations, aliases, interfaces, `typeof x` in a type. */
export function isTypeContext(node: ts.Node): boolean {
  if (typescript.isInterfaceDeclaration(node) || typescript.isTypeAliasDeclaration(node)) return true;
  // ExpressionWithTypeArguments outside a heritage clause is an instantiation expression `f<T>`: a value.
  if (typescript.isExpressionWithTypeArguments(node)) return false;
  return typescript.isTypeNode(node);
}

/** `class A extends B` uses B as a value; `implements` and interface `extends` use types. */
export function isValueHeritage(clause: ts.HeritageClause, owner: ts.Node): boolean {
  return clause.token === typescript.SyntaxKind.ExtendsKeyword && (typescript.isClassDeclaration(owner) || typescript.isClassExpression(owner));
}

/**
 * Whether an identifier refers to a binding (rather than naming a property, a declaration or a label).
 * Parse trees are built without parent links (faster), so the walker passes the parent in; export
 * specifiers are handled by the walker, which sees their declaration.
 * Scopes are not tracked: a local that shadows an import counts as a use of the import, which can only
 * turn a type-only edge into a runtime one (the stricter answer).
 */
export function isReference(node: ts.Identifier, parent: ts.Node): boolean {
  if (typescript.isPropertyAccessExpression(parent)) return parent.expression === node;
  if (typescript.isQualifiedName(parent)) return parent.left === node;
  if (typescript.isShorthandPropertyAssignment(parent)) return parent.name === node;
  if (typescript.isExportSpecifier(parent)) return false;
  if (typescript.isLabeledStatement(parent) || typescript.isBreakOrContinueStatement(parent) || typescript.isMetaProperty(parent)) return false;
  if ('name' in parent && parent.name === node) return false;
  if ('propertyName' in parent && parent.propertyName === node) return false;
  return true;
}
