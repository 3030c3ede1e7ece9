import fs from 'node:fs';
import path from 'node:path';
import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import { typescript } from './typescript.js';

/** Keys of an object literal; `complete` is false when a spread or computed key may add others. */
export interface ObjectKeys {
  keys: ReadonlySet<string>;
  complete: boolean;
}

interface ParsedModule {
  mtimeMs: number;
  /** Exported `const` object literals by name. */
  constants: Map<string, ts.ObjectLiteralExpression>;
}

const moduleCache = new Map<string, ParsedModule>();

const SOURCE_EXTENSIONS: Readonly<Record<string, readonly string[]>> = {
  '.js': ['.ts', '.tsx', '.js'],
  '.mjs': ['.mts', '.mjs'],
  '.cjs': ['.cts', '.cjs'],
  '': ['.ts', '.tsx', '/index.ts', '.js'],
};

/** The source file a relative specifier names, mapping `.js` to `.ts` as NodeNext projects write them. */
export function resolveRelativeSource(fromFile: string, specifier: string): string | undefined {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return undefined;
  const target = path.resolve(path.dirname(fromFile), specifier);
  const extension = path.extname(target);
  const known = SOURCE_EXTENSIONS[extension];
  const stem = known ? target.slice(0, target.length - extension.length) : target;
  const candidates = known ? known.map((suffix) => stem + suffix) : [target, ...(SOURCE_EXTENSIONS[''] ?? []).map((suffix) => stem + suffix)];
  return candidates.find((candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile());
}

/**
 * Keys of the object literal an imported `const` was declared with (`export const routeSchema = {...}`),
 * or of an object literal nested in it under `path`, read with the TypeScript parser from the imported
 * file. Undefined when the import or the path cannot be followed.
 */
export function importedObjectKeys(
  identifier: TSESTree.Identifier,
  sourceCode: Readonly<TSESLint.SourceCode>,
  filename: string,
  objectPath: readonly string[] = [],
): ObjectKeys | undefined {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
  const definition = variable?.defs[0];
  if (!definition || definition.type !== 'ImportBinding') return undefined;
  const specifier = definition.node;
  const declaration = definition.parent;
  if (specifier.type !== AST_NODE_TYPES.ImportSpecifier || declaration.type !== AST_NODE_TYPES.ImportDeclaration) return undefined;
  const exportedName = specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
  const file = resolveRelativeSource(filename, declaration.source.value);
  if (!file) return undefined;
  let object = parsedModule(file)?.constants.get(exportedName);
  for (const key of objectPath) {
    if (!object) return undefined;
    object = nestedObject(object, key);
  }
  return object ? objectLiteralKeys(object) : undefined;
}

function nestedObject(object: ts.ObjectLiteralExpression, key: string): ts.ObjectLiteralExpression | undefined {
  for (const property of object.properties) {
    if (!typescript.isPropertyAssignment(property) || propertyName(property.name) !== key) continue;
    const value = unwrapTsExpression(property.initializer);
    return typescript.isObjectLiteralExpression(value) ? value : undefined;
  }
  return undefined;
}

function propertyName(name: ts.PropertyName): string | undefined {
  return typescript.isIdentifier(name) || typescript.isStringLiteral(name) || typescript.isNumericLiteral(name) ? name.text : undefined;
}

function parsedModule(file: string): ParsedModule | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return undefined;
  }
  const cached = moduleCache.get(file);
  if (cached && cached.mtimeMs === stat.mtimeMs) return cached;
  const text = fs.readFileSync(file, 'utf8');
  const sourceFile = typescript.createSourceFile(file, text, typescript.ScriptTarget.Latest, false);
  const constants = new Map<string, ts.ObjectLiteralExpression>();
  for (const statement of sourceFile.statements) {
    if (!typescript.isVariableStatement(statement) || !isExported(statement)) continue;
    if ((statement.declarationList.flags & typescript.NodeFlags.Const) === 0) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (!typescript.isIdentifier(declaration.name) || !declaration.initializer) continue;
      const object = unwrapTsExpression(declaration.initializer);
      if (typescript.isObjectLiteralExpression(object)) constants.set(declaration.name.text, object);
    }
  }
  const parsed = { mtimeMs: stat.mtimeMs, constants };
  moduleCache.set(file, parsed);
  return parsed;
}

function isExported(statement: ts.VariableStatement): boolean {
  return statement.modifiers?.some((modifier) => modifier.kind === typescript.SyntaxKind.ExportKeyword) ?? false;
}

function unwrapTsExpression(node: ts.Expression): ts.Expression {
  let current = node;
  while (
    typescript.isAsExpression(current) ||
    typescript.isSatisfiesExpression(current) ||
    typescript.isParenthesizedExpression(current) ||
    typescript.isTypeAssertionExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}

function objectLiteralKeys(object: ts.ObjectLiteralExpression): ObjectKeys {
  const keys = new Set<string>();
  let complete = true;
  for (const property of object.properties) {
    const name = typescript.isSpreadAssignment(property) ? undefined : propertyName(property.name);
    if (name === undefined) complete = false;
    else keys.add(name);
  }
  return { keys, complete };
}
