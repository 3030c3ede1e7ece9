import path from 'node:path';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { isFunctionNode, memberPropertyName, unwrapExpression } from '../util/ast.js';
import { createRule } from '../util/create-rule.js';
import { renderSteps, Tracer, type FlowSpec, type SourceTaint } from '../util/dataflow/flow.js';
import { calleeSourceFile, functionOfCallee, type ResolvedFunction } from '../util/dataflow/functions.js';
import { moduleOfContext, relativeFile, shortText } from '../util/dataflow/modules.js';
import { fileMatches, pathMatches } from '../util/files.js';
import { displayQualifiedName, GLOBAL_MODULE, qualifiedName, qualifiedNameWith, type QualifiedName } from '../util/imports.js';
import { INVALID_SETTINGS_MESSAGE, withSettings } from '../util/rule-settings.js';
import { GLOBS_SCHEMA, NAMES_SCHEMA } from '../util/schemas.js';
import { DEFAULT_DETERMINISTIC_PATH } from '../util/settings.js';

export type Options = [{ deterministicPath?: string[]; allow?: string[] }];
export type MessageIds = 'ambientClock' | 'ambientRandomness' | 'ambientFromCall' | 'ambientIntoDeterministic' | 'ambientOrdering' | 'invalidSettings';

type Source = 'clock' | 'randomness';

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
        'This comparator orders by {{what}} ({{path}}): the order changes from one run to the next. Break ties by a stable key (an id), or shuffle with a seeded generator.',
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
        },
      },
    ],
    defaultOptions: [{}],
  },
  create(context, [options]) {
    return withSettings(context, (settings) => {
      const deterministicPath = options.deterministicPath ?? settings.deterministicPath ?? DEFAULT_DETERMINISTIC_PATH;
      const allowed = new Set(options.allow ?? []);
      const module = moduleOfContext(context);
      const key = JSON.stringify([...allowed].sort());
      let tracer = tracers.get(key);
      if (!tracer) {
        tracer = new Tracer(ambientSpec(key, allowed));
        if (tracers.size > 32) tracers.clear();
        tracers.set(key, tracer);
      }
      const flow = tracer;
      const isDeterministic = (file: string): boolean => pathMatches(path.relative(context.cwd, file).split(path.sep).join('/'), deterministicPath);
      const what = (taint: SourceTaint): string => (taint.sourceKind === 'clock' ? 'the wall clock' : 'ambient randomness');
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
            const comparator = sortComparator(node);
            if (comparator) reportComparator(comparator);
          },
        };
      }

      function reportArguments(call: TSESTree.CallExpression, callee: ResolvedFunction): void {
        for (const argument of call.arguments) {
          const taint = flow.sourcesOf(argument, module)[0];
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

      function reportComparator(comparator: TSESTree.Node): void {
        const resolved = isFunctionNode(comparator) ? { fn: comparator, module } : functionOfCallee(comparator, module);
        if (!resolved) return;
        const taint = flow.returnTaints(resolved.fn, resolved.module).find((entry): entry is SourceTaint => entry.kind === 'source');
        if (!taint) return;
        context.report({ node: comparator, messageId: 'ambientOrdering', data: { what: what(taint), path: pathOf(taint) } });
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
        const taint = flow.sourcesOf(node, module).find((entry) => entry.steps[0]?.file !== context.filename);
        if (!taint) return;
        context.report({ node, messageId: 'ambientFromCall', data: { call: `${shortText(node.callee, module)}(…)`, what: what(taint), path: pathOf(taint) } });
      }

      /** An imported constant of another folder whose value is the clock or randomness (`export const SALT = Math.random()...`). */
      function checkImported(node: TSESTree.Identifier): void {
        if (node.parent.type === AST_NODE_TYPES.ImportSpecifier || node.parent.type === AST_NODE_TYPES.ImportDefaultSpecifier) return;
        if (module.variableOf(node)?.defs[0]?.type !== 'ImportBinding') return;
        const taint = flow.sourcesOf(node, module).find((entry) => entry.steps[0]?.file !== context.filename);
        if (!taint) return;
        context.report({ node, messageId: 'ambientFromCall', data: { call: node.name, what: what(taint), path: pathOf(taint) } });
      }

      return {
        CallExpression(node: TSESTree.CallExpression) {
          check(node);
          checkCallee(node);
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
function ambientSpec(key: string, allowed: ReadonlySet<string>): FlowSpec {
  return {
    key,
    propagation: 'derived',
    source(node, module) {
      if (node.type !== AST_NODE_TYPES.CallExpression && node.type !== AST_NODE_TYPES.NewExpression) return undefined;
      const name = qualifiedNameWith(node.callee, (identifier) => module.variableOf(identifier));
      const source = name ? ambientSource(name, node) : undefined;
      if (!name || !source || allowed.has(displayQualifiedName(name))) return undefined;
      return { label: displayQualifiedName(name), kind: source };
    },
    sourceProperty: () => undefined,
    sanitises: () => false,
    sinks: () => [],
  };
}

/** `index.ts` and the like: a module that usually re-exports a folder's functions. */
function isBarrel(file: string): boolean {
  return /^index\.[cm]?[jt]sx?$/.test(path.basename(file));
}

/** The comparator of `list.sort(cb)` / `list.toSorted(cb)`, inline or named. */
function sortComparator(call: TSESTree.CallExpression): TSESTree.Node | undefined {
  const callee = unwrapExpression(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const method = memberPropertyName(callee);
  if (method !== 'sort' && method !== 'toSorted') return undefined;
  const comparator = call.arguments[0];
  return comparator && comparator.type !== AST_NODE_TYPES.SpreadElement ? unwrapExpression(comparator) : undefined;
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
