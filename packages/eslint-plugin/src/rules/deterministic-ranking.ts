import path from 'node:path';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { isFunctionNode, memberPropertyName, unwrapExpression } from '../util/ast.js';
import { createRule } from '../util/create-rule.js';
import { renderSteps, Tracer, type FlowSpec, type SourceTaint } from '../util/dataflow/flow.js';
import { calleeSourceFile, functionOfCallee, type ResolvedFunction } from '../util/dataflow/functions.js';
import { moduleOfContext, relativeFile, shortText, type FlowModule } from '../util/dataflow/modules.js';
import { fileMatches, pathMatches } from '../util/files.js';
import { displayQualifiedName, GLOBAL_MODULE, qualifiedName, qualifiedNameWith, type QualifiedName } from '../util/imports.js';
import { INVALID_SETTINGS_MESSAGE, withSettings } from '../util/rule-settings.js';
import { GLOBS_SCHEMA, NAMES_SCHEMA } from '../util/schemas.js';
import { DEFAULT_DETERMINISTIC_PATH } from '../util/settings.js';

export type Options = [{ deterministicPath?: string[]; allow?: string[]; perRequest?: string[] }];
export type MessageIds =
  | 'ambientClock'
  | 'ambientRandomness'
  | 'ambientFromCall'
  | 'ambientIntoDeterministic'
  | 'ambientOrdering'
  | 'ambientShuffle'
  | 'invalidSettings';

type Source = 'clock' | 'randomness';
/** What a taint's source is: an ambient read, or a value made once per request (a request id). */
type SourceKind = Source | 'request';

/** Ambient sources, by module (`<global>` for globals) and member path. */
const AMBIENT_SOURCES: readonly { module: string; path: readonly string[]; source: Source }[] = [
  { module: GLOBAL_MODULE, path: ['Math', 'random'], source: 'randomness' },
  { module: GLOBAL_MODULE, path: ['Date', 'now'], source: 'clock' },
  { module: GLOBAL_MODULE, path: ['Date'], source: 'clock' },
  { module: GLOBAL_MODULE, path: ['performance', 'now'], source: 'clock' },
  { module: 'perf_hooks', path: ['performance', 'now'], source: 'clock' },
  { module: GLOBAL_MODULE, path: ['process', 'hrtime'], source: 'clock' },
  { module: GLOBAL_MODULE, path: ['process', 'hrtime', 'bigint'], source: 'clock' },
  { module: 'process', path: ['hrtime'], source: 'clock' },
  { module: 'process', path: ['hrtime', 'bigint'], source: 'clock' },
  ...['randomUUID', 'getRandomValues', 'randomBytes', 'randomInt', 'randomFill', 'randomFillSync'].flatMap((name) => [
    { module: GLOBAL_MODULE, path: ['crypto', name], source: 'randomness' as const },
    { module: 'crypto', path: [name], source: 'randomness' as const },
    { module: GLOBAL_MODULE, path: ['crypto', 'webcrypto', name], source: 'randomness' as const },
  ]),
];

