import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { isFunctionNode, memberPropertyName, propertyKeyName, staticKeyName, unwrapExpression, walk, type FunctionNode } from '../ast.js';
import { calleeSourceFile, functionOfCallee, importedConstant, parameterIndex } from './functions.js';
import { locationOf, relativeFile, shortText, type FlowModule } from './modules.js';

/** One place a value passes through on its way from a source to a sink. */
export interface Step {
  file: string;
  line: number;
  column: number;
  text: string;
}

/**
 * Where a value comes from: a source (the steps lead from it to the expression asked about), or a parameter of the
 * function the expression is in (the steps lead from the parameter), which the function's callers decide.
 */
export type Taint =
  | { kind: 'source'; label: string; sourceKind: string; source: TSESTree.Node; steps: Step[] }
  | {
      kind: 'parameter';
      fn: FunctionNode;
      index: number;
      steps: Step[];
      /** The first property read from the parameter on the way (`body.limit`): the caller's argument narrows by it. */
      via?: string;
    };

export type SourceTaint = Extract<Taint, { kind: 'source' }>;

/** A value that reaches a sink: what it is, and the sink's name for messages (`logger.info`). */
export interface SinkValue {
  value: TSESTree.Node;
  sink: string;
}

export interface FlowSpec {
  /** Distinguishes tracers with different sources, sinks or options (summaries are cached per tracer). */
  readonly key: string;
  /**
   * `identity`: a value keeps its source only through copies, destructuring, spreads, strings, containers and
   * string transforms (an identifier stays an identifier). `derived`: also through arithmetic, comparisons,
   * conditions and any call given it (a random number stays random).
   */
  readonly propagation: 'identity' | 'derived';
  /** An expression that is a source by itself (before anything is followed). */
  source(node: TSESTree.Node, module: FlowModule): { label: string; kind: string } | undefined;
  /**
   * A property taken out of a value by name (`const { listenerId: who } = body`) that is a source by that name;
   * `binding` is the name it is bound to (`who`).
   */
  sourceProperty(name: string, binding: TSESTree.Identifier): { label: string; kind: string } | undefined;
  /**
   * Whether reading property `name` of a value from `taint` leaves the source behind (a named field of a validated
   * request body is that field, not the whole body).
   */
  narrows?(taint: Taint, name: string): boolean;
  /** A call of a function outside the project whose result carries its arguments (a pseudonym still tells people apart). */
  carries?(call: TSESTree.CallExpression, module: FlowModule): boolean;
  /** A call whose result carries none of its inputs (the configured pseudonymiser). */
  sanitises(call: TSESTree.CallExpression, module: FlowModule): boolean;
  /** The values under `root` that reach a sink (for summaries of functions that are called with a source). */
  sinks(root: TSESTree.Node, module: FlowModule): SinkValue[];
}

/** A source reaching a sink inside a called function, through its parameter `index`. */
export interface ParameterSink {
  index: number;
  /** The first property read from the parameter on the way to the sink, if any. */
  via?: string;
  /** From the parameter to the sink, in the callee and the functions it calls. */
  steps: Step[];
  sink: string;
}

/** Interprocedural depth: calls followed into callees (returns and sinks) before a value counts as not followed. */
const MAX_CALL_DEPTH = 4;
/** Nodes one question may visit: a guard against pathological code, not a limit real code reaches. */
const MAX_VISITS = 20_000;
/** Taints kept per expression: enough for a witness; sources first. */
const MAX_TAINTS = 4;

