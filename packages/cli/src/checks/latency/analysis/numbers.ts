import { Node, SyntaxKind, type Expression } from 'ts-morph';
import { applyBinary, applyUnary, numericLiteralValue } from '../../../modules/constantValue/index.js';
import { isProjectNode, type AnalysisContext } from './context.js';

const MAX_DEPTH = 8;

function unwrap(node: Node): Node {
  let current = node;
  while (
    Node.isParenthesizedExpression(current) ||
    Node.isAsExpression(current) ||
    Node.isSatisfiesExpression(current) ||
    Node.isNonNullExpression(current) ||
    Node.isTypeAssertion(current)
  ) {
    current = current.getExpression();
  }
  return current;
}

function largest(values: readonly (number | undefined)[]): number | undefined {
  const known = values.filter((value): value is number => value !== undefined);
  return known.length === 0 ? undefined : Math.max(...known);
}

/** The values written to a property anywhere in the project: `{ timeoutMs: 10 }`, `{ timeoutMs }`, `x.timeoutMs = 10`. */
function propertyWrites(context: AnalysisContext, declaration: Node): Node[] {
  const name = (Node.isPropertySignature(declaration) || Node.isPropertyDeclaration(declaration) || Node.isPropertyAssignment(declaration))
    ? declaration.getNameNode()
    : undefined;
  if (name === undefined || !Node.isIdentifier(name)) return [];
  const writes: Node[] = [];
  for (const reference of context.search.references(name)) {
    if (!isProjectNode(context, reference)) continue;
    const parent = reference.getParent();
    if (parent === undefined) continue;
    if (Node.isPropertyAssignment(parent) && parent.getNameNode() === reference) {
      const initializer = parent.getInitializer();
      if (initializer !== undefined) writes.push(initializer);
    } else if (Node.isShorthandPropertyAssignment(parent)) {
      writes.push(parent.getNameNode());
    } else if (Node.isPropertyAccessExpression(parent)) {
      const assignment = parent.getParent();
      if (Node.isBinaryExpression(assignment) && assignment.getLeft() === parent && assignment.getOperatorToken().getKind() === SyntaxKind.EqualsToken) {
        writes.push(assignment.getRight());
      }
    }
  }
  if ((Node.isPropertyDeclaration(declaration) || Node.isPropertySignature(declaration)) && declaration.getInitializer() !== undefined) {
    writes.push(declaration.getInitializerOrThrow());
  }
  return writes;
}

const parameterCache = new WeakMap<AnalysisContext, Map<Node, Node[]>>();

/** Arguments given for a parameter at every call of its function in the project, plus its default (searched once). */
function parameterValues(context: AnalysisContext, parameter: Node): Node[] {
  let cache = parameterCache.get(context);
  if (cache === undefined) {
    cache = new Map();
    parameterCache.set(context, cache);
  }
  const cached = cache.get(parameter);
  if (cached !== undefined) return cached;
  const values = searchParameterValues(context, parameter);
  cache.set(parameter, values);
  return values;
}

function searchParameterValues(context: AnalysisContext, parameter: Node): Node[] {
  if (!Node.isParameterDeclaration(parameter)) return [];
  const values: Node[] = [];
  const initializer = parameter.getInitializer();
  if (initializer !== undefined) values.push(initializer);
  const fn = parameter.getParent();
  if (!Node.isFunctionDeclaration(fn) && !Node.isArrowFunction(fn) && !Node.isFunctionExpression(fn)) return values;
  const index = fn.getParameters().indexOf(parameter);
  let nameNode: Node | undefined;
  if (Node.isFunctionDeclaration(fn)) nameNode = fn.getNameNode();
  else if ((Node.isArrowFunction(fn) || Node.isFunctionExpression(fn)) && Node.isVariableDeclaration(fn.getParent())) {
    nameNode = fn.getParentIfKindOrThrow(SyntaxKind.VariableDeclaration).getNameNode();
  }
  if (nameNode === undefined || !Node.isIdentifier(nameNode)) return values;
  for (const reference of context.search.references(nameNode)) {
    const call = reference.getParent();
    if (Node.isCallExpression(call) && call.getExpression() === reference && isProjectNode(context, call)) {
      const argument = call.getArguments()[index];
      if (argument !== undefined) values.push(argument);
    }
  }
  return values;
}

