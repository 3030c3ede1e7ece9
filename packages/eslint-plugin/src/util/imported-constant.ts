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
  /** Every exported `const` initializer by name, and exported enums. */
  values: Map<string, ts.Expression | ts.EnumDeclaration>;
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
  const imported = importedBinding(identifier, sourceCode, filename);
  if (!imported) return undefined;
  let object = parsedModule(imported.file)?.constants.get(imported.name);
  for (const key of objectPath) {
    if (!object) return undefined;
    object = nestedObject(object, key);
  }
  return object ? objectLiteralKeys(object) : undefined;
}

/** The file and export name a named import refers to, when it is a relative import of a source file. */
function importedBinding(identifier: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>, filename: string): { file: string; name: string } | undefined {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
  const definition = variable?.defs[0];
  if (!definition || definition.type !== 'ImportBinding') return undefined;
  const specifier = definition.node;
  const declaration = definition.parent;
  if (specifier.type !== AST_NODE_TYPES.ImportSpecifier || declaration.type !== AST_NODE_TYPES.ImportDeclaration) return undefined;
  const name = specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
  const file = resolveRelativeSource(filename, declaration.source.value);
  return file ? { file, name } : undefined;
}

/**
 * The text of a string (or number) an imported `const` holds, or holds under `path` of nested object literals or
 * enum members (`export const SALTS = { cards: 'x' } as const`, `export enum Salt { Cards = 'x' }`), read with
 * the TypeScript parser from the imported file. Undefined when the import, the path or the value cannot be read
 * as a literal there.
 */
export function importedConstantText(
  identifier: TSESTree.Identifier,
  sourceCode: Readonly<TSESLint.SourceCode>,
  filename: string,
  valuePath: readonly string[] = [],
): string | undefined {
  const imported = importedBinding(identifier, sourceCode, filename);
  if (!imported) return undefined;
  let value: ts.Expression | ts.EnumDeclaration | undefined = parsedModule(imported.file)?.values.get(imported.name);
  for (const key of valuePath) {
    if (!value) return undefined;
    if (typescript.isEnumDeclaration(value)) value = value.members.find((member) => propertyName(member.name) === key)?.initializer;
    else {
      const object = unwrapTsExpression(value);
      if (!typescript.isObjectLiteralExpression(object)) return undefined;
      const property = object.properties.find((candidate) => candidate.name !== undefined && propertyName(candidate.name) === key);
      value = property && typescript.isPropertyAssignment(property) ? property.initializer : undefined;
    }
  }
  if (!value || typescript.isEnumDeclaration(value)) return undefined;
  const literal = unwrapTsExpression(value);
  if (typescript.isStringLiteral(literal) || typescript.isNoSubstitutionTemplateLiteral(literal)) return literal.text;
  if (typescript.isNumericLiteral(literal)) return String(Number(literal.text));
  return undefined;
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
  const values = new Map<string, ts.Expression | ts.EnumDeclaration>();
  for (const statement of sourceFile.statements) {
    if (typescript.isEnumDeclaration(statement) && isExported(statement)) values.set(statement.name.text, statement);
    if (!typescript.isVariableStatement(statement) || !isExported(statement)) continue;
    if ((statement.declarationList.flags & typescript.NodeFlags.Const) === 0) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (!typescript.isIdentifier(declaration.name) || !declaration.initializer) continue;
      values.set(declaration.name.text, declaration.initializer);
      const object = unwrapTsExpression(declaration.initializer);
      if (typescript.isObjectLiteralExpression(object)) constants.set(declaration.name.text, object);
    }
  }
  const parsed = { mtimeMs: stat.mtimeMs, constants, values };
  moduleCache.set(file, parsed);
  return parsed;
}

function isExported(statement: ts.VariableStatement | ts.EnumDeclaration): boolean {
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
