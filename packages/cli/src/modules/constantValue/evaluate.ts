import type * as ts from 'typescript';
import { typescript } from '../typescript.js';
import { bindingInStatements, isDefaultExport, isExported, isReassigned, literalKey, lookupBinding, type Binding, type PathStep } from './bindings.js';
import { isRelativeSpecifier, type ModuleSources } from './moduleReader.js';
import { applyBinary, applyUnary, numericLiteralValue, type Primitive } from './operators.js';

/**
 * A value known from the source. Objects, arrays, enums and modules stay syntax until a member is read, so a
 * property that is a call does not keep its neighbours from resolving (`{ ...defaults, numRuns: 50 }`).
 */
export type Value =
  | Primitive
  | { kind: 'object'; literal: ts.ObjectLiteralExpression }
  | { kind: 'array'; literal: ts.ArrayLiteralExpression }
  | { kind: 'enum'; declaration: ts.EnumDeclaration }
  | { kind: 'module'; source: ts.SourceFile }
  | { kind: 'global'; name: GlobalName };

type GlobalName = 'Number' | 'Math' | 'Object' | 'String';
type Structured = Exclude<Value, Primitive>;

/** What an expression evaluates to, or why it cannot be known without running the code (and where it stops). */
export type Evaluation = { ok: true; value: Value; absent?: boolean } | { ok: false; reason: string; node: ts.Node };

const MAX_DEPTH = 64;
const GLOBALS = new Set<string>(['Number', 'Math', 'Object', 'String']);
const NUMBER_CONSTANTS: Readonly<Record<string, number>> = {
  MAX_SAFE_INTEGER: Number.MAX_SAFE_INTEGER,
  MIN_SAFE_INTEGER: Number.MIN_SAFE_INTEGER,
  MAX_VALUE: Number.MAX_VALUE,
  MIN_VALUE: Number.MIN_VALUE,
  EPSILON: Number.EPSILON,
  POSITIVE_INFINITY: Number.POSITIVE_INFINITY,
  NEGATIVE_INFINITY: Number.NEGATIVE_INFINITY,
  NaN: Number.NaN,
};
const MATH_FUNCTIONS: Readonly<Record<string, (...values: number[]) => number>> = {
  min: Math.min,
  max: Math.max,
  floor: Math.floor,
  ceil: Math.ceil,
  round: Math.round,
  trunc: Math.trunc,
  abs: Math.abs,
};

const ok = (value: Value): Evaluation => ({ ok: true, value });
const ABSENT: Evaluation = { ok: true, value: undefined, absent: true };