/** String and array methods whose result carries the receiver's (and their arguments') value. */
const CARRYING_METHODS = new Set([
  'toString', 'toLowerCase', 'toUpperCase', 'toLocaleLowerCase', 'toLocaleUpperCase', 'trim', 'trimStart', 'trimEnd',
  'slice', 'substring', 'substr', 'padStart', 'padEnd', 'replace', 'replaceAll', 'normalize', 'concat', 'split', 'join',
  'at', 'valueOf', 'repeat', 'filter', 'find', 'findLast', 'toSorted', 'toReversed', 'sort', 'reverse', 'flat', 'values',
  'entries', 'get', 'toJSON', 'toISOString',
]);
const MAPPING_METHODS = new Set(['map', 'flatMap']);
/** Array methods whose callback's first parameter is an element of the receiver. */
const ITERATING_METHODS = new Set(['map', 'flatMap', 'forEach', 'filter', 'find', 'findLast', 'findIndex', 'some', 'every', 'toSorted', 'sort']);
/** Global functions whose result carries their argument. */
const CARRYING_FUNCTIONS = new Set(['String', 'encodeURIComponent', 'encodeURI', 'escape', 'structuredClone']);
const CARRYING_STATICS = new Set(['JSON.stringify', 'Object.assign', 'Object.values', 'Object.entries', 'Object.fromEntries', 'Array.from', 'Array.of', 'Buffer.from']);
const CARRYING_CONSTRUCTORS = new Set(['URL', 'URLSearchParams', 'String', 'Array', 'Set', 'Map', 'Headers']);
/** Properties that are counts, never the value: `listenerId.length` identifies nobody. */
const COUNT_PROPERTIES = new Set(['length', 'size']);

interface Question {
  visits: number;
  depth: number;
  visiting: Set<TSESTree.Node>;
  /** Follow calls only into functions of the module asked about (a cheap first look that parses no other file). */
  local?: boolean;
}

/**
 * Follows values through code: where an expression's value comes from (locals, destructuring, spreads, template
 * strings, conditionals, returns of called functions in this or another file), and which parameters of a function
 * reach a sink. Summaries of functions are cached on their nodes; modules of other files are cached by content.
 */
export class Tracer {
  private readonly returns = new WeakMap<FunctionNode, Taint[]>();
  private readonly sinkSummaries = new WeakMap<FunctionNode, ParameterSink[]>();

  constructor(readonly spec: FlowSpec) {}

  /** Where the value of `node` comes from. */
  taintsOf(node: TSESTree.Node, module: FlowModule): Taint[] {
    return this.trace(node, module, { visits: 0, depth: 0, visiting: new Set() });
  }

  /** The sources the value of `node` carries (parameters left aside). */
  sourcesOf(node: TSESTree.Node, module: FlowModule): SourceTaint[] {
    return this.taintsOf(node, module).filter((taint): taint is SourceTaint => taint.kind === 'source');
  }

  /**
   * The sinks a call reaches through the parameters of the function it calls, with the sources its arguments carry:
   * `logVisit(who)` where `logVisit` logs its parameter and `who` holds an identifier.
   */
  sourcesIntoCall(call: TSESTree.CallExpression | TSESTree.NewExpression, module: FlowModule): { argument: TSESTree.Node; taint: SourceTaint; through: ParameterSink }[] {
    if (call.type !== AST_NODE_TYPES.CallExpression || call.arguments.length === 0) return [];
    // A method, a global or a library function has no summary: nothing to look up.
    if (calleeSourceFile(call.callee, module) === undefined) return [];
    // The arguments first, within this module: most calls carry no source, and then the callee is never looked up
    // (nor its file parsed). A value returned by another file's function and handed straight on is not seen here.
    const question: Question = { visits: 0, depth: 0, visiting: new Set(), local: true };
    const carried = call.arguments.map((_, index) => {
      const argument = argumentAt(call, index);
      return argument ? this.trace(argument, module, question).filter((taint): taint is SourceTaint => taint.kind === 'source') : [];
    });
    if (carried.every((taints) => taints.length === 0)) return [];
    const resolved = functionOfCallee(call.callee, module);
    if (!resolved) return [];
    const found: { argument: TSESTree.Node; taint: SourceTaint; through: ParameterSink }[] = [];
    for (const through of this.parameterSinks(resolved.fn, resolved.module, question)) {
      const argument = argumentAt(call, through.index);
      const taint = this.narrowed(carried[through.index] ?? [], through.via).find((entry): entry is SourceTaint => entry.kind === 'source');
      if (argument && taint) found.push({ argument, taint, through });
    }
    return found;
  }

  /** The values a function returns, by where they come from. */
  returnTaints(fn: FunctionNode, module: FlowModule): Taint[] {
    return this.returnsOf(fn, module, { visits: 0, depth: 0, visiting: new Set() });
  }

