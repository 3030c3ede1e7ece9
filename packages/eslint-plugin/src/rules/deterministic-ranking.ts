import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../util/create-rule.js';
import { fileMatches } from '../util/files.js';
import { displayQualifiedName, GLOBAL_MODULE, qualifiedName, type QualifiedName } from '../util/imports.js';
import { INVALID_SETTINGS_MESSAGE, withSettings } from '../util/rule-settings.js';
import { GLOBS_SCHEMA, NAMES_SCHEMA } from '../util/schemas.js';
import { DEFAULT_DETERMINISTIC_PATH } from '../util/settings.js';

export type Options = [{ deterministicPath?: string[]; allow?: string[] }];
export type MessageIds = 'ambientClock' | 'ambientRandomness' | 'invalidSettings';

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
      if (!fileMatches(context, deterministicPath)) return {};
      const allowed = new Set(options.allow ?? []);

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

      return { CallExpression: check, NewExpression: check };
    });
  },
});

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
