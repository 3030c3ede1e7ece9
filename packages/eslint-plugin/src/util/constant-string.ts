import path from 'node:path';
import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import { memberPropertyName, unwrapExpression } from './ast.js';
import { importedConstantText } from './imported-constant.js';
import { constInitializer, lookupProperty } from './static-value.js';
import { typescript } from './typescript.js';

const MAX_DEPTH = 12;

/** What a rule needs to follow values: the file's source, where it lives, and the type checker when there is one. */
export interface ConstantContext {
  sourceCode: Readonly<TSESLint.SourceCode>;
  /** The linted file, absolute. */
  filename: string;
}

export function constantContext(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): ConstantContext {
  return { sourceCode: context.sourceCode, filename: path.resolve(context.cwd, context.filename) };
}

/** The object literal an expression denotes through `const`s and member reads (`REGISTRY.layers.selection`). */
function objectOf(node: TSESTree.Node, context: ConstantContext, depth: number): TSESTree.ObjectExpression | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const value = unwrapExpression(node);
  if (value.type === AST_NODE_TYPES.ObjectExpression) return value;
  if (value.type === AST_NODE_TYPES.Identifier) {
    const initializer = constInitializer(value, context.sourceCode);
    return initializer ? objectOf(initializer, context, depth + 1) : undefined;
  }
  if (value.type === AST_NODE_TYPES.CallExpression && isObjectFreeze(value) && value.arguments[0]) return objectOf(value.arguments[0], context, depth + 1);
  if (value.type === AST_NODE_TYPES.MemberExpression) {
    const key = memberPropertyName(value);
    const owner = objectOf(value.object, context, depth + 1);
    const found = key === undefined || !owner ? undefined : lookupProperty(owner, key);
    return found?.kind === 'present' ? objectOf(found.value, context, depth + 1) : undefined;
  }
  return undefined;
}

function isObjectFreeze(call: TSESTree.CallExpression): boolean {
  const callee = call.callee;
  return callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'Object' && callee.property.type === AST_NODE_TYPES.Identifier && callee.property.name === 'freeze';
}

/** An enum declared in this file, when `identifier` names one. */
function enumOf(identifier: TSESTree.Identifier, context: ConstantContext): TSESTree.TSEnumDeclaration | undefined {
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(identifier), identifier);
  const definition = variable?.defs.find((candidate) => candidate.type === 'TSEnumName');
  return definition?.node.type === AST_NODE_TYPES.TSEnumDeclaration ? definition.node : undefined;
}

/** `ROOT.a.b` → the identifier `ROOT` and the path `['a', 'b']`; undefined when a step is computed from a value. */
function memberPath(node: TSESTree.Node): { root: TSESTree.Identifier; keys: string[] } | undefined {
  const value = unwrapExpression(node);
  if (value.type === AST_NODE_TYPES.Identifier) return { root: value, keys: [] };
  if (value.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const key = memberPropertyName(value);
  const owner = memberPath(value.object);
  return key === undefined || !owner ? undefined : { root: owner.root, keys: [...owner.keys, key] };
}

function syntacticValue(node: TSESTree.Node, context: ConstantContext, depth: number): string | number | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const value = unwrapExpression(node);
  switch (value.type) {
    case AST_NODE_TYPES.Literal:
      return typeof value.value === 'string' || typeof value.value === 'number' ? value.value : undefined;
    case AST_NODE_TYPES.TemplateLiteral: {
      let text = value.quasis[0]?.value.cooked ?? '';
      for (const [index, expression] of value.expressions.entries()) {
        const part = syntacticValue(expression, context, depth + 1);
        if (part === undefined) return undefined;
        text += String(part) + (value.quasis[index + 1]?.value.cooked ?? '');
      }
      return text;
    }
    case AST_NODE_TYPES.BinaryExpression: {
      if (value.operator !== '+') return undefined;
      const left = syntacticValue(value.left, context, depth + 1);
      const right = syntacticValue(value.right, context, depth + 1);
      if (left === undefined || right === undefined) return undefined;
      return typeof left === 'number' && typeof right === 'number' ? left + right : String(left) + String(right);
    }
    case AST_NODE_TYPES.Identifier: {
      const initializer = constInitializer(value, context.sourceCode);
      if (initializer) return syntacticValue(initializer, context, depth + 1);
      return importedConstantText(value, context.sourceCode, context.filename);
    }
    case AST_NODE_TYPES.MemberExpression: {
      const key = memberPropertyName(value);
      if (key === undefined) return undefined;
      const owner = objectOf(value.object, context, depth + 1);
      if (owner) {
        const found = lookupProperty(owner, key);
        return found.kind === 'present' ? syntacticValue(found.value, context, depth + 1) : undefined;
      }
      const object = unwrapExpression(value.object);
      if (object.type === AST_NODE_TYPES.Identifier) {
        const declaration = enumOf(object, context);
        const member = declaration?.body.members.find((candidate) => (candidate.id.type === AST_NODE_TYPES.Identifier ? candidate.id.name : candidate.id.value) === key);
        if (member?.initializer) return syntacticValue(member.initializer, context, depth + 1);
      }
      const imported = memberPath(value);
      return imported ? importedConstantText(imported.root, context.sourceCode, context.filename, imported.keys) : undefined;
    }
    default:
      return undefined;
  }
}

/** The literal type's value the checker gives an expression (`as const` objects, enums, imported constants). */
function typedText(node: TSESTree.Node, context: ConstantContext): string | undefined {
  const services = context.sourceCode.parserServices;
  const program = services?.program;
  const tsNode = services?.esTreeNodeToTSNodeMap?.get(node as never) as ts.Node | undefined;
  if (!program || !tsNode) return undefined;
  const type = program.getTypeChecker().getTypeAtLocation(tsNode);
  if (type.isStringLiteral() || type.isNumberLiteral()) return String(type.value);
  if ((type.flags & typescript.TypeFlags.EnumLiteral) !== 0 && type.isLiteral() && typeof type.value !== 'object') return String(type.value);
  return undefined;
}

/**
 * The string an expression always evaluates to, when the source says so: literals, template strings and `+` of
 * such, `const`s, properties of object literals (`as const`, `Object.freeze`), enum members of this file, and
 * literals exported by a relatively imported file; with type information, any expression whose type is a single
 * string or number literal (an imported constant, a member of an imported `as const` object or enum). Undefined
 * when it cannot be known before the code runs.
 */
export function constantText(node: TSESTree.Node, context: ConstantContext): string | undefined {
  const value = syntacticValue(node, context, 0);
  return value === undefined ? typedText(unwrapExpression(node), context) : String(value);
}