  private returnsOf(fn: FunctionNode, module: FlowModule, question: Question): Taint[] {
    const cached = this.returns.get(fn);
    if (cached) return cached;
    this.returns.set(fn, []);
    const taints: Taint[] = [];
    for (const value of returnedValues(fn)) {
      for (const taint of this.trace(value, module, question)) {
        if (taint.kind === 'source' || taint.fn === fn) taints.push(taint);
      }
    }
    const kept = keep(taints);
    this.returns.set(fn, kept);
    return kept;
  }

  private parameterSinks(fn: FunctionNode, module: FlowModule, question: Question): ParameterSink[] {
    const cached = this.sinkSummaries.get(fn);
    if (cached) return cached;
    this.sinkSummaries.set(fn, []);
    const found: ParameterSink[] = [];
    const inner: Question = { visits: 0, depth: question.depth + 1, visiting: new Set() };
    if (inner.depth <= MAX_CALL_DEPTH) {
      for (const sink of this.spec.sinks(fn.body, module)) {
        for (const taint of this.trace(sink.value, module, inner)) {
          if (taint.kind === 'parameter' && taint.fn === fn) {
            found.push({ index: taint.index, steps: [...taint.steps, step(sink.value, module)], sink: sink.sink, ...(taint.via === undefined ? {} : { via: taint.via }) });
          }
        }
      }
      walk(fn.body, (node) => {
        if (node.type !== AST_NODE_TYPES.CallExpression) return;
        const callee = functionOfCallee(node.callee, module);
        if (!callee || callee.fn === fn) return;
        for (const through of this.parameterSinks(callee.fn, callee.module, inner)) {
          const argument = argumentAt(node, through.index);
          if (!argument) continue;
          for (const taint of this.narrowed(this.trace(argument, module, inner), through.via)) {
            if (taint.kind === 'parameter' && taint.fn === fn) {
              const via = taint.via ?? through.via;
              found.push({ index: taint.index, steps: [...taint.steps, step(node, module), ...through.steps], sink: through.sink, ...(via === undefined ? {} : { via }) });
            }
          }
        }
      });
    }
    const kept = found.slice(0, 8);
    this.sinkSummaries.set(fn, kept);
    return kept;
  }

  private trace(input: TSESTree.Node, module: FlowModule, question: Question): Taint[] {
    const node = unwrapExpression(input);
    if (question.visiting.has(node) || question.visits >= MAX_VISITS) return [];
    question.visits += 1;
    const own = this.spec.source(node, module);
    if (own) return [{ kind: 'source', label: own.label, sourceKind: own.kind, source: node, steps: [step(node, module)] }];
    question.visiting.add(node);
    try {
      return keep(this.traceInner(node, module, question));
    } finally {
      question.visiting.delete(node);
    }
  }

  private traceAll(nodes: readonly (TSESTree.Node | null | undefined)[], module: FlowModule, question: Question): Taint[] {
    const taints: Taint[] = [];
    for (const node of nodes) if (node) taints.push(...this.trace(node, module, question));
    return taints;
  }

