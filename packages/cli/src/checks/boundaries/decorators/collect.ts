import type * as ts from 'typescript';
import { typescript } from '../../../modules/typescript.js';
import type { DecoratorTarget, SourceLocation, UnnamedDecorator } from '../types.js';
import { decoratorTargetOf } from './fastifyTypes.js';

const DECORATE_METHODS: Readonly<Record<string, DecoratorTarget>> = {
  decorate: 'instance',
  decorateRequest: 'request',
  decorateReply: 'reply',
};

/** A `decorate*` call on a fastify instance, with its name resolved to a constant string. */
export interface Provision {
  file: string;
  target: DecoratorTarget;
  name: string;
}

/** A read of a capability, with the receiver's type, so its declaration can be found later. */
export interface CollectedUse extends SourceLocation {
  from: string;
  target: DecoratorTarget;
  name: string;
  text: string;
  receiver: ts.Type;
}

const MAX_TEXT = 80;

/** Every `instance.decorate*(name, …)` call of a file whose receiver is typed as a fastify instance. */
export function collectProvisions(sourceFile: ts.SourceFile, file: string, checker: ts.TypeChecker): { provisions: Provision[]; unnamed: UnnamedDecorator[] } {
  const provisions: Provision[] = [];
  const unnamed: UnnamedDecorator[] = [];
  const visit = (node: ts.Node): void => {
    if (typescript.isCallExpression(node) && typescript.isPropertyAccessExpression(node.expression)) {
      const target = DECORATE_METHODS[node.expression.name.text];
      if (target !== undefined && decoratorTargetOf(checker.getTypeAtLocation(node.expression.expression), checker) === 'instance') {
        const name = constantString(node.arguments[0], checker);
        if (name === undefined) unnamed.push({ file, text: oneLine(node.getText(sourceFile)), ...location(sourceFile, node) });
        else provisions.push({ file, target, name });
      }
    }
    typescript.forEachChild(node, visit);
  };
  visit(sourceFile);
  return { provisions, unnamed };
}

/**
 * Every read of a capability named in `names`: `receiver.name`, `receiver['name']`, `const { name } = receiver`
 * (parameters too), where the receiver's type is a fastify instance, request or reply; `this` included where the
 * compiler types it as the instance (route handlers and hooks written as functions).
 */
export function collectUses(sourceFile: ts.SourceFile, file: string, checker: ts.TypeChecker, names: ReadonlySet<string>): CollectedUse[] {
  const uses: CollectedUse[] = [];
  const add = (node: ts.Node, receiverNode: ts.Node, name: string): void => {
    const receiver = checker.getTypeAtLocation(receiverNode);
    const target = decoratorTargetOf(receiver, checker);
    if (target === undefined) return;
    uses.push({ from: file, target, name, text: oneLine(node.getText(sourceFile)), receiver, ...location(sourceFile, node) });
  };
  const visit = (node: ts.Node): void => {
    if (typescript.isPropertyAccessExpression(node) && names.has(node.name.text) && !isDecorateCallee(node)) {
      add(node, node.expression, node.name.text);
    } else if (typescript.isElementAccessExpression(node)) {
      const name = constantString(node.argumentExpression, checker);
      if (name !== undefined && names.has(name)) add(node, node.expression, name);
    } else if (typescript.isBindingElement(node) && typescript.isObjectBindingPattern(node.parent) && node.dotDotDotToken === undefined) {
      const name = bindingName(node, checker);
      if (name !== undefined && names.has(name)) add(node, node.parent, name);
    }
    typescript.forEachChild(node, visit);
  };
  visit(sourceFile);
  return uses;
}

function isDecorateCallee(node: ts.PropertyAccessExpression): boolean {
  return DECORATE_METHODS[node.name.text] !== undefined;
}

function bindingName(element: ts.BindingElement, checker: ts.TypeChecker): string | undefined {
  const property = element.propertyName;
  if (property === undefined) return typescript.isIdentifier(element.name) ? element.name.text : undefined;
  if (typescript.isIdentifier(property) || typescript.isStringLiteral(property)) return property.text;
  if (typescript.isComputedPropertyName(property)) return constantString(property.expression, checker);
  return undefined;
}

/** The string an expression always evaluates to, by its type (a literal, a `const`, an `as const` member, a string enum member). */
export function constantString(expression: ts.Expression | undefined, checker: ts.TypeChecker): string | undefined {
  if (expression === undefined) return undefined;
  const type = checker.getTypeAtLocation(expression);
  return type.isStringLiteral() ? type.value : undefined;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_TEXT ? `${flat.slice(0, MAX_TEXT - 1)}…` : flat;
}

function location(sourceFile: ts.SourceFile, node: ts.Node): SourceLocation {
  const start = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
  const end = sourceFile.getLineAndCharacterOfPosition(node.getEnd());
  return { line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}
