import type * as ts from 'typescript';
import { typescript } from '../typescript.js';

/** One step from a destructured value to a name bound in its pattern: `const { a: [x = 1] } = value`. */
export interface PathStep {
  key: string;
  /** The default written in the pattern, used when the value at `key` is undefined. */
  fallback: ts.Expression | undefined;
}

/** What a name refers to where it is used, found from the syntax alone (scopes, imports, exports). */
export type Binding =
  | { kind: 'variable'; declaration: ts.VariableDeclaration; path: readonly PathStep[] }
  | { kind: 'enum'; declaration: ts.EnumDeclaration }
  | { kind: 'enum-member'; member: ts.EnumMember }
  /** `import x from`, `import { a as x } from`, `import * as x from` (`name` is `default`, `a`, `*`). */
  | { kind: 'import'; declaration: ts.ImportDeclaration; name: string }
  /** A value never known before the code runs: a parameter, a function, a class, a loop or catch variable. */
  | { kind: 'runtime'; node: ts.Node; what: string };

/** The path to `name` inside a binding pattern; undefined when the pattern does not bind it (or binds it by a rest element). */
function pathTo(pattern: ts.BindingName, name: string, path: readonly PathStep[]): readonly PathStep[] | 'rest' | undefined {
  if (typescript.isIdentifier(pattern)) return pattern.text === name ? path : undefined;
  for (const [index, element] of pattern.elements.entries()) {
    if (typescript.isOmittedExpression(element)) continue;
    let key: string | undefined;
    if (typescript.isArrayBindingPattern(pattern)) key = String(index);
    else if (element.propertyName === undefined) key = typescript.isIdentifier(element.name) ? element.name.text : undefined;
    else key = literalKey(element.propertyName);
    const inner = pathTo(element.name, name, [...path, { key: key ?? '', fallback: element.initializer }]);
    if (inner === undefined) continue;
    return element.dotDotDotToken !== undefined || key === undefined ? 'rest' : inner;
  }
  return undefined;
}

/** A property name written as a literal key: `a`, `'a'`, `1`, `['a']`; undefined for a computed key. */
export function literalKey(name: ts.PropertyName): string | undefined {
  if (typescript.isIdentifier(name) || typescript.isStringLiteral(name) || typescript.isNoSubstitutionTemplateLiteral(name)) return name.text;
  if (typescript.isNumericLiteral(name)) return String(Number(name.text));
  if (typescript.isComputedPropertyName(name) && (typescript.isStringLiteral(name.expression) || typescript.isNoSubstitutionTemplateLiteral(name.expression))) return name.expression.text;
  return undefined;
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return typescript.canHaveModifiers(node) && (typescript.getModifiers(node)?.some((modifier) => modifier.kind === kind) ?? false);
}

export function isExported(node: ts.Node): boolean {
  return hasModifier(node, typescript.SyntaxKind.ExportKeyword);
}

export function isDefaultExport(node: ts.Node): boolean {
  return hasModifier(node, typescript.SyntaxKind.DefaultKeyword);
}

function variableBinding(declaration: ts.VariableDeclaration, name: string): Binding | undefined {
  const path = pathTo(declaration.name, name, []);
  if (path === undefined) return undefined;
  if (path === 'rest') return { kind: 'runtime', node: declaration, what: 'bound by a rest element or a computed key' };
  return { kind: 'variable', declaration, path };
}

function importBinding(statement: ts.ImportDeclaration, name: string): Binding | undefined {
  const clause = statement.importClause;
  if (clause === undefined || clause.isTypeOnly) return undefined;
  if (clause.name?.text === name) return { kind: 'import', declaration: statement, name: 'default' };
  const bindings = clause.namedBindings;
  if (bindings === undefined) return undefined;
  if (typescript.isNamespaceImport(bindings)) return bindings.name.text === name ? { kind: 'import', declaration: statement, name: '*' } : undefined;
  for (const element of bindings.elements) {
    if (element.name.text !== name || element.isTypeOnly) continue;
    const imported = element.propertyName ?? element.name;
    return { kind: 'import', declaration: statement, name: imported.text };
  }
  return undefined;
}

/** The declaration of `name` among a block's or a file's statements. */
export function bindingInStatements(statements: readonly ts.Statement[], name: string): Binding | undefined {
  for (const statement of statements) {
    if (typescript.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const found = variableBinding(declaration, name);
        if (found !== undefined) return found;
      }
    } else if (typescript.isEnumDeclaration(statement) && statement.name.text === name) {
      return { kind: 'enum', declaration: statement };
    } else if (typescript.isImportDeclaration(statement)) {
      const found = importBinding(statement, name);
      if (found !== undefined) return found;
    } else if (typescript.isFunctionDeclaration(statement) && statement.name?.text === name) {
      return { kind: 'runtime', node: statement, what: 'a function' };
    } else if (typescript.isClassDeclaration(statement) && statement.name?.text === name) {
      return { kind: 'runtime', node: statement, what: 'a class' };
    } else if (typescript.isModuleDeclaration(statement) && typescript.isIdentifier(statement.name) && statement.name.text === name) {
      return { kind: 'runtime', node: statement, what: 'a namespace' };
    } else if (typescript.isImportEqualsDeclaration(statement) && statement.name.text === name) {
      return { kind: 'runtime', node: statement, what: 'an `import = require()`' };
    }
  }
  return undefined;
}