function resolveSymbolValue(context: AnalysisContext, node: Node, depth: number): number | undefined {
  let symbol = node.getSymbol();
  if (symbol?.isAlias()) symbol = symbol.getAliasedSymbol() ?? symbol;
  const shorthand = Node.isShorthandPropertyAssignment(node.getParent()) ? node.getParentOrThrow().asKindOrThrow(SyntaxKind.ShorthandPropertyAssignment).getValueSymbol() : undefined;
  return resolveDeclarationsValue(context, (shorthand ?? symbol)?.getDeclarations() ?? [], depth);
}

/** `TIMEOUTS['model']`, `TIMEOUTS[KEY]`: the property the key names, when the key is a constant. */
function resolveElementValue(context: AnalysisContext, node: Node, depth: number): number | undefined {
  if (!Node.isElementAccessExpression(node)) return undefined;
  const argument = node.getArgumentExpression();
  if (argument === undefined) return undefined;
  // A constant key has a literal type: `'model'`, `const KEY = 'model'`, a string enum member.
  const type = argument.getType();
  const name = type.isStringLiteral() || type.isNumberLiteral() ? String(type.getLiteralValue()) : undefined;
  if (name === undefined) return undefined;
  const property = node.getExpression().getType().getProperty(name);
  return resolveDeclarationsValue(context, property?.getDeclarations() ?? [], depth);
}

function resolveDeclarationsValue(context: AnalysisContext, declarations: readonly Node[], depth: number): number | undefined {
  const values: (number | undefined)[] = [];
  for (const declaration of declarations) {
    if (Node.isVariableDeclaration(declaration)) {
      const initializer = declaration.getInitializer();
      if (initializer !== undefined) values.push(resolveNumberAt(context, initializer, depth + 1));
    } else if (Node.isParameterDeclaration(declaration)) {
      const bound = context.parameterBindings.at(-1)?.get(declaration);
      if (bound !== undefined) return bound;
      values.push(largest(parameterValues(context, declaration).map((value) => resolveNumberAt(context, value, depth + 1))));
    } else if (Node.isPropertyAssignment(declaration)) {
      const initializer = declaration.getInitializer();
      if (initializer !== undefined) values.push(resolveNumberAt(context, initializer, depth + 1));
    } else if (Node.isPropertySignature(declaration) || Node.isPropertyDeclaration(declaration)) {
      values.push(largest(propertyWrites(context, declaration).map((value) => resolveNumberAt(context, value, depth + 1))));
    } else if (Node.isEnumMember(declaration)) {
      const value = declaration.getValue();
      if (typeof value === 'number') values.push(value);
    } else if (Node.isBindingElement(declaration)) {
      // `const { timeoutMs } = options`: the property of the same name.
      const propertyName = declaration.getPropertyNameNode() ?? declaration.getNameNode();
      const holder = declaration.getParent().getParent();
      if (Node.isVariableDeclaration(holder) || Node.isParameterDeclaration(holder)) {
        const source = Node.isVariableDeclaration(holder) ? (holder.getInitializer() ?? holder) : holder;
        const property = source.getType().getProperty(propertyName.getText());
        for (const propertyDeclaration of property?.getDeclarations() ?? []) {
          if (Node.isPropertySignature(propertyDeclaration) || Node.isPropertyAssignment(propertyDeclaration) || Node.isPropertyDeclaration(propertyDeclaration)) {
            values.push(largest(propertyWrites(context, propertyDeclaration).map((value) => resolveNumberAt(context, value, depth + 1))));
          }
        }
      }
    }
  }
  return largest(values);
}

function resolveNumberAt(context: AnalysisContext, expression: Node, depth: number): number | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const node = unwrap(expression);
  // What a parameter stands for depends on the call being evaluated, so only parameter-free answers are kept.
  const bindable = context.parameterBindings.length > 0 && (Node.isIdentifier(node) || Node.isBinaryExpression(node) || Node.isCallExpression(node) || Node.isPropertyAccessExpression(node) || Node.isElementAccessExpression(node));
  if (!bindable && context.numbers.has(node)) return context.numbers.get(node);
  if (!bindable) context.numbers.set(node, undefined);
  const value = computeNumber(context, node, depth);
  if (!bindable) context.numbers.set(node, value);
  return value;
}

