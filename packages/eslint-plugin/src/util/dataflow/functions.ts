import path from 'node:path';
import type { Variable } from '@typescript-eslint/scope-manager';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { isFunctionNode, memberPropertyName, propertyKeyName, unwrapExpression, type FunctionNode } from '../ast.js';
import { resolveRelativeSource } from '../imported-constant.js';
import { moduleOfFile, type FlowModule, type ImportResolver } from './modules.js';

/** A function the data-flow layer can look into: its node and the module it is written in. */
export interface ResolvedFunction {
  fn: FunctionNode;
  module: FlowModule;
}

/** Hops through aliases and re-exports before a callee counts as unknown. */
const MAX_HOPS = 6;

/**
 * The function a callee denotes, when it is written in this module or in a module imported by relative path: a
 * function declaration, a `const` bound to a function, an object literal's method (`helpers.log(...)`), a named,
 * default or namespace import, through aliases and re-exports. Undefined for anything else (a library, a parameter,
 * a method of a class instance): the caller treats it as a call it cannot follow.
 */
export function functionOfCallee(callee: TSESTree.Node, module: FlowModule, hops = 0): ResolvedFunction | undefined {
  if (hops > MAX_HOPS) return undefined;
  const target = unwrapExpression(callee);
  if (isFunctionNode(target)) return { fn: target, module };
  if (target.type === AST_NODE_TYPES.Identifier) return functionOfVariable(module.variableOf(target), module, hops + 1);
  if (target.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const property = memberPropertyName(target);
  const object = unwrapExpression(target.object);
  if (property === undefined || object.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = module.variableOf(object);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!definition) return undefined;
  if (definition.type === 'ImportBinding' && definition.node.type === AST_NODE_TYPES.ImportNamespaceSpecifier) {
    const declaration = definition.parent;
    if (declaration?.type !== AST_NODE_TYPES.ImportDeclaration) return undefined;
    const file = resolveSpecifier(module, declaration.source.value);
    return file === undefined ? undefined : exportedFunction(file, property, hops + 1, module.resolveImport);
  }
  if (definition.type === 'Variable' && definition.node.init && isConstant(definition.node)) {
    const init = unwrapExpression(definition.node.init);
    if (init.type === AST_NODE_TYPES.ObjectExpression) {
      for (const member of init.properties) {
        if (member.type === AST_NODE_TYPES.Property && propertyKeyName(member) === property) return functionOfCallee(member.value, module, hops + 1);
      }
    }
  }
  return undefined;
}

function isConstant(declarator: TSESTree.VariableDeclarator): boolean {
  return declarator.parent.type === AST_NODE_TYPES.VariableDeclaration && declarator.parent.kind === 'const';
}

export function functionOfVariable(variable: Variable | undefined, module: FlowModule, hops: number): ResolvedFunction | undefined {
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!definition || hops > MAX_HOPS) return undefined;
  if (definition.type === 'FunctionName' && isFunctionNode(definition.node)) return { fn: definition.node, module };
  if (definition.type === 'Variable') {
    const declarator = definition.node;
    if (!declarator.init || !isConstant(declarator) || declarator.id.type !== AST_NODE_TYPES.Identifier) return undefined;
    return functionOfCallee(declarator.init, module, hops + 1);
  }
  if (definition.type === 'ImportBinding') {
    // `import x = require('./x')` is not followed.
    const declaration = definition.parent;
    if (declaration?.type !== AST_NODE_TYPES.ImportDeclaration || declaration.importKind === 'type') return undefined;
    const file = resolveSpecifier(module, declaration.source.value);
    if (file === undefined) return undefined;
    const specifier = definition.node;
    if (specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier) return exportedFunction(file, 'default', hops + 1, module.resolveImport);
    if (specifier.type === AST_NODE_TYPES.ImportSpecifier) {
      const imported = specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
      return exportedFunction(file, imported, hops + 1, module.resolveImport);
    }
  }
  return undefined;
}

/** The function a module exports under `name`, following `export { a as name }`, re-exports and `export *`. */
export function exportedFunction(file: string, name: string, hops: number, resolver?: ImportResolver): ResolvedFunction | undefined {
  const module = moduleOfFile(file, resolver);
  if (!module || hops > MAX_HOPS) return undefined;
  const starTargets: string[] = [];
  for (const statement of module.program.body) {
    if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
      if (name !== 'default') continue;
      const declaration = statement.declaration;
      if (isFunctionNode(declaration)) return { fn: declaration, module };
      return declaration.type === AST_NODE_TYPES.Identifier ? functionOfVariable(module.variableOf(declaration), module, hops + 1) : undefined;
    }
    if (statement.type === AST_NODE_TYPES.ExportAllDeclaration) {
      if (statement.exported === null) starTargets.push(statement.source.value);
      continue;
    }
    if (statement.type !== AST_NODE_TYPES.ExportNamedDeclaration) continue;
    const declaration = statement.declaration;
    if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id?.name === name) return { fn: declaration, module };
    if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of declaration.declarations) {
        if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === name && declarator.init) {
          return declaration.kind === 'const' ? functionOfCallee(declarator.init, module, hops + 1) : undefined;
        }
      }
    }
    for (const specifier of statement.specifiers) {
      const exported = specifier.exported.type === AST_NODE_TYPES.Identifier ? specifier.exported.name : specifier.exported.value;
      if (exported !== name) continue;
      const local = specifier.local.type === AST_NODE_TYPES.Identifier ? specifier.local.name : specifier.local.value;
      if (statement.source) {
        const target = resolveSpecifier(module, statement.source.value);
        return target === undefined ? undefined : exportedFunction(target, local, hops + 1, resolver);
      }
      if (specifier.local.type === AST_NODE_TYPES.Identifier) return functionOfVariable(module.variableOf(specifier.local), module, hops + 1);
    }
  }
  for (const specifier of starTargets) {
    const target = resolveSpecifier(module, specifier);
    const found = target === undefined ? undefined : exportedFunction(target, name, hops + 1, resolver);
    if (found) return found;
  }
  return undefined;
}

