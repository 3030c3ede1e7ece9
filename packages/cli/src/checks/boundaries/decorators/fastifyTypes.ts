import type * as ts from 'typescript';
import { typescript } from '../../../modules/typescript.js';
import type { DecoratorTarget } from '../types.js';

const TARGET_OF_INTERFACE: Readonly<Record<string, DecoratorTarget>> = {
  FastifyInstance: 'instance',
  FastifyRequest: 'request',
  FastifyReply: 'reply',
};

/** The compiler reports POSIX paths; a Windows one is made so. */
function toPosix(value: string): string {
  return value.replace(/\\/g, '/');
}

/** fastify's own declarations, wherever the package manager put the package. */
export function isInFastifyPackage(fileName: string): boolean {
  return /\/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?fastify\//.test(toPosix(fileName));
}

export function isInNodeModules(fileName: string): boolean {
  return toPosix(fileName).includes('/node_modules/');
}

/** `…/node_modules/@scope/name/types/index.d.ts` → `@scope/name`; `@types/x` stands for `x`. */
export function packageOfPath(fileName: string): string | undefined {
  const posix = toPosix(fileName);
  const index = posix.lastIndexOf('/node_modules/');
  if (index === -1) return undefined;
  const segments = posix.slice(index + '/node_modules/'.length).split('/');
  const first = segments[0] ?? '';
  const name = first.startsWith('@') ? `${first}/${segments[1] ?? ''}` : first;
  if (!name.startsWith('@types/')) return name;
  const typed = name.slice('@types/'.length);
  return typed.includes('__') ? `@${typed.replace('__', '/')}` : typed;
}

/**
 * Whether a value of this type is a fastify instance, request or reply: an instantiation of fastify's own
 * `FastifyInstance`, `FastifyRequest` or `FastifyReply` interface (augmented or not), alone or in a union or
 * intersection. Judged by the declaration, never by a variable's name.
 */
export function decoratorTargetOf(type: ts.Type, checker: ts.TypeChecker): DecoratorTarget | undefined {
  const parts = type.isUnionOrIntersection() ? type.types : [type];
  for (const part of parts) {
    const apparent = part.flags & typescript.TypeFlags.TypeParameter ? checker.getApparentType(part) : part;
    for (const symbol of [apparent.getSymbol(), apparent.aliasSymbol]) {
      if (symbol === undefined) continue;
      const target = TARGET_OF_INTERFACE[symbol.getName()];
      if (target !== undefined && (symbol.declarations ?? []).some((declaration) => isInFastifyPackage(declaration.getSourceFile().fileName))) return target;
    }
  }
  return undefined;
}

/** A capability some module adds to fastify's interfaces: `declare module 'fastify' { interface FastifyInstance { knex: Knex } }`. */
export interface DeclaredCapability {
  target: DecoratorTarget;
  name: string;
  symbol: ts.Symbol;
}

/**
 * Every member of `FastifyInstance`, `FastifyRequest` and `FastifyReply` declared outside fastify itself, by the
 * project or by plugin packages, as the program's merged declarations have them. Empty when fastify's
 * declarations are not in the program.
 */
export function declaredCapabilities(program: ts.Program, checker: ts.TypeChecker): DeclaredCapability[] {
  const fastifyEntry = program.getSourceFiles().find((file) => isInFastifyPackage(file.fileName) && /\/fastify\/fastify\.d\.[cm]?ts$/.test(toPosix(file.fileName)));
  if (fastifyEntry === undefined) return [];
  const moduleSymbol = checker.getSymbolAtLocation(fastifyEntry);
  if (moduleSymbol === undefined) return [];
  const capabilities: DeclaredCapability[] = [];
  for (let exported of checker.getExportsOfModule(moduleSymbol)) {
    if (exported.flags & typescript.SymbolFlags.Alias) exported = checker.getAliasedSymbol(exported);
    const target = TARGET_OF_INTERFACE[exported.getName()];
    if (target === undefined || (exported.flags & typescript.SymbolFlags.Interface) === 0) continue;
    for (const property of checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(exported))) {
      const declarations = property.declarations ?? [];
      if (declarations.length > 0 && declarations.every((declaration) => isInFastifyPackage(declaration.getSourceFile().fileName))) continue;
      capabilities.push({ target, name: property.getName(), symbol: property });
    }
  }
  return capabilities;
}