function computeNumber(context: AnalysisContext, node: Node, depth: number): number | undefined {
  // Literals and operators read as in the rest of npvguard (separators, hex, exponents; JavaScript's arithmetic).
  if (Node.isNumericLiteral(node)) return numericLiteralValue(node.compilerNode);
  if (Node.isPrefixUnaryExpression(node) && (node.getOperatorToken() === SyntaxKind.MinusToken || node.getOperatorToken() === SyntaxKind.PlusToken)) {
    const operand = resolveNumberAt(context, node.getOperand(), depth + 1);
    const value = operand === undefined ? undefined : applyUnary(node.getOperatorToken() === SyntaxKind.MinusToken ? '-' : '+', operand);
    return typeof value === 'number' ? value : undefined;
  }
  if (Node.isElementAccessExpression(node)) return resolveElementValue(context, node, depth + 1);
  if (Node.isIdentifier(node) || Node.isPropertyAccessExpression(node)) {
    if (Node.isIdentifier(node) && node.getText() === 'Infinity') return Number.POSITIVE_INFINITY;
    if (Node.isPropertyAccessExpression(node) && node.getText() === 'Number.POSITIVE_INFINITY') return Number.POSITIVE_INFINITY;
    return resolveSymbolValue(context, Node.isPropertyAccessExpression(node) ? node.getNameNode() : node, depth);
  }
  if (Node.isBinaryExpression(node)) {
    const operator = node.getOperatorToken().getKind();
    const left = resolveNumberAt(context, node.getLeft(), depth + 1);
    const right = resolveNumberAt(context, node.getRight(), depth + 1);
    if (operator === SyntaxKind.QuestionQuestionToken || operator === SyntaxKind.BarBarToken) return largest([left, right]);
    if (left === undefined || right === undefined) return undefined;
    const value = applyBinary(node.getOperatorToken().getText(), left, right);
    return typeof value === 'number' ? value : undefined;
  }
  if (Node.isConditionalExpression(node)) {
    return largest([resolveNumberAt(context, node.getWhenTrue(), depth + 1), resolveNumberAt(context, node.getWhenFalse(), depth + 1)]);
  }
  if (Node.isCallExpression(node)) {
    const callee = node.getExpression().getText();
    const values = node.getArguments().map((argument) => resolveNumberAt(context, argument, depth + 1));
    if ((callee === 'Math.min' || callee === 'Math.max') && values.length > 0 && values.every((value) => value !== undefined)) {
      return callee === 'Math.min' ? Math.min(...values) : Math.max(...values);
    }
  }
  return undefined;
}

/**
 * The number an expression always stays at or under, when the sources say so: literals, constants (imported
 * ones through the type checker), `as const` objects read by name or constant key, enum members, arithmetic,
 * config defaults written as object literals, and the arguments every call site passes for a parameter (the
 * largest of those that resolve). Undefined when nothing resolves (the caller reports it as undecided).
 */
export function resolveNumber(context: AnalysisContext, expression: Expression | Node): number | undefined {
  return resolveNumberAt(context, expression, 0);
}

/** How many items a collection can hold, when every value it is given is an array literal. */
export function collectionBound(context: AnalysisContext, expression: Node, depth = 0): number | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const node = unwrap(expression);
  if (Node.isArrayLiteralExpression(node)) {
    const elements = node.getElements();
    return elements.some((element) => Node.isSpreadElement(element)) ? undefined : elements.length;
  }
  const nameNode = Node.isPropertyAccessExpression(node) ? node.getNameNode() : Node.isIdentifier(node) ? node : undefined;
  if (nameNode === undefined) return undefined;
  const values: Node[] = [];
  let symbol = nameNode.getSymbol();
  if (symbol?.isAlias()) symbol = symbol.getAliasedSymbol() ?? symbol;
  for (const declaration of symbol?.getDeclarations() ?? []) {
    if (Node.isVariableDeclaration(declaration)) {
      const initializer = declaration.getInitializer();
      if (initializer === undefined) return undefined;
      values.push(initializer);
    } else if (Node.isPropertySignature(declaration) || Node.isPropertyDeclaration(declaration)) {
      values.push(...propertyWrites(context, declaration));
    } else if (Node.isPropertyAssignment(declaration)) {
      values.push(declaration.getInitializerOrThrow());
    } else {
      return undefined;
    }
  }
  if (values.length === 0) return undefined;
  const bounds = values.map((value) => collectionBound(context, value, depth + 1));
  if (bounds.some((bound) => bound === undefined)) return undefined;
  return Math.max(...bounds.filter((bound): bound is number => bound !== undefined));
}
