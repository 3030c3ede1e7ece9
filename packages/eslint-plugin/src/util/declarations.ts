import { findOutboundMethod, GLOBAL_SCOPE, normalizeModuleSpecifier, packageOfFile, type OutboundMatch } from '@npvguard/core';
import type * as ts from 'typescript';
import { typescript } from './typescript.js';

/**
 * The module a declaration belongs to: the name of an ambient `declare module 'http'`, the package of a file in
 * node_modules, or the global scope (`declare global`, a script such as lib.dom.d.ts). Undefined for the
 * project's own code.
 */
export function declaringModule(declaration: ts.Node): string | undefined {
  for (let node = declaration.parent as ts.Node | undefined; node !== undefined; node = node.parent) {
    if (!typescript.isModuleDeclaration(node)) continue;
    if (typescript.isStringLiteral(node.name)) return normalizeModuleSpecifier(node.name.text);
    if ((node.flags & typescript.NodeFlags.GlobalAugmentation) !== 0) return GLOBAL_SCOPE;
  }
  const file = declaration.getSourceFile();
  if (file.isDeclarationFile && !typescript.isExternalModule(file)) return GLOBAL_SCOPE;
  return packageOfFile(file.fileName);
}

/** The outbound model's method a property symbol denotes: `pool.request` is undici's `Dispatcher#request`. */
export function outboundMethodOf(symbol: ts.Symbol | undefined): OutboundMatch | undefined {
  for (const declaration of symbol?.getDeclarations() ?? []) {
    const owner = declaration.parent;
    if (!typescript.isClassDeclaration(owner) && !typescript.isInterfaceDeclaration(owner)) continue;
    const module = declaringModule(declaration);
    if (module === undefined || owner.name === undefined) continue;
    const match = findOutboundMethod(module, owner.name.text, symbol?.getName() ?? '');
    if (match) return match;
  }
  return undefined;
}