function bindingInScope(scope: ts.Node, name: string): Binding | undefined {
  if (typescript.isSourceFile(scope) || typescript.isBlock(scope) || typescript.isModuleBlock(scope)) return bindingInStatements(scope.statements, name);
  if (typescript.isCaseBlock(scope)) return bindingInStatements(scope.clauses.flatMap((clause) => [...clause.statements]), name);
  if (typescript.isFunctionLike(scope)) {
    for (const parameter of scope.parameters) {
      if (pathTo(parameter.name, name, []) !== undefined) return { kind: 'runtime', node: parameter, what: 'a parameter: its value depends on each call' };
    }
    if ((typescript.isFunctionExpression(scope) || typescript.isClassExpression(scope)) && scope.name?.text === name) return { kind: 'runtime', node: scope, what: 'a function' };
    return undefined;
  }
  if ((typescript.isForStatement(scope) || typescript.isForOfStatement(scope) || typescript.isForInStatement(scope)) && scope.initializer !== undefined && typescript.isVariableDeclarationList(scope.initializer)) {
    const bound = scope.initializer.declarations.some((declaration) => pathTo(declaration.name, name, []) !== undefined);
    return bound ? { kind: 'runtime', node: scope, what: 'a loop variable' } : undefined;
  }
  if (typescript.isCatchClause(scope) && scope.variableDeclaration !== undefined && pathTo(scope.variableDeclaration.name, name, []) !== undefined) {
    return { kind: 'runtime', node: scope, what: 'a caught error' };
  }
  if (typescript.isEnumDeclaration(scope)) {
    const member = scope.members.find((candidate) => literalKey(candidate.name) === name);
    return member === undefined ? undefined : { kind: 'enum-member', member };
  }
  return undefined;
}

/** What an identifier refers to where it is written: the nearest enclosing scope that declares it, up to its file. */
export function lookupBinding(identifier: ts.Identifier): Binding | undefined {
  for (let scope: ts.Node | undefined = identifier.parent; scope !== undefined; scope = scope.parent) {
    const found = bindingInScope(scope, identifier.text);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * Whether a `let` or `var` is assigned anywhere after its declaration (`x = …`, `x += …`, `x++`), so its
 * initializer is not its value everywhere. A write through destructuring assignment counts too.
 */
export function isReassigned(declaration: ts.VariableDeclaration, name: string): boolean {
  const source = declaration.getSourceFile();
  let written = false;
  const refersHere = (node: ts.Node): boolean => {
    if (!typescript.isIdentifier(node) || node.text !== name) return false;
    const binding = lookupBinding(node);
    return binding?.kind === 'variable' && binding.declaration === declaration;
  };
  const targets = (node: ts.Expression): boolean => {
    if (typescript.isParenthesizedExpression(node)) return targets(node.expression);
    if (typescript.isObjectLiteralExpression(node)) {
      return node.properties.some((property) =>
        (typescript.isShorthandPropertyAssignment(property) && refersHere(property.name)) ||
        (typescript.isPropertyAssignment(property) && targets(property.initializer)) ||
        (typescript.isSpreadAssignment(property) && targets(property.expression)));
    }
    if (typescript.isArrayLiteralExpression(node)) return node.elements.some((element) => targets(typescript.isSpreadElement(element) ? element.expression : element));
    if (typescript.isBinaryExpression(node) && node.operatorToken.kind === typescript.SyntaxKind.EqualsToken) return targets(node.left);
    return refersHere(node);
  };
  const visit = (node: ts.Node): void => {
    if (written) return;
    if (typescript.isBinaryExpression(node) && node.operatorToken.kind >= typescript.SyntaxKind.FirstAssignment && node.operatorToken.kind <= typescript.SyntaxKind.LastAssignment && targets(node.left)) written = true;
    else if ((typescript.isPrefixUnaryExpression(node) || typescript.isPostfixUnaryExpression(node)) && (node.operator === typescript.SyntaxKind.PlusPlusToken || node.operator === typescript.SyntaxKind.MinusMinusToken) && refersHere(node.operand)) written = true;
    else if ((typescript.isForOfStatement(node) || typescript.isForInStatement(node)) && !typescript.isVariableDeclarationList(node.initializer) && targets(node.initializer)) written = true;
    else typescript.forEachChild(node, visit);
  };
  visit(source);
  return written;
}