export default createRule<Options, MessageIds>({
  name: 'deterministic-ranking',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow the ambient clock and randomness (`Math.random`, `Date.now`, `new Date()`, `crypto.randomUUID`) in layers that must be deterministic',
    },
    messages: {
      ambientClock:
        '`{{call}}` reads the wall clock in a deterministic layer: the same input can give a different result from one run to the next. Take the time from a clock passed in (a parameter or an injected dependency).',
      ambientRandomness:
        '`{{call}}` draws ambient randomness in a deterministic layer: assignments and tie-breaks become irreproducible. Derive the value from a hash of the unit and a salt, or take it from a random source passed in.',
      ambientFromCall:
        '`{{call}}` brings {{what}} ({{path}}) into a deterministic layer: the same input can give a different result from one run to the next. Take it from a clock or a random source passed in, or derive it from a hash of the unit and a salt.',
      ambientIntoDeterministic:
        '`{{value}}` carries {{what}} ({{path}}) into `{{callee}}` ({{file}}), a function of a deterministic layer: its result is no longer reproducible. Pass a value derived from the input (a hash of the unit and a salt), or a clock or random source the caller controls.',
      ambientOrdering:
        'This {{how}} orders by {{what}} ({{path}}): the order changes from one run to the next. Break ties by a stable key (an id), or shuffle with a seeded generator.',
      ambientShuffle:
        'This moves elements of `{{array}}` to positions chosen by {{what}} ({{path}}): the order changes from one run to the next. Order by a stable key, or shuffle with a generator seeded from the input.',
      invalidSettings: INVALID_SETTINGS_MESSAGE,
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          deterministicPath: GLOBS_SCHEMA(
            'Globs (relative to the ESLint cwd) of files that must be deterministic. Default: `settings.npvguard.deterministicPath`, else `**/src/experiments/**` and `**/src/components/**`.',
          ),
          allow: NAMES_SCHEMA('Calls to accept anyway, written as reported (`performance.now`, `crypto.randomUUID`).'),
          perRequest: NAMES_SCHEMA(
            'Properties that hold a value made once per request (a request id from fastify `request.id` or `genReqId`). A sort order derived from such a property read outside the elements being sorted is reported. Default: none.',
          ),
        },
      },
    ],
    defaultOptions: [{}],
  },
  create(context, [options]) {
    return withSettings(context, (settings) => {
      const deterministicPath = options.deterministicPath ?? settings.deterministicPath ?? DEFAULT_DETERMINISTIC_PATH;
      const allowed = new Set(options.allow ?? []);
      const perRequest = new Set(options.perRequest ?? []);
      const module = moduleOfContext(context);
      const key = JSON.stringify([[...allowed].sort(), [...perRequest].sort()]);
      let tracer = tracers.get(key);
      if (!tracer) {
        tracer = new Tracer(ambientSpec(key, allowed, perRequest));
        if (tracers.size > 32) tracers.clear();
        tracers.set(key, tracer);
      }
      const flow = tracer;
      const isDeterministic = (file: string): boolean => pathMatches(path.relative(context.cwd, file).split(path.sep).join('/'), deterministicPath);
      const what = (taint: SourceTaint): string =>
        taint.sourceKind === 'clock' ? 'the wall clock' : taint.sourceKind === 'request' ? 'a value made per request' : 'ambient randomness';
      /** The clock and randomness only: a per-request value matters only where it orders. */
      const ambient = (taints: readonly SourceTaint[]): SourceTaint[] => taints.filter((taint) => taint.sourceKind !== 'request');
      const pathOf = (taint: SourceTaint, extra: readonly { file: string; line: number; column: number; text: string }[] = []): string =>
        renderSteps([...taint.steps, ...extra], context.filename);

      if (!fileMatches(context, deterministicPath)) {
        // Outside the deterministic layers: ambient values handed to their functions, and comparators that order by them.
        return {
          CallExpression(node: TSESTree.CallExpression) {
            // Where the callee comes from first, without parsing: only a function of a deterministic folder (or one
            // re-exported by a barrel) has its arguments followed.
            const from = node.arguments.length === 0 ? undefined : calleeSourceFile(node.callee, module);
            if (from !== undefined && from !== context.filename && (isDeterministic(from) || isBarrel(from))) {
              const callee = functionOfCallee(node.callee, module);
              if (callee && isDeterministic(callee.module.file)) reportArguments(node, callee);
            }
            reportOrdering(node, () => true);
          },
          AssignmentExpression: reportShuffle,
        };
      }

      function reportArguments(call: TSESTree.CallExpression, callee: ResolvedFunction): void {
        for (const argument of call.arguments) {
          const taint = ambient(flow.sourcesOf(argument, module))[0];
          if (!taint) continue;
          context.report({
            node: argument,
            messageId: 'ambientIntoDeterministic',
            data: {
              value: shortText(argument, module),
              what: what(taint),
              path: pathOf(taint),
              callee: shortText(call.callee, module),
              file: relativeFile(callee.module.file, context.filename),
            },
          });
        }
      }

      /**
       * `list.sort(comparator)` / `list.toSorted(comparator)` whose comparator returns a value carrying a source, or
       * `keys.sort()` whose elements carry one. `counts` says which sources this file judges there.
       */
      function reportOrdering(call: TSESTree.CallExpression, counts: (taint: SourceTaint) => boolean): void {
        const sorted = sortCall(call);
        if (!sorted) return;
        if (!sorted.comparator) {
          const taint = flow.sourcesOf(sorted.receiver, module).find(counts);
          if (taint) context.report({ node: call, messageId: 'ambientOrdering', data: { how: 'sort', what: what(taint), path: pathOf(taint) } });
          return;
        }
        const comparator = sorted.comparator;
        const resolved = isFunctionNode(comparator) ? { fn: comparator, module } : functionOfCallee(comparator, module);
        if (!resolved) return;
        const taint = flow
          .returnTaints(resolved.fn, resolved.module)
          .find((entry): entry is SourceTaint => entry.kind === 'source' && counts(entry));
        if (!taint) return;
        context.report({ node: comparator, messageId: 'ambientOrdering', data: { how: 'comparator', what: what(taint), path: pathOf(taint) } });
      }

      /** A Fisher-Yates style move: `list[i] = list[j]` (or a swap through a local) where `i` or `j` is ambient. */
      function reportShuffle(node: TSESTree.AssignmentExpression): void {
        for (const move of elementMoves(node, module)) {
          for (const index of move.indices) {
            const taint = ambient(flow.sourcesOf(index, module))[0];
            if (!taint) continue;
            context.report({ node, messageId: 'ambientShuffle', data: { array: move.array, what: what(taint), path: pathOf(taint) } });
            return;
          }
        }
      }

      function check(node: TSESTree.CallExpression | TSESTree.NewExpression): void {
        const name = qualifiedName(node.callee, context.sourceCode);
        const source = name ? ambientSource(name, node) : undefined;
        if (!name || !source) return;
        const call = displayQualifiedName(name);
        if (allowed.has(call)) return;
        context.report({
          node,
          messageId: source === 'clock' ? 'ambientClock' : 'ambientRandomness',
          data: { call: node.type === AST_NODE_TYPES.NewExpression ? `new ${call}()` : call },
        });
      }

      /** A function of the project outside the deterministic layers whose result carries the ambient clock or randomness. */
      function checkCallee(node: TSESTree.CallExpression): void {
        const callee = functionOfCallee(node.callee, module);
        if (!callee || isDeterministic(callee.module.file)) return;
        // A read in this file's own arguments is reported where it is written.
        const taint = ambient(flow.sourcesOf(node, module)).find((entry) => entry.steps[0]?.file !== context.filename);
        if (!taint) return;
        context.report({ node, messageId: 'ambientFromCall', data: { call: `${shortText(node.callee, module)}(…)`, what: what(taint), path: pathOf(taint) } });
      }

      /** An imported constant of another folder whose value is the clock or randomness (`export const SALT = Math.random()...`). */
      function checkImported(node: TSESTree.Identifier): void {
        if (node.parent.type === AST_NODE_TYPES.ImportSpecifier || node.parent.type === AST_NODE_TYPES.ImportDefaultSpecifier) return;
        if (module.variableOf(node)?.defs[0]?.type !== 'ImportBinding') return;
        const taint = ambient(flow.sourcesOf(node, module)).find((entry) => entry.steps[0]?.file !== context.filename);
        if (!taint) return;
        context.report({ node, messageId: 'ambientFromCall', data: { call: node.name, what: what(taint), path: pathOf(taint) } });
      }

      return {
        CallExpression(node: TSESTree.CallExpression) {
          check(node);
          checkCallee(node);
          // The clock and randomness read here are reported where they are read; a per-request value only where it orders.
          if (perRequest.size > 0) reportOrdering(node, (taint) => taint.sourceKind === 'request');
        },
        NewExpression: check,
        Identifier: checkImported,
      };
    });
  },
});