  private traceInner(node: TSESTree.Node, module: FlowModule, question: Question): Taint[] {
    const derived = this.spec.propagation === 'derived';
    switch (node.type) {
      case AST_NODE_TYPES.Identifier:
        return this.identifierTaints(node, module, question);
      case AST_NODE_TYPES.MemberExpression: {
        const name = memberPropertyName(node);
        if (!derived && name !== undefined && COUNT_PROPERTIES.has(name)) return [];
        const picked = this.pickedProperty(node.object, name, module, question);
        if (picked) return picked;
        const read = node.computed ? undefined : name;
        const fromObject = withVia(this.narrowed(this.trace(node.object, module, question), read), read);
        return node.computed ? [...fromObject, ...this.trace(node.property, module, question)] : fromObject;
      }
      case AST_NODE_TYPES.TemplateLiteral:
        return this.traceAll(node.expressions, module, question);
      case AST_NODE_TYPES.TaggedTemplateExpression:
        return derived ? this.traceAll(node.quasi.expressions, module, question) : [];
      case AST_NODE_TYPES.BinaryExpression:
        return node.operator === '+' || derived ? this.traceAll([node.left, node.right], module, question) : [];
      case AST_NODE_TYPES.LogicalExpression:
        return this.traceAll([node.left, node.right], module, question);
      case AST_NODE_TYPES.ConditionalExpression:
        return this.traceAll(derived ? [node.test, node.consequent, node.alternate] : [node.consequent, node.alternate], module, question);
      case AST_NODE_TYPES.UnaryExpression:
        return derived && node.operator !== 'typeof' && node.operator !== 'void' && node.operator !== 'delete' ? this.trace(node.argument, module, question) : [];
      case AST_NODE_TYPES.ObjectExpression: {
        const parts: TSESTree.Node[] = [];
        for (const property of node.properties) {
          if (property.type === AST_NODE_TYPES.SpreadElement) parts.push(property.argument);
          else if (!isFunctionNode(property.value)) {
            if (property.computed) parts.push(property.key);
            parts.push(property.value);
          }
        }
        return this.traceAll(parts, module, question);
      }
      case AST_NODE_TYPES.ArrayExpression:
        return this.traceAll(node.elements.map((element) => (element?.type === AST_NODE_TYPES.SpreadElement ? element.argument : element)), module, question);
      case AST_NODE_TYPES.AwaitExpression:
      case AST_NODE_TYPES.SpreadElement:
        return this.trace(node.argument, module, question);
      case AST_NODE_TYPES.AssignmentExpression:
        return this.trace(node.right, module, question);
      case AST_NODE_TYPES.SequenceExpression:
        return node.expressions.length === 0 ? [] : this.trace(node.expressions[node.expressions.length - 1] as TSESTree.Node, module, question);
      case AST_NODE_TYPES.CallExpression:
        return this.callTaints(node, module, question);
      case AST_NODE_TYPES.NewExpression: {
        const callee = unwrapExpression(node.callee);
        const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : undefined;
        return derived || (name !== undefined && CARRYING_CONSTRUCTORS.has(name)) ? this.traceAll(node.arguments, module, question) : [];
      }
      default:
        return [];
    }
  }

  private identifierTaints(identifier: TSESTree.Identifier, module: FlowModule, question: Question): Taint[] {
    const variable = module.variableOf(identifier);
    if (!variable) return [];
    if (variable.defs[0]?.type === 'ImportBinding') {
      // An imported `const`: its initialiser, in its own module (not in the cheap local look).
      if (question.local === true || question.depth >= MAX_CALL_DEPTH) return [];
      const constant = importedConstant(identifier, module);
      if (!constant) return [];
      const inner: Question = { visits: question.visits, depth: question.depth + 1, visiting: new Set() };
      return extend(this.trace(constant.init, constant.module, inner), identifier, module);
    }
    const taints: Taint[] = [];
    const initialisers = new Set<TSESTree.Node>();
    for (const definition of variable.defs) {
      const name = definition.name as TSESTree.Identifier;
      if (definition.type === 'Variable') {
        const declarator = definition.node;
        const loop = declarator.parent.parent;
        const init =
          declarator.init ??
          (loop?.type === AST_NODE_TYPES.ForOfStatement || loop?.type === AST_NODE_TYPES.ForInStatement ? loop.right : undefined);
        if (!init) continue;
        initialisers.add(init);
        const from = declarator.id.type === AST_NODE_TYPES.Identifier ? this.trace(init, module, question) : this.patternTaints(declarator.id, name, init, module, question);
        taints.push(...extend(from, name, module));
      } else if (definition.type === 'Parameter' && isFunctionNode(definition.node)) {
        taints.push(...this.parameterTaints(definition.node, name, module, question));
      }
    }
    for (const reference of variable.references) {
      if (!reference.isWrite() || !reference.writeExpr || initialisers.has(reference.writeExpr)) continue;
      taints.push(...extend(this.trace(reference.writeExpr, module, question), reference.identifier as TSESTree.Identifier, module));
    }
    return taints;
  }

