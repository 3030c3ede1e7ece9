import { NpvError } from '@npvguard/core';
import type * as ts from 'typescript';
import { typescript } from '../../../modules/typescript.js';
import { isReference, isTypeContext, isValueHeritage, type BindingUsage } from './typePositions.js';
import type { ExtractedImport, FileExtraction, ImportForm, ParseError, TypeOnlyReason } from '../types.js';

/**
 * Parses one file without a Program (no type checker: fast) and lists every module it depends on,
 * in one walk that also records whether each imported binding is used as a value or only in types.
 */
export function extractImports(fileName: string, text: string): FileExtraction {
  const sourceFile = typescript.createSourceFile(
    fileName,
    text,
    { languageVersion: typescript.ScriptTarget.Latest, jsDocParsingMode: typescript.JSDocParsingMode.ParseNone },
    false,
    scriptKindOf(fileName),
  );
  const imports: ExtractedImport[] = [];
  const bindingsByImport = new Map<ExtractedImport, string[]>();
  const usages = new Map<string, BindingUsage>();

  const add = (node: ts.Node, specifier: ts.Expression | undefined, form: ImportForm, typeOnly: TypeOnlyReason): ExtractedImport => {
    const extracted: ExtractedImport = {
      specifier: specifier !== undefined && typescript.isStringLiteralLike(specifier) ? specifier.text : null,
      form,
      typeOnly,
      ...location(sourceFile, node),
    };
    imports.push(extracted);
    return extracted;
  };
  const trackBindings = (extracted: ExtractedImport, names: string[]): void => {
    bindingsByImport.set(extracted, names);
    for (const name of names) if (!usages.has(name)) usages.set(name, { value: false, type: false });
  };

  /** Import and re-export declarations; returns false for any other node. */
  const addDeclaration = (node: ts.Node): boolean => {
    if (typescript.isImportDeclaration(node)) {
      const clause = node.importClause;
      if (clause === undefined) add(node, node.moduleSpecifier, 'import', 'none');
      else if (clause.isTypeOnly) add(node, node.moduleSpecifier, 'import', 'declared');
      else {
        const { valueNames, inlineTypeCount } = importClauseBindings(clause);
        if (valueNames.length === 0 && inlineTypeCount > 0) add(node, node.moduleSpecifier, 'import', 'inline');
        else {
          const extracted = add(node, node.moduleSpecifier, 'import', 'none');
          if (valueNames.length > 0) trackBindings(extracted, valueNames);
        }
      }
      return true;
    }
    if (typescript.isExportDeclaration(node) && node.moduleSpecifier !== undefined) {
      add(node, node.moduleSpecifier, 'export', exportTypeOnly(node));
      return true;
    }
    if (typescript.isImportEqualsDeclaration(node) && typescript.isExternalModuleReference(node.moduleReference)) {
      const extracted = add(node, node.moduleReference.expression, 'import-equals', node.isTypeOnly ? 'declared' : 'none');
      if (!node.isTypeOnly) trackBindings(extracted, [node.name.text]);
      return true;
    }
    return false;
  };

  // Imports are hoisted: learn every binding before the walk meets a use of it.
  const topLevel = new Set<ts.Node>();
  for (const statement of sourceFile.statements) if (addDeclaration(statement)) topLevel.add(statement);

  const visit = (node: ts.Node, parent: ts.Node, inType: boolean): void => {
    if (typescript.isIdentifier(node)) {
      const usage = usages.get(node.text);
      if (usage !== undefined && isReference(node, parent)) {
        if (inType) usage.type = true;
        else usage.value = true;
      }
      return;
    }
    if (topLevel.has(node) || addDeclaration(node)) return;
    if (typescript.isExportDeclaration(node)) {
      // `export { a, type b as c }`: the local names exported, as values unless marked type.
      const clause = node.exportClause;
      if (clause !== undefined && typescript.isNamedExports(clause)) {
        for (const element of clause.elements) {
          const usage = usages.get((element.propertyName ?? element.name).text);
          if (usage === undefined) continue;
          if (node.isTypeOnly || element.isTypeOnly) usage.type = true;
          else usage.value = true;
        }
      }
      return;
    }
    if (typescript.isHeritageClause(node)) {
      const valueHeritage = isValueHeritage(node, parent);
      for (const type of node.types) {
        visit(type.expression, type, inType || !valueHeritage);
        for (const argument of type.typeArguments ?? []) visit(argument, type, true);
      }
      return;
    }
    if (typescript.isImportTypeNode(node)) {
      const argument = node.argument;
      const literal = typescript.isLiteralTypeNode(argument) ? argument.literal : undefined;
      add(node, literal !== undefined && typescript.isStringLiteral(literal) ? literal : undefined, 'import-type', 'declared');
    } else if (typescript.isCallExpression(node)) {
      if (node.expression.kind === typescript.SyntaxKind.ImportKeyword) add(node, node.arguments[0], 'dynamic-import', 'none');
      else if (isRequireCall(node)) add(node, node.arguments[0], 'require', 'none');
    }
    const childInType = inType || isTypeContext(node);
    typescript.forEachChild(node, (child) => visit(child, node, childInType));
  };
  typescript.forEachChild(sourceFile, (child) => visit(child, sourceFile, false));

  const errors = parseErrors(sourceFile);
  // In a file that does not parse, a value use may hide in the broken part: keep such imports runtime.
  if (errors.parseErrorCount === 0) {
    for (const [extracted, names] of bindingsByImport) {
      if (names.every((name) => usages.get(name)?.value === false)) extracted.typeOnly = 'usage';
    }
  }
  return { imports: imports.sort((left, right) => left.line - right.line || left.column - right.column), ...errors };
}