const tracers = new Map<string, Tracer>();

/**
 * The ambient clock and randomness as a data-flow spec: a value derived from them in any way (arithmetic, a
 * comparison, a call given them) stays ambient.
 */
function ambientSpec(key: string, allowed: ReadonlySet<string>, perRequest: ReadonlySet<string>): FlowSpec {
  const requestValue = (name: string): { label: string; kind: SourceKind } | undefined => (perRequest.has(name) ? { label: name, kind: 'request' } : undefined);
  return {
    key,
    propagation: 'derived',
    source(node, module) {
      if (node.type === AST_NODE_TYPES.MemberExpression && perRequest.size > 0) {
        const name = memberPropertyName(node);
        return name !== undefined && !isElementOfIteration(node.object, module) ? requestValue(name) : undefined;
      }
      if (node.type !== AST_NODE_TYPES.CallExpression && node.type !== AST_NODE_TYPES.NewExpression) return undefined;
      const name = qualifiedNameWith(node.callee, (identifier) => module.variableOf(identifier));
      const source = name ? ambientSource(name, node) : undefined;
      if (!name || !source || allowed.has(displayQualifiedName(name))) return undefined;
      return { label: displayQualifiedName(name), kind: source };
    },
    // `items.sort(({ requestId: a }, { requestId: b }) => ...)`: each element's own field.
    sourceProperty: (name, binding) => (isElementParameter(binding) ? undefined : requestValue(name)),
    sanitises: () => false,
    sinks: () => [],
  };
}

/** `index.ts` and the like: a module that usually re-exports a folder's functions. */
function isBarrel(file: string): boolean {
  return /^index\.[cm]?[jt]sx?$/.test(path.basename(file));
}