/**
 * The file a callee is imported from, without parsing anything: the module of a named, default or namespace import
 * (`orderCards(...)`, `ranking.orderCards(...)`), or this module's file for a local function. Undefined when the
 * callee is neither, or its module cannot be resolved. A barrel's re-exports are not followed here.
 */
export function calleeSourceFile(callee: TSESTree.Node, module: FlowModule): string | undefined {
  const target = unwrapExpression(callee);
  const root = target.type === AST_NODE_TYPES.MemberExpression ? unwrapExpression(target.object) : target;
  if (root.type !== AST_NODE_TYPES.Identifier) return undefined;
  const definition = module.variableOf(root)?.defs[0];
  if (!definition) return undefined;
  if (definition.type !== 'ImportBinding') return definition.type === 'FunctionName' || definition.type === 'Variable' ? module.file : undefined;
  const declaration = definition.parent;
  if (declaration?.type !== AST_NODE_TYPES.ImportDeclaration || declaration.importKind === 'type') return undefined;
  return resolveSpecifier(module, declaration.source.value);
}

/** A relative specifier by file layout; any other by the program's module resolution, when there is type information. */
function resolveSpecifier(module: FlowModule, specifier: string): string | undefined {
  // Only relative specifiers are kept: another specifier is resolved by the program (which caches it itself).
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return module.resolveImport?.(specifier, module.file);
  const key = `${path.dirname(module.file)}\0${specifier}`;
  const now = Date.now();
  const cached = resolutions.get(key);
  if (cached && now - cached.at < RESOLUTION_TTL_MS) return cached.file;
  const file = resolveRelativeSource(module.file, specifier);
  if (resolutions.size > 10_000) resolutions.clear();
  resolutions.set(key, { file, at: now });
  return file;
}

/** Resolutions are kept briefly: one lint run asks the same ones many times; a long-lived server sees new files. */
const RESOLUTION_TTL_MS = 5_000;
const resolutions = new Map<string, { file: string | undefined; at: number }>();

/** The index of the parameter `identifier` is declared by (directly or inside its destructuring), or -1. */
export function parameterIndex(fn: FunctionNode, identifier: TSESTree.Identifier): number {
  return fn.params.findIndex((parameter) => contains(parameter, identifier));
}

function contains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return inner.range[0] >= outer.range[0] && inner.range[1] <= outer.range[1];
}

/**
 * The initialiser of the `const` an import names (`import { SALT } from './salt.js'` where the module has
 * `export const SALT = ...`), with its module, following re-exports. Undefined for anything else.
 */
export function importedConstant(identifier: TSESTree.Identifier, module: FlowModule): { init: TSESTree.Node; module: FlowModule } | undefined {
  const definition = module.variableOf(identifier)?.defs[0];
  if (definition?.type !== 'ImportBinding' || definition.node.type !== AST_NODE_TYPES.ImportSpecifier) return undefined;
  const declaration = definition.parent;
  if (declaration?.type !== AST_NODE_TYPES.ImportDeclaration || declaration.importKind === 'type') return undefined;
  const file = resolveSpecifier(module, declaration.source.value);
  const imported = definition.node.imported.type === AST_NODE_TYPES.Identifier ? definition.node.imported.name : definition.node.imported.value;
  return file === undefined ? undefined : exportedConstant(file, imported, 0, module.resolveImport);
}

function exportedConstant(file: string, name: string, hops: number, resolver?: ImportResolver): { init: TSESTree.Node; module: FlowModule } | undefined {
  const module = moduleOfFile(file, resolver);
  if (!module || hops > MAX_HOPS) return undefined;
  for (const statement of module.program.body) {
    if (statement.type !== AST_NODE_TYPES.ExportNamedDeclaration) continue;
    const declaration = statement.declaration;
    if (declaration?.type === AST_NODE_TYPES.VariableDeclaration && declaration.kind === 'const') {
      for (const declarator of declaration.declarations) {
        if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === name && declarator.init) return { init: declarator.init, module };
      }
    }
    for (const specifier of statement.specifiers) {
      const exported = specifier.exported.type === AST_NODE_TYPES.Identifier ? specifier.exported.name : specifier.exported.value;
      if (exported !== name || !statement.source) continue;
      const local = specifier.local.type === AST_NODE_TYPES.Identifier ? specifier.local.name : specifier.local.value;
      const target = resolveSpecifier(module, statement.source.value);
      return target === undefined ? undefined : exportedConstant(target, local, hops + 1, resolver);
    }
  }
  return undefined;
}