function importClauseBindings(clause: ts.ImportClause): { valueNames: string[]; inlineTypeCount: number } {
  const valueNames: string[] = [];
  let inlineTypeCount = 0;
  if (clause.name !== undefined) valueNames.push(clause.name.text);
  const named = clause.namedBindings;
  if (named !== undefined && typescript.isNamespaceImport(named)) valueNames.push(named.name.text);
  if (named !== undefined && typescript.isNamedImports(named)) {
    for (const element of named.elements) {
      if (element.isTypeOnly) inlineTypeCount += 1;
      else valueNames.push(element.name.text);
    }
  }
  return { valueNames, inlineTypeCount };
}

function exportTypeOnly(node: ts.ExportDeclaration): TypeOnlyReason {
  if (node.isTypeOnly) return 'declared';
  const clause = node.exportClause;
  if (clause !== undefined && typescript.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((element) => element.isTypeOnly)) {
    return 'inline';
  }
  return 'none';
}

function isRequireCall(node: ts.CallExpression): boolean {
  return typescript.isIdentifier(node.expression) && node.expression.text === 'require' && node.arguments.length === 1;
}

function location(sourceFile: ts.SourceFile, node: ts.Node): { line: number; column: number; endLine: number; endColumn: number } {
  const start = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
  const end = sourceFile.getLineAndCharacterOfPosition(node.getEnd());
  return { line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}

/** Syntax errors live on the source file (`parseDiagnostics`); read them without widening the type. */
function parseErrors(sourceFile: ts.SourceFile): { parseError?: ParseError; parseErrorCount: number } {
  const diagnostics: unknown = Reflect.get(sourceFile, 'parseDiagnostics');
  if (!Array.isArray(diagnostics)) {
    throw new NpvError('NPV9001', 'This typescript version does not expose parseDiagnostics on source files, so syntax errors cannot be detected.');
  }
  const first: unknown = diagnostics[0];
  if (!isDiagnostic(first)) return { parseErrorCount: 0 };
  const start = sourceFile.getLineAndCharacterOfPosition(first.start ?? 0);
  return {
    parseError: { line: start.line + 1, column: start.character + 1, message: typescript.flattenDiagnosticMessageText(first.messageText, ' ') },
    parseErrorCount: diagnostics.length,
  };
}

function isDiagnostic(value: unknown): value is ts.Diagnostic {
  return typeof value === 'object' && value !== null && 'messageText' in value;
}

function scriptKindOf(fileName: string): ts.ScriptKind {
  if (fileName.endsWith('.tsx')) return typescript.ScriptKind.TSX;
  if (fileName.endsWith('.jsx')) return typescript.ScriptKind.JSX;
  if (/\.[cm]?js$/.test(fileName)) return typescript.ScriptKind.JS;
  if (fileName.endsWith('.json')) return typescript.ScriptKind.JSON;
  return typescript.ScriptKind.TS;
}