/** `list.sort(cb)` / `list.toSorted(cb)`: the list, and the comparator (inline or named) when there is one. */
function sortCall(call: TSESTree.CallExpression): { receiver: TSESTree.Node; comparator?: TSESTree.Node } | undefined {
  const callee = unwrapExpression(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const method = memberPropertyName(callee);
  if (method !== 'sort' && method !== 'toSorted') return undefined;
  const comparator = call.arguments[0];
  if (!comparator) return { receiver: callee.object };
  return comparator.type === AST_NODE_TYPES.SpreadElement ? undefined : { receiver: callee.object, comparator: unwrapExpression(comparator) };
}

/** Array methods that hand their callback the list's elements one by one. */
const ELEMENT_CALLBACKS = new Set(['map', 'flatMap', 'forEach', 'filter', 'find', 'findLast', 'findIndex', 'some', 'every', 'reduce', 'sort', 'toSorted']);

/**
 * Whether `object` is a parameter of a callback handed the elements of a list (`items.map((item) => item.requestId)`,
 * a comparator's `a`): a per-request property read there is each element's own, not the request's.
 */
function isElementOfIteration(object: TSESTree.Node, module: FlowModule): boolean {
  const target = unwrapExpression(object);
  if (target.type !== AST_NODE_TYPES.Identifier) return false;
  const definition = module.variableOf(target)?.defs[0];
  return definition?.type === 'Parameter' && isElementParameter(definition.name as TSESTree.Identifier);
}

/** Whether `binding` is declared by a parameter (or inside its destructuring) of a callback handed a list's elements. */
function isElementParameter(binding: TSESTree.Identifier): boolean {
  let current: TSESTree.Node = binding;
  while (current.parent && !isFunctionNode(current.parent)) current = current.parent;
  const fn = current.parent;
  if (!fn || !isFunctionNode(fn) || !fn.params.some((parameter) => parameter === current)) return false;
  const call = fn.parent;
  if (call.type !== AST_NODE_TYPES.CallExpression || !call.arguments.some((argument) => argument === fn)) return false;
  const callee = unwrapExpression(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && ELEMENT_CALLBACKS.has(memberPropertyName(callee) ?? '');
}

/**
 * An assignment that moves an element of a list to another position of the same list: `list[i] = list[j]`,
 * `list[j] = held` where `const held = list[i]`, or `[list[i], list[j]] = [list[j], list[i]]`. The indices on both
 * sides decide where elements go.
 */
function elementMoves(node: TSESTree.AssignmentExpression, module: FlowModule): { array: string; indices: TSESTree.Node[] }[] {
  if (node.operator !== '=') return [];
  const left = unwrapExpression(node.left);
  const right = unwrapExpression(node.right);
  if (left.type === AST_NODE_TYPES.ArrayPattern && right.type === AST_NODE_TYPES.ArrayExpression) {
    const moves: { array: string; indices: TSESTree.Node[] }[] = [];
    left.elements.forEach((target, position) => {
      const value = right.elements[position];
      if (!target || !value || value.type === AST_NODE_TYPES.SpreadElement) return;
      const move = elementMove(target, value, module);
      if (move) moves.push(move);
    });
    return moves;
  }
  const move = elementMove(left, right, module);
  return move ? [move] : [];
}

function elementMove(target: TSESTree.Node, value: TSESTree.Node, module: FlowModule): { array: string; indices: TSESTree.Node[] } | undefined {
  const written = elementOf(target, module);
  if (!written) return undefined;
  const moved = unwrapExpression(value);
  // `list[j] ?? fallback`: the element, unless the slot is empty.
  const element = moved.type === AST_NODE_TYPES.LogicalExpression && (moved.operator === '??' || moved.operator === '||') ? moved.left : moved;
  let read = elementOf(element, module);
  const held = unwrapExpression(element);
  if (!read && held.type === AST_NODE_TYPES.Identifier) {
    // `const held = list[i]; ...; list[j] = held`.
    const definition = module.variableOf(held)?.defs[0];
    const init = definition?.type === 'Variable' && definition.node.id.type === AST_NODE_TYPES.Identifier ? definition.node.init : null;
    if (init) read = elementOf(init, module);
  }
  if (!read || read.variable !== written.variable) return undefined;
  return { array: written.name, indices: [written.index, read.index] };
}

/** `list[index]` with `list` a variable: the variable and the index. */
function elementOf(node: TSESTree.Node, module: FlowModule): { variable: unknown; name: string; index: TSESTree.Node } | undefined {
  const target = unwrapExpression(node);
  if (target.type !== AST_NODE_TYPES.MemberExpression || !target.computed) return undefined;
  const object = unwrapExpression(target.object);
  if (object.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = module.variableOf(object);
  return variable ? { variable, name: object.name, index: target.property } : undefined;
}

function ambientSource(name: QualifiedName, node: TSESTree.CallExpression | TSESTree.NewExpression): Source | undefined {
  const entry = AMBIENT_SOURCES.find(
    (candidate) =>
      candidate.module === name.module &&
      candidate.path.length === name.path.length &&
      candidate.path.every((part, index) => part === name.path[index]),
  );
  if (!entry) return undefined;
  // `new Date(timestamp)` and `Date.UTC(...)` are pure; only `new Date()` and `Date()` read the clock.
  if (entry.path.length === 1 && entry.path[0] === 'Date') return node.arguments.length === 0 ? 'clock' : undefined;
  return entry.source;
}
