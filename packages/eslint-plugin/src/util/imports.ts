import { GLOBAL_SCOPE, normalizeModuleSpecifier } from '@npvguard/core';
import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { memberPropertyName, propertyKeyName, unwrapExpression } from './ast.js';

/** Module name used for globals (`fetch`, `Math`, `crypto` without an import), as in the outbound model. */
export const GLOBAL_MODULE = GLOBAL_SCOPE;

/** Names the global object goes by; `globalThis.fetch` is the global `fetch`. */
const GLOBAL_OBJECTS = new Set(['globalThis', 'global', 'window', 'self']);

export interface QualifiedName {
  /** Module specifier without the `node:` prefix, or {@link GLOBAL_MODULE}. */
  module: string;
  /** Member path inside the module: `['readFileSync']`, `['promises', 'readFile']`; empty for the module itself. */
  path: readonly string[];
}

/**
 * What an expression refers to in terms of modules and globals, following imports, `require` and
 * scope so that a local variable named `fs` or `fetch` is never mistaken for the real one.
 */
export function qualifiedName(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): QualifiedName | undefined {
  return qualifiedNameWith(node, (identifier) => ASTUtils.findVariable(sourceCode.getScope(identifier), identifier) ?? undefined);
}

/** The variable an identifier refers to, undefined for an undeclared global. */
export type VariableLookup = (identifier: TSESTree.Identifier) => TSESLint.Scope.Variable | undefined;

/** {@link qualifiedName} with any way to find variables (a module parsed outside ESLint has no `sourceCode`). */
export function qualifiedNameWith(node: TSESTree.Node, lookup: VariableLookup, hops = 0): QualifiedName | undefined {
  if (hops > MAX_ALIAS_HOPS) return undefined;
  const target = unwrapExpression(node);
  if (target.type === AST_NODE_TYPES.Identifier) return identifierBinding(target, lookup, hops);
  if (target.type === AST_NODE_TYPES.MemberExpression) {
    const property = memberPropertyName(target);
    if (property === undefined) return undefined;
    const base = qualifiedNameWith(target.object, lookup, hops);
    if (!base) return undefined;
    if (base.module === GLOBAL_MODULE && base.path.length === 1 && GLOBAL_OBJECTS.has(base.path[0] ?? '')) {
      return { module: GLOBAL_MODULE, path: [property] };
    }
    return { module: base.module, path: [...base.path, property] };
  }
  if (target.type === AST_NODE_TYPES.CallExpression) {
    const module = requiredModule(target);
    return module === undefined ? undefined : { module, path: [] };
  }
  return undefined;
}

/** `require('fs')` → `fs`. */
function requiredModule(call: TSESTree.CallExpression): string | undefined {
  const [argument] = call.arguments;
  if (
    call.callee.type === AST_NODE_TYPES.Identifier &&
    call.callee.name === 'require' &&
    call.arguments.length === 1 &&
    argument?.type === AST_NODE_TYPES.Literal &&
    typeof argument.value === 'string'
  ) {
    return normalizeModuleSpecifier(argument.value);
  }
  return undefined;
}

/** `const` aliases followed before a name counts as unknown (`const { now } = Date`, `const r = Math.random`). */
const MAX_ALIAS_HOPS = 4;

function identifierBinding(identifier: TSESTree.Identifier, lookup: VariableLookup, hops: number): QualifiedName | undefined {
  const variable = lookup(identifier);
  if (!variable || variable.defs.length === 0) return { module: GLOBAL_MODULE, path: [identifier.name] };
  const definition = variable.defs[0];
  if (!definition || variable.defs.length !== 1) return undefined;
  if (definition.type === 'ImportBinding') {
    const declaration = definition.parent;
    if (declaration.type !== AST_NODE_TYPES.ImportDeclaration) return undefined;
    const module = normalizeModuleSpecifier(declaration.source.value);
    const specifier = definition.node;
    if (specifier.type === AST_NODE_TYPES.ImportSpecifier) {
      const imported = specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
      return { module, path: imported === 'default' ? [] : [imported] };
    }
    return { module, path: [] };
  }
  if (definition.type === 'Variable') {
    const declarator = definition.node;
    if (declarator.parent.kind !== 'const' || !declarator.init) return undefined;
    const init = unwrapExpression(declarator.init);
    if (init.type !== AST_NODE_TYPES.CallExpression) return constAlias(declarator.id, definition.name as TSESTree.Identifier, init, lookup, hops);
    const module = requiredModule(init);
    if (module === undefined) return undefined;
    if (declarator.id.type === AST_NODE_TYPES.Identifier) return { module, path: [] };
    if (declarator.id.type === AST_NODE_TYPES.ObjectPattern) {
      for (const property of declarator.id.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        if (property.value.type === AST_NODE_TYPES.Identifier && property.value.name === identifier.name) {
          const key = propertyKeyName(property);
          return key === undefined ? undefined : { module, path: [key] };
        }
      }
    }
  }
  return undefined;
}

/**
 * A `const` bound to a module member or a global, directly or by destructuring: `const { now } = Date` is
 * `Date.now`, `const { webcrypto: { randomUUID } } = crypto` is `crypto.webcrypto.randomUUID`, `const pick = Math.random`
 * is `Math.random`. A rest element or an array pattern on the way is not followed.
 */
function constAlias(pattern: TSESTree.Node, identifier: TSESTree.Identifier, init: TSESTree.Node, lookup: VariableLookup, hops: number): QualifiedName | undefined {
  if (init.type !== AST_NODE_TYPES.Identifier && init.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const keys: string[] = [];
  for (let current: TSESTree.Node = identifier; current !== pattern; ) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (!parent) return undefined;
    if (parent.type === AST_NODE_TYPES.Property && parent.value === current && parent.parent.type === AST_NODE_TYPES.ObjectPattern) {
      const key = propertyKeyName(parent);
      if (key === undefined) return undefined;
      keys.unshift(key);
      current = parent.parent;
    } else if (parent.type === AST_NODE_TYPES.AssignmentPattern && parent.left === current) {
      current = parent;
    } else {
      return undefined;
    }
  }
  const base = qualifiedNameWith(init, lookup, hops + 1);
  if (!base) return undefined;
  if (base.module === GLOBAL_MODULE && base.path.length === 1 && GLOBAL_OBJECTS.has(base.path[0] ?? '') && keys.length > 0) {
    return { module: GLOBAL_MODULE, path: keys };
  }
  return { module: base.module, path: [...base.path, ...keys] };
}

/** `fs.readFileSync` style display text for a qualified name. */
export function displayQualifiedName(name: QualifiedName): string {
  const head = name.module === GLOBAL_MODULE ? [] : [name.module];
  return [...head, ...name.path].join('.');
}

/** Whether `name` denotes `module` + `path` exactly. */
export function isQualified(name: QualifiedName | undefined, module: string, path: readonly string[]): boolean {
  return (
    name !== undefined &&
    name.module === module &&
    name.path.length === path.length &&
    name.path.every((part, index) => part === path[index])
  );
}