  private parameterTaints(fn: FunctionNode, name: TSESTree.Identifier, module: FlowModule, question: Question): Taint[] {
    const index = parameterIndex(fn, name);
    const parameter = fn.params[index];
    if (index < 0 || !parameter) return [];
    for (const key of patternKeys(parameter, name)) {
      const own = this.spec.sourceProperty(key, name);
      if (own) return [{ kind: 'source', label: own.label, sourceKind: own.kind, source: name, steps: [step(name, module)] }];
    }
    // `items.map((item) => ...)`: the parameter is an element of the receiver.
    const call = fn.parent;
    if (call.type === AST_NODE_TYPES.CallExpression && call.arguments[0] === fn && index === 0) {
      const callee = unwrapExpression(call.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && ITERATING_METHODS.has(memberPropertyName(callee) ?? '')) {
        return extend(this.trace(callee.object, module, question), name, module);
      }
    }
    return [{ kind: 'parameter', fn, index, steps: [step(name, module)] }];
  }

  /** A name bound by destructuring `init`: a source by a key on its way, the picked property, or the whole value. */
  private patternTaints(pattern: TSESTree.Node, name: TSESTree.Identifier, init: TSESTree.Node, module: FlowModule, question: Question): Taint[] {
    const keys = patternKeys(pattern, name);
    for (const key of keys) {
      const own = this.spec.sourceProperty(key, name);
      if (own) return [{ kind: 'source', label: own.label, sourceKind: own.kind, source: name, steps: [step(init, module), step(name, module)] }];
    }
    const first = keys[0];
    const picked = first !== undefined && keys.length === 1 ? this.pickedProperty(init, first, module, question) : undefined;
    return picked ?? withVia(this.narrowed(this.trace(init, module, question), first), first);
  }

  private narrowed(taints: Taint[], name: string | undefined): Taint[] {
    const narrows = this.spec.narrows;
    if (name === undefined || !narrows) return taints;
    return taints.filter((taint) => !narrows(taint, name));
  }

