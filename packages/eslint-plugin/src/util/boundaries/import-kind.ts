import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type ts from 'typescript';

export type ImportKind = 'runtime' | 'type';

/** Whether the compiler keeps imports it could erase (and so whether they are runtime edges). */
export interface ErasureOptions {
  verbatimModuleSyntax: boolean;
  emitDecoratorMetadata: boolean;
}

export function erasureOptions(options: ts.CompilerOptions): ErasureOptions {
  return {
    verbatimModuleSyntax: options.verbatimModuleSyntax === true,
    emitDecoratorMetadata: options.emitDecoratorMetadata === true,
  };
}

/**
 * `type` when the compiler erases the import: always for `import type`/`export type`; for inline `type`
 * specifiers and for values used only as types, unless `verbatimModuleSyntax` keeps the import (it emits
 * `import {} from`), or decorator metadata may turn an annotation into a runtime reference. The same
 * classification `npvguard check` uses.
 */
export function importKind(
  node: TSESTree.Node,
  sourceCode: Readonly<TSESLint.SourceCode>,
  erasure: ErasureOptions,
): ImportKind {
  switch (node.type) {
    case AST_NODE_TYPES.ImportDeclaration: {
      if (node.importKind === 'type') return 'type';
      if (node.specifiers.length === 0) return 'runtime';
      const valueSpecifiers = node.specifiers.filter(
        (specifier) => specifier.type !== AST_NODE_TYPES.ImportSpecifier || specifier.importKind !== 'type',
      );
      if (valueSpecifiers.length === 0) return erasure.verbatimModuleSyntax ? 'runtime' : 'type';
      return usedOnlyAsTypes(valueSpecifiers, sourceCode) ? erasedUnlessKept(erasure, true) : 'runtime';
    }
    case AST_NODE_TYPES.ExportNamedDeclaration:
      if (node.exportKind === 'type') return 'type';
      if (node.specifiers.length > 0 && node.specifiers.every((specifier) => specifier.exportKind === 'type')) {
        return erasure.verbatimModuleSyntax ? 'runtime' : 'type';
      }
      return 'runtime';
    case AST_NODE_TYPES.ExportAllDeclaration:
      return node.exportKind === 'type' ? 'type' : 'runtime';
    case AST_NODE_TYPES.TSImportEqualsDeclaration:
      if (node.importKind === 'type') return 'type';
      return usedOnlyAsTypes([node], sourceCode) ? erasedUnlessKept(erasure, true) : 'runtime';
    case AST_NODE_TYPES.TSImportType:
      return 'type';
    default:
      return 'runtime';
  }
}

function erasedUnlessKept(erasure: ErasureOptions, decoratorsMatter: boolean): ImportKind {
  return erasure.verbatimModuleSyntax || (decoratorsMatter && erasure.emitDecoratorMetadata) ? 'runtime' : 'type';
}

/** Every binding the declarations introduce is read only in type positions (or not at all). */
function usedOnlyAsTypes(declarations: readonly TSESTree.Node[], sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return declarations.every((declaration) =>
    sourceCode
      .getDeclaredVariables(declaration)
      .every((variable) => variable.references.every((reference) => !reference.isValueReference)),
  );
}