export function shortText(node: ts.Node): string {
  const text = node.getText().replace(/\s+/g, ' ');
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function unwrap(node: ts.Expression): ts.Expression {
  let current = node;
  while (
    typescript.isParenthesizedExpression(current) ||
    typescript.isAsExpression(current) ||
    typescript.isSatisfiesExpression(current) ||
    typescript.isNonNullExpression(current) ||
    typescript.isTypeAssertionExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}

function isStructured(value: Value): value is Structured {
  return typeof value === 'object' && value !== null;
}

function describe(value: Value): string {
  if (!isStructured(value)) return value === null ? 'null' : typeof value;
  return { object: 'an object', array: 'an array', enum: 'an enum', module: 'a module', global: `\`${value.kind === 'global' ? value.name : ''}\`` }[value.kind];
}

/** The leftmost identifier of `a.b['c'].d`. */
function rootName(node: ts.Expression): ts.Identifier | undefined {
  let current = unwrap(node);
  while (typescript.isPropertyAccessExpression(current) || typescript.isElementAccessExpression(current)) current = unwrap(current.expression);
  return typescript.isIdentifier(current) ? current : undefined;
}

/**
 * Evaluates expressions from syntax alone, following `const`s (and `let`s never assigned again), destructuring,
 * object and array literals with spreads, `as const`, enums, imports of relative modules (through `sources`), and
 * arithmetic, comparisons, `??`/`||`/`&&`, conditionals and template strings with JavaScript's semantics.
 * Anything known only at run time (a call, a parameter, the environment) is an Evaluation with the reason.
 * Nodes come from this module's compiler (`../typescript.js`); ts-morph's bundled copy may number syntax kinds apart.
 */
export class ConstantEvaluator {
  private readonly active = new Set<ts.Node>();
  private depth = 0;

  constructor(private readonly sources: ModuleSources) {}

  evaluate(expression: ts.Expression): Evaluation {
    if (this.depth >= MAX_DEPTH) return { ok: false, reason: 'it is nested too deeply to follow', node: expression };
    this.depth += 1;
    try {
      return this.compute(unwrap(expression));
    } finally {
      this.depth -= 1;
    }
  }

  /** The member `key` of a value: a property, an array element or `length`, an enum member, a module's export. */
  member(value: Value, key: string, at: ts.Node): Evaluation {
    if (!isStructured(value)) {
      if (typeof value === 'string') {
        if (key === 'length') return ok(value.length);
        return /^\d+$/.test(key) ? ok(value[Number(key)]) : { ok: false, reason: `\`${shortText(at)}\` reads a string method`, node: at };
      }
      return { ok: false, reason: `\`${shortText(at)}\` reads \`${key}\` of ${describe(value)}`, node: at };
    }
    switch (value.kind) {
      case 'object':
        return this.objectMember(value.literal, key);
      case 'array':
        return this.arrayMember(value.literal, key, at);
      case 'enum':
        return this.enumMember(value.declaration, key, at);
      case 'module':
        return this.exported(value.source, key, at);
      case 'global':
        if (value.name === 'Number' && key in NUMBER_CONSTANTS) return ok(NUMBER_CONSTANTS[key]);
        if (value.name === 'Math' && (key === 'PI' || key === 'E')) return ok(Math[key]);
        return { ok: false, reason: `\`${shortText(at)}\` is not a constant`, node: at };
    }
  }

  /** The elements of an array value, spreads flattened, each still unevaluated (`undefined` for a hole). */
  elements(literal: ts.ArrayLiteralExpression): { ok: true; elements: (ts.Expression | undefined)[] } | Extract<Evaluation, { ok: false }> {
    if (this.active.has(literal)) return { ok: false, reason: 'an array spreads itself', node: literal };
    this.active.add(literal);
    try {
      return this.ownElements(literal);
    } finally {
      this.active.delete(literal);
    }
  }

  private ownElements(literal: ts.ArrayLiteralExpression): { ok: true; elements: (ts.Expression | undefined)[] } | Extract<Evaluation, { ok: false }> {
    const elements: (ts.Expression | undefined)[] = [];
    for (const element of literal.elements) {
      if (typescript.isOmittedExpression(element)) elements.push(undefined);
      else if (typescript.isSpreadElement(element)) {
        const spread = this.evaluate(element.expression);
        if (!spread.ok) return spread;
        if (!isStructured(spread.value) || spread.value.kind !== 'array') return { ok: false, reason: `\`${shortText(element)}\` spreads ${describe(spread.value)}`, node: element };
        const inner = this.elements(spread.value.literal);
        if (!inner.ok) return inner;
        elements.push(...inner.elements);
      } else elements.push(element);
    }
    return { ok: true, elements };
  }

  private compute(node: ts.Expression): Evaluation {
    if (typescript.isNumericLiteral(node)) return ok(numericLiteralValue(node));
    if (typescript.isStringLiteral(node) || typescript.isNoSubstitutionTemplateLiteral(node)) return ok(node.text);
    if (node.kind === typescript.SyntaxKind.TrueKeyword) return ok(true);
    if (node.kind === typescript.SyntaxKind.FalseKeyword) return ok(false);
    if (node.kind === typescript.SyntaxKind.NullKeyword) return ok(null);
    if (typescript.isTemplateExpression(node)) return this.template(node);
    if (typescript.isIdentifier(node)) return this.identifier(node);
    if (typescript.isObjectLiteralExpression(node)) return ok({ kind: 'object', literal: node });
    if (typescript.isArrayLiteralExpression(node)) return ok({ kind: 'array', literal: node });
    if (typescript.isPropertyAccessExpression(node) || typescript.isElementAccessExpression(node)) return this.access(node);
    if (typescript.isPrefixUnaryExpression(node)) return this.unary(node);
    if (typescript.isBinaryExpression(node)) return this.binary(node);
    if (typescript.isConditionalExpression(node)) {
      const condition = this.primitive(node.condition);
      if (!condition.ok) return condition;
      return this.evaluate(condition.value ? node.whenTrue : node.whenFalse);
    }
    if (typescript.isCallExpression(node)) return this.call(node);
    return { ok: false, reason: `\`${shortText(node)}\` is not a constant expression`, node };
  }

  private primitive(expression: ts.Expression): { ok: true; value: Primitive } | Extract<Evaluation, { ok: false }> {
    const result = this.evaluate(expression);
    if (!result.ok) return result;
    // An object, array or enum in a condition is truthy; in arithmetic it is not followed.
    if (isStructured(result.value)) return { ok: false, reason: `\`${shortText(expression)}\` is ${describe(result.value)}, not a number or a string`, node: expression };
    return { ok: true, value: result.value };
  }

  private template(node: ts.TemplateExpression): Evaluation {
    let text = node.head.text;
    for (const span of node.templateSpans) {
      const part = this.primitive(span.expression);
      if (!part.ok) return part;
      text += String(part.value) + span.literal.text;
    }
    return ok(text);
  }

  private identifier(node: ts.Identifier): Evaluation {
    const binding = lookupBinding(node);
    if (binding !== undefined) return this.bound(binding, node.text, node);
    if (node.text === 'undefined') return ok(undefined);
    if (node.text === 'NaN') return ok(Number.NaN);
    if (node.text === 'Infinity') return ok(Number.POSITIVE_INFINITY);
    if (GLOBALS.has(node.text)) return ok({ kind: 'global', name: node.text as GlobalName });
    return { ok: false, reason: `\`${node.text}\` is not declared in this file or its imports (a global known only at run time)`, node };
  }

  private access(node: ts.PropertyAccessExpression | ts.ElementAccessExpression): Evaluation {
    const root = rootName(node);
    if (root?.text === 'process' && lookupBinding(root) === undefined) {
      return { ok: false, reason: `\`${shortText(node)}\` is read from the process at run time`, node };
    }
    const object = this.evaluate(node.expression);
    if (!object.ok) return object;
    if (node.questionDotToken !== undefined && (object.value === undefined || object.value === null)) return ok(undefined);
    let key: string;
    if (typescript.isPropertyAccessExpression(node)) key = node.name.text;
    else {
      const argument = this.primitive(node.argumentExpression);
      if (!argument.ok) return argument;
      key = String(argument.value);
    }
    const found = this.member(object.value, key, node);
    return found.ok ? ok(found.value) : found;
  }

  private unary(node: ts.PrefixUnaryExpression): Evaluation {
    const operand = this.primitive(node.operand);
    if (!operand.ok) return operand;
    const value = applyUnary(typescript.tokenToString(node.operator) ?? '', operand.value);
    return value === undefined ? { ok: false, reason: `\`${shortText(node)}\` assigns`, node } : ok(value);
  }

  private binary(node: ts.BinaryExpression): Evaluation {
    const operator = node.operatorToken.kind;
    if (operator === typescript.SyntaxKind.QuestionQuestionToken || operator === typescript.SyntaxKind.BarBarToken || operator === typescript.SyntaxKind.AmpersandAmpersandToken) {
      const left = this.evaluate(node.left);
      if (!left.ok) return left;
      const value = left.value;
      const takeLeft = operator === typescript.SyntaxKind.QuestionQuestionToken ? value !== undefined && value !== null : operator === typescript.SyntaxKind.BarBarToken ? isStructured(value) || Boolean(value) : !(isStructured(value) || Boolean(value));
      return takeLeft ? left : this.evaluate(node.right);
    }
    const left = this.primitive(node.left);
    if (!left.ok) return left;
    const right = this.primitive(node.right);
    if (!right.ok) return right;
    const value = applyBinary(node.operatorToken.getText(), left.value, right.value);
    if (value === undefined) return { ok: false, reason: `\`${shortText(node)}\` uses the operator \`${node.operatorToken.getText()}\`, which is not followed`, node };
    return ok(value);
  }

  private call(node: ts.CallExpression): Evaluation {
    const callee = unwrap(node.expression);
    const runtime: Evaluation = { ok: false, reason: `\`${shortText(node)}\` is a call: its result is known only when the code runs`, node };
    if (typescript.isIdentifier(callee) && (callee.text === 'Number' || callee.text === 'String') && lookupBinding(callee) === undefined && node.arguments.length === 1) {
      const argument = this.primitive(node.arguments[0] as ts.Expression);
      if (!argument.ok) return argument;
      return ok(callee.text === 'Number' ? Number(argument.value) : String(argument.value));
    }
    if (!typescript.isPropertyAccessExpression(callee) || !typescript.isIdentifier(callee.expression) || lookupBinding(callee.expression) !== undefined) return runtime;
    const owner = callee.expression.text;
    const method = callee.name.text;
    if (owner === 'Object' && method === 'freeze' && node.arguments.length === 1) return this.evaluate(node.arguments[0] as ts.Expression);
    const math = owner === 'Math' ? MATH_FUNCTIONS[method] : undefined;
    if (math === undefined) return runtime;
    const values: number[] = [];
    for (const argument of node.arguments) {
      const value = this.primitive(argument);
      if (!value.ok) return value;
      values.push(Number(value.value));
    }
    return ok(math(...values));
  }

  /** The value of `name`, bound as `binding`; `at` is where it is read, for messages. */
  private bound(binding: Binding, name: string, at: ts.Node): Evaluation {
    switch (binding.kind) {
      case 'variable':
        return this.variable(binding.declaration, binding.path, name, at);
      case 'enum':
        return ok({ kind: 'enum', declaration: binding.declaration });
      case 'enum-member':
        return this.enumMemberValue(binding.member);
      case 'import':
        return this.imported(binding.declaration, binding.name, at);
      case 'runtime':
        return { ok: false, reason: `\`${name}\` is ${binding.what}`, node: at };
    }
  }

  private variable(declaration: ts.VariableDeclaration, path: readonly PathStep[], name: string, at: ts.Node): Evaluation {
    const constant = (typescript.getCombinedNodeFlags(declaration) & typescript.NodeFlags.Const) !== 0;
    if (!constant && isReassigned(declaration, name)) return { ok: false, reason: `\`${name}\` is assigned again after its declaration`, node: at };
    if (declaration.initializer === undefined) return { ok: false, reason: `\`${name}\` is declared without a value`, node: at };
    if (this.active.has(declaration)) return { ok: false, reason: `\`${name}\` refers to itself`, node: at };
    this.active.add(declaration);
    try {
      let current = this.evaluate(declaration.initializer);
      for (const step of path) {
        if (!current.ok) return current;
        current = this.member(current.value, step.key, declaration.name);
        if (current.ok && current.value === undefined && step.fallback !== undefined) current = this.evaluate(step.fallback);
      }
      return current.ok ? ok(current.value) : current;
    } finally {
      this.active.delete(declaration);
    }
  }

  private objectMember(literal: ts.ObjectLiteralExpression, key: string): Evaluation {
    if (this.active.has(literal)) return { ok: false, reason: `\`${key}\` is read from an object that spreads itself`, node: literal };
    this.active.add(literal);
    try {
      return this.ownMember(literal, key);
    } finally {
      this.active.delete(literal);
    }
  }

  private ownMember(literal: ts.ObjectLiteralExpression, key: string): Evaluation {
    // The last property that may define `key` wins, as in the object the code builds.
    for (const property of [...literal.properties].reverse()) {
      if (typescript.isSpreadAssignment(property)) {
        const spread = this.evaluate(property.expression);
        if (!spread.ok) return { ok: false, reason: `\`...${shortText(property.expression)}\` may set \`${key}\`: ${spread.reason}`, node: spread.node };
        if (spread.value === undefined || spread.value === null) continue;
        if (!isStructured(spread.value) || spread.value.kind !== 'object') return { ok: false, reason: `\`${shortText(property)}\` spreads ${describe(spread.value)}`, node: property };
        const found = this.objectMember(spread.value.literal, key);
        if (!found.ok || found.absent !== true) return found;
        continue;
      }
      const name = property.name;
      if (name === undefined) continue;
      let propertyKey = literalKey(name);
      if (propertyKey === undefined && typescript.isComputedPropertyName(name)) {
        const computed = this.primitive(name.expression);
        if (!computed.ok) return { ok: false, reason: `the computed key \`${shortText(name)}\` may be \`${key}\`: ${computed.reason}`, node: computed.node };
        propertyKey = String(computed.value);
      }
      if (propertyKey !== key) continue;
      if (typescript.isPropertyAssignment(property)) return this.evaluate(property.initializer);
      if (typescript.isShorthandPropertyAssignment(property)) return this.identifier(property.name);
      return { ok: false, reason: `\`${key}\` is a method or an accessor`, node: property };
    }
    return ABSENT;
  }

  private arrayMember(literal: ts.ArrayLiteralExpression, key: string, at: ts.Node): Evaluation {
    const elements = this.elements(literal);
    if (!elements.ok) return elements;
    if (key === 'length') return ok(elements.elements.length);
    if (!/^\d+$/.test(key)) return { ok: false, reason: `\`${shortText(at)}\` reads an array method`, node: at };
    const element = elements.elements[Number(key)];
    return element === undefined ? ABSENT : this.evaluate(element);
  }

  private enumMember(declaration: ts.EnumDeclaration, key: string, at: ts.Node): Evaluation {
    const member = declaration.members.find((candidate) => literalKey(candidate.name) === key);
    return member === undefined ? { ok: false, reason: `\`${shortText(at)}\`: the enum has no member \`${key}\``, node: at } : this.enumMemberValue(member);
  }

  /** An enum member's value: its initializer, or one more than the member before it (0 for the first). */
  private enumMemberValue(member: ts.EnumMember): Evaluation {
    if (this.active.has(member)) return { ok: false, reason: `the enum member \`${member.name.getText()}\` refers to itself`, node: member };
    this.active.add(member);
    try {
      if (member.initializer !== undefined) return this.evaluate(member.initializer);
      const members = member.parent.members;
      const index = members.indexOf(member);
      const previous = members[index - 1];
      if (previous === undefined) return ok(0);
      const before = this.enumMemberValue(previous);
      if (!before.ok) return before;
      return typeof before.value === 'number' ? ok(before.value + 1) : { ok: false, reason: `the enum member \`${member.name.getText()}\` follows a member that is not a number`, node: member };
    } finally {
      this.active.delete(member);
    }
  }

  private imported(declaration: ts.ImportDeclaration, name: string, at: ts.Node): Evaluation {
    const specifier = (declaration.moduleSpecifier as ts.StringLiteral).text;
    if (!isRelativeSpecifier(specifier)) return { ok: false, reason: `\`${shortText(at)}\` is imported from the package \`${specifier}\`, whose sources are not read`, node: at };
    const source = this.sources.moduleOf(declaration.getSourceFile().fileName, specifier);
    if (typeof source === 'string') return { ok: false, reason: `\`${shortText(at)}\` is imported, but ${source}`, node: at };
    return name === '*' ? ok({ kind: 'module', source }) : this.exported(source, name, at);
  }

  /** The value a module exports under `name`: `export const`, `export { a as name }`, re-exports, `export default`. */
  private exported(source: ts.SourceFile, name: string, at: ts.Node, seen = new Set<ts.SourceFile>()): Evaluation {
    if (seen.has(source)) return { ok: false, reason: `\`${name}\` is re-exported in a cycle`, node: at };
    seen.add(source);
    const starSources: string[] = [];
    for (const statement of source.statements) {
      if (typescript.isExportAssignment(statement) && !statement.isExportEquals && name === 'default') return this.evaluate(statement.expression);
      if (typescript.isExportDeclaration(statement)) {
        if (statement.isTypeOnly) continue;
        const clause = statement.exportClause;
        const from = statement.moduleSpecifier !== undefined && typescript.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : undefined;
        if (clause === undefined) {
          if (from !== undefined) starSources.push(from);
          continue;
        }
        if (typescript.isNamespaceExport(clause)) {
          if (clause.name.text !== name || from === undefined) continue;
          const target = this.sources.moduleOf(source.fileName, from);
          return typeof target === 'string' ? { ok: false, reason: `\`${name}\` is re-exported, but ${target}`, node: at } : ok({ kind: 'module', source: target });
        }
        const element = clause.elements.find((candidate) => candidate.name.text === name && !candidate.isTypeOnly);
        if (element === undefined) continue;
        const original = (element.propertyName ?? element.name).text;
        if (from === undefined) {
          const local = bindingInStatements(source.statements, original);
          return local === undefined ? { ok: false, reason: `\`${original}\` is exported but not declared in ${source.fileName}`, node: at } : this.bound(local, original, at);
        }
        const target = this.sources.moduleOf(source.fileName, from);
        if (typeof target === 'string') return { ok: false, reason: `\`${name}\` is re-exported, but ${target}`, node: at };
        return this.exported(target, original, at, seen);
      }
      if (!isExported(statement)) continue;
      if (isDefaultExport(statement)) {
        if (name === 'default') return typescript.isEnumDeclaration(statement) ? ok({ kind: 'enum', declaration: statement }) : { ok: false, reason: `the default export of ${source.fileName} is a function or a class`, node: at };
        continue;
      }
      const local = bindingInStatements([statement], name);
      if (local !== undefined) return this.bound(local, name, at);
    }
    for (const from of starSources) {
      const target = this.sources.moduleOf(source.fileName, from);
      if (typeof target === 'string') continue;
      const found = this.exported(target, name, at, seen);
      if (found.ok || !found.reason.startsWith('no export')) return found;
    }
    return { ok: false, reason: `no export \`${name}\` in ${source.fileName}`, node: at };
  }
}