  /** `object.name` where `object` is an object literal, a `const` bound to one, or a call of a project function returning one: that property's value only. */
  private pickedProperty(objectNode: TSESTree.Node, name: string | undefined, module: FlowModule, question: Question): Taint[] | undefined {
    if (name === undefined) return undefined;
    let object = unwrapExpression(objectNode);
    if (object.type === AST_NODE_TYPES.Identifier) {
      const variable = module.variableOf(object);
      const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      const written = variable?.references.some((reference) => reference.isWrite() && reference.writeExpr !== (definition?.node as TSESTree.VariableDeclarator | undefined)?.init);
      if (definition?.type !== 'Variable' || !definition.node.init || written || definition.node.id.type !== AST_NODE_TYPES.Identifier) return undefined;
      object = unwrapExpression(definition.node.init);
    }
    if (object.type === AST_NODE_TYPES.CallExpression) return this.pickedFromCall(object, name, module, question);
    if (object.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
    return this.pickedFromLiteral(object, name, module, question);
  }

  /** `toQuery(body).limit` where every return of `toQuery` is an object literal: that property of them only. */
  private pickedFromCall(call: TSESTree.CallExpression, name: string, module: FlowModule, question: Question): Taint[] | undefined {
    if (question.depth >= MAX_CALL_DEPTH || this.spec.sanitises(call, module)) return undefined;
    if (question.local === true) {
      const from = calleeSourceFile(call.callee, module);
      if (from !== undefined && from !== module.file) return undefined;
    }
    const resolved = functionOfCallee(call.callee, module);
    if (!resolved) return undefined;
    const objects: TSESTree.ObjectExpression[] = [];
    for (const value of returnedValues(resolved.fn)) {
      const object = literalObject(value, resolved.module);
      if (!object) return undefined;
      objects.push(object);
    }
    if (objects.length === 0) return undefined;
    const inner: Question = { visits: question.visits, depth: question.depth + 1, visiting: new Set(), ...(question.local === true ? { local: true } : {}) };
    const taints: Taint[] = [];
    for (const object of objects) {
      for (const returned of this.pickedFromLiteral(object, name, resolved.module, inner)) {
        if (returned.kind === 'source') {
          taints.push({ ...returned, steps: [...returned.steps, step(call, module)] });
          continue;
        }
        if (returned.fn !== resolved.fn) continue;
        const argument = argumentAt(call, returned.index);
        if (!argument) continue;
        for (const taint of this.narrowed(this.trace(argument, module, question), returned.via)) {
          taints.push({ ...taint, steps: [...taint.steps, ...returned.steps, step(call, module)] });
        }
      }
    }
    return taints;
  }

  private pickedFromLiteral(object: TSESTree.ObjectExpression, name: string, module: FlowModule, question: Question): Taint[] {
    const taints: Taint[] = [];
    for (const property of [...object.properties].reverse()) {
      if (property.type === AST_NODE_TYPES.SpreadElement) {
        taints.push(...this.trace(property.argument, module, question));
        continue;
      }
      if (propertyKeyName(property) === name) {
        taints.push(...this.trace(property.value, module, question));
        break;
      }
    }
    return taints;
  }

  private callTaints(call: TSESTree.CallExpression, module: FlowModule, question: Question): Taint[] {
    if (this.spec.sanitises(call, module)) return [];
    const derived = this.spec.propagation === 'derived';
    if (question.local === true) {
      const from = calleeSourceFile(call.callee, module);
      if (from !== undefined && from !== module.file) return [];
    }
    const resolved = question.depth < MAX_CALL_DEPTH ? functionOfCallee(call.callee, module) : undefined;
    if (resolved) {
      const taints: Taint[] = [];
      const inner: Question = { visits: question.visits, depth: question.depth + 1, visiting: new Set(), ...(question.local === true ? { local: true } : {}) };
      for (const returned of this.returnsOf(resolved.fn, resolved.module, inner)) {
        if (returned.kind === 'source') {
          taints.push({ ...returned, steps: [...returned.steps, step(call, module)] });
          continue;
        }
        const argument = argumentAt(call, returned.index);
        if (!argument) continue;
        for (const taint of this.narrowed(this.trace(argument, module, question), returned.via)) {
          taints.push({ ...taint, steps: [...taint.steps, ...returned.steps, step(call, module)] });
        }
      }
      return taints;
    }
    const callee = unwrapExpression(call.callee);
    if (this.spec.carries?.(call, module)) return this.traceAll(call.arguments, module, question);
    const argumentsOf = call.arguments.map((argument) => (argument.type === AST_NODE_TYPES.SpreadElement ? argument.argument : argument));
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = memberPropertyName(callee);
      const receiver = staticKeyName(callee.object, false);
      if (method !== undefined && MAPPING_METHODS.has(method) && argumentsOf[0] && isFunctionNode(unwrapExpression(argumentsOf[0]))) {
        return this.mappedTaints(call, callee.object, unwrapExpression(argumentsOf[0]) as FunctionNode, module, question);
      }
      if (derived) return this.traceAll([callee.object, ...argumentsOf], module, question);
      if (receiver !== undefined && method !== undefined && CARRYING_STATICS.has(`${receiver}.${method}`)) return this.traceAll(argumentsOf, module, question);
      if (method !== undefined && CARRYING_METHODS.has(method)) return this.traceAll([callee.object, ...(method === 'concat' ? argumentsOf : [])], module, question);
      return [];
    }
    if (derived) return this.traceAll(argumentsOf, module, question);
    if (callee.type === AST_NODE_TYPES.Identifier && CARRYING_FUNCTIONS.has(callee.name) && !module.variableOf(callee)) return this.traceAll(argumentsOf.slice(0, 1), module, question);
    return [];
  }

  /** `ids.map((id) => ...)`: what the callback returns, its element parameter standing for the receiver's elements. */
  private mappedTaints(call: TSESTree.CallExpression, receiver: TSESTree.Node, callback: FunctionNode, module: FlowModule, question: Question): Taint[] {
    const taints: Taint[] = [];
    for (const returned of this.returnsOf(callback, module, question)) {
      if (returned.kind === 'source') taints.push({ ...returned, steps: [...returned.steps, step(call, module)] });
      else if (returned.index === 0) taints.push(...extend(this.trace(receiver, module, question), call, module));
    }
    return taints;
  }
}

function argumentAt(call: TSESTree.CallExpression, index: number): TSESTree.Node | undefined {
  const argument = call.arguments[index];
  if (!argument) return undefined;
  return argument.type === AST_NODE_TYPES.SpreadElement ? argument.argument : argument;
}

