import { readFileSync } from 'node:fs';
import path from 'node:path';
import type * as ts from 'typescript';
import { typescript } from '../../../modules/typescript.js';

export interface ExportPosition {
  line: number;
  column: number;
}

const SCRIPT_KINDS: Readonly<Record<string, ts.ScriptKind>> = {
  '.ts': typescript.ScriptKind.TS,
  '.mts': typescript.ScriptKind.TS,
  '.cts': typescript.ScriptKind.TS,
  '.tsx': typescript.ScriptKind.TSX,
  '.js': typescript.ScriptKind.JS,
  '.mjs': typescript.ScriptKind.JS,
  '.cjs': typescript.ScriptKind.JS,
  '.jsx': typescript.ScriptKind.JSX,
};

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return typescript.canHaveModifiers(node) && (typescript.getModifiers(node) ?? []).some((modifier) => modifier.kind === kind);
}

/** The name node of a top-level function, class or variable called `name`. */
function localDeclaration(source: ts.SourceFile, name: string): ts.Node | undefined {
  for (const statement of source.statements) {
    if ((typescript.isFunctionDeclaration(statement) || typescript.isClassDeclaration(statement)) && statement.name?.text === name) return statement.name;
    if (typescript.isVariableStatement(statement)) {
      const declaration = statement.declarationList.declarations.find((candidate) => typescript.isIdentifier(candidate.name) && candidate.name.text === name);
      if (declaration !== undefined) return declaration.name;
    }
  }
  return undefined;
}

/** Where a module declares the export `name`: `export function name`, `export const name =`, `export { local as name }`, `export default`. */
function exportNode(source: ts.SourceFile, name: string): ts.Node | undefined {
  for (const statement of source.statements) {
    const exported = hasModifier(statement, typescript.SyntaxKind.ExportKeyword);
    const isDefault = hasModifier(statement, typescript.SyntaxKind.DefaultKeyword);
    if ((typescript.isFunctionDeclaration(statement) || typescript.isClassDeclaration(statement)) && exported) {
      if (name === 'default' ? isDefault : !isDefault && statement.name?.text === name) return statement.name ?? statement;
    } else if (typescript.isVariableStatement(statement) && exported) {
      const declaration = statement.declarationList.declarations.find((candidate) => typescript.isIdentifier(candidate.name) && candidate.name.text === name);
      if (declaration !== undefined) return declaration.name;
    } else if (typescript.isExportAssignment(statement) && !statement.isExportEquals && name === 'default') {
      return statement;
    } else if (typescript.isExportDeclaration(statement) && statement.exportClause !== undefined && typescript.isNamedExports(statement.exportClause)) {
      const element = statement.exportClause.elements.find((candidate) => candidate.name.text === name);
      if (element === undefined) continue;
      // A local renamed on export points at the local's declaration; a re-export at the export line.
      const local = statement.moduleSpecifier === undefined ? localDeclaration(source, (element.propertyName ?? element.name).getText(source)) : undefined;
      return local ?? element;
    }
  }
  return undefined;
}

/**
 * The 1-based line and column of the export `name` in a module, found with the TypeScript parser; undefined
 * when the file cannot be read or declares no such export (an export added at run time, say).
 */
export function exportPosition(file: string, name: string): ExportPosition | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const source = typescript.createSourceFile(file, text, typescript.ScriptTarget.Latest, true, SCRIPT_KINDS[path.extname(file)] ?? typescript.ScriptKind.TS);
  const node = exportNode(source, name);
  if (node === undefined) return undefined;
  const position = source.getLineAndCharacterOfPosition(node.getStart(source));
  return { line: position.line + 1, column: position.character + 1 };
}