/** An object literal, or a `const` never written again bound to one. */
function literalObject(value: TSESTree.Node, module: FlowModule): TSESTree.ObjectExpression | undefined {
  let object = unwrapExpression(value);
  if (object.type === AST_NODE_TYPES.Identifier) {
    const variable = module.variableOf(object);
    const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (definition?.type !== 'Variable' || definition.node.id.type !== AST_NODE_TYPES.Identifier || !definition.node.init) return undefined;
    const init = definition.node.init;
    if (variable?.references.some((reference) => reference.isWrite() && reference.writeExpr !== init)) return undefined;
    object = unwrapExpression(init);
  }
  return object.type === AST_NODE_TYPES.ObjectExpression ? object : undefined;
}

/** The values a function returns: its expression body, or every `return` outside nested functions. */
export function returnedValues(fn: FunctionNode): TSESTree.Node[] {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [fn.body];
  const values: TSESTree.Node[] = [];
  walk(
    fn.body,
    (node) => {
      if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) values.push(node.argument);
    },
    true,
  );
  return values;
}

/** The property keys on the way from a destructuring pattern to one of its names: `{ user: { id: who } }` → user, id. */
function patternKeys(pattern: TSESTree.Node, name: TSESTree.Identifier): string[] {
  const keys: string[] = [];
  for (let current: TSESTree.Node | undefined = name; current && current !== pattern; current = current.parent) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (parent?.type === AST_NODE_TYPES.Property && parent.value === current && parent.parent.type === AST_NODE_TYPES.ObjectPattern) {
      const key = propertyKeyName(parent);
      if (key !== undefined) keys.unshift(key);
    }
  }
  return keys;
}

export function step(node: TSESTree.Node, module: FlowModule): Step {
  // A declared name's range covers its type annotation; the name is what a reader looks for.
  return { ...locationOf(node, module), text: node.type === AST_NODE_TYPES.Identifier ? node.name : shortText(node, module) };
}

function extend(taints: readonly Taint[], node: TSESTree.Node, module: FlowModule): Taint[] {
  const next = step(node, module);
  return taints.map((taint) => {
    const last = taint.steps[taint.steps.length - 1];
    if (last && last.file === next.file && last.line === next.line && last.text === next.text) return taint;
    return { ...taint, steps: [...taint.steps, next] };
  });
}

/** Parameter taints read through property `name` for the first time remember it (sources are narrowed where read). */
function withVia(taints: Taint[], name: string | undefined): Taint[] {
  if (name === undefined) return taints;
  return taints.map((taint) => (taint.kind === 'parameter' && taint.via === undefined ? { ...taint, via: name } : taint));
}

function keep(taints: readonly Taint[]): Taint[] {
  const sources = taints.filter((taint) => taint.kind === 'source');
  const parameters = taints.filter((taint) => taint.kind === 'parameter');
  const seen = new Set<string>();
  const kept: Taint[] = [];
  for (const taint of [...sources, ...parameters]) {
    const key = taint.kind === 'source' ? `s:${taint.label}:${taint.source.range[0]}` : `p:${taint.index}:${taint.via ?? ''}:${taint.fn.range[0]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(taint);
    if (kept.length >= MAX_TAINTS) break;
  }
  return kept;
}

/**
 * A witness for a message: `request.body.listenerId` (line 10) → `who` (line 11) → `logger.info` (log.ts:7). Steps
 * in another file than `from` name that file; consecutive steps on one line are merged.
 */
export function renderSteps(steps: readonly Step[], from: string): string {
  const parts: string[] = [];
  let previous: Step | undefined;
  for (const current of steps) {
    if (previous && previous.file === current.file && previous.line === current.line && previous.text === current.text) continue;
    const where = current.file === from ? `line ${current.line}` : `${relativeFile(current.file, from)}:${current.line}`;
    parts.push(`\`${current.text}\` (${where})`);
    previous = current;
  }
  if (parts.length <= 7) return parts.join(' → ');
  return [...parts.slice(0, 3), '…', ...parts.slice(-3)].join(' → ');
}
