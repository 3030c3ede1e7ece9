import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { calleeParts, isFunctionNode, memberChain, receiverName, unwrapExpression, walk } from '../util/ast.js';
import { createRule } from '../util/create-rule.js';
import { fileMatches, nameMatches } from '../util/files.js';
import { GLOBAL_MODULE, isQualified, qualifiedName } from '../util/imports.js';
import { INVALID_SETTINGS_MESSAGE, withSettings } from '../util/rule-settings.js';
import { NAMES_SCHEMA, REQUEST_PATH_SCHEMA } from '../util/schemas.js';
import { DEFAULT_REQUEST_PATH } from '../util/settings.js';
import { constInitializer, resolveObject } from '../util/static-value.js';

export type Options = [
  {
    requestPath?: string[];
    boundedCollections?: string[];
    boundingCalls?: string[];
    concurrencyLimiters?: string[];
  },
];
export type MessageIds = 'unboundedFanout' | 'invalidSettings';

const PROMISE_COMBINATORS = ['all', 'allSettled', 'any', 'race'];
const MAPPING_METHODS = ['map', 'flatMap'];
/** Array methods that keep or shrink the size of the collection they are called on. */
const SIZE_PRESERVING_METHODS = ['filter', 'map', 'reverse', 'toReversed', 'toSorted', 'sort'];

/** Collections whose size is fixed when the service is composed, not by the request. */
const DEFAULT_BOUNDED_COLLECTIONS: readonly string[] = [
  '*sources',
  '*hydrators',
  '*filters',
  '*scorers',
  '*selectors',
  '*sideEffects',
  '*stages',
  '*steps',
];
const DEFAULT_BOUNDING_CALLS: readonly string[] = ['slice', 'take', 'topK', 'first', 'limitTo'];
const DEFAULT_CONCURRENCY_LIMITERS: readonly string[] = ['limit', '*limiter', 'semaphore', '*semaphore', 'pLimit', 'mapWithConcurrency'];

export default createRule<Options, MessageIds>({
  name: 'no-unbounded-fanout',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow `Promise.all` over a mapped collection whose size is not statically bounded in request-path code',
    },
    messages: {
      unboundedFanout:
        '`Promise.{{combinator}}` starts one call per element of `{{collection}}`, whose size is not bounded here: a large input fans out without limit. Batch the calls into one, cap the collection (`.slice(0, n)`), or bound the concurrency.',
      invalidSettings: INVALID_SETTINGS_MESSAGE,
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          requestPath: REQUEST_PATH_SCHEMA,
          boundedCollections: NAMES_SCHEMA(
            'Name patterns of collections sized at composition time (`definition.sources`), which may be fanned out over.',
          ),
          boundingCalls: NAMES_SCHEMA(
            'Calls that cap a collection\'s size when given a limit (`items.slice(0, n)`, `take(items, n)`).',
          ),
          concurrencyLimiters: NAMES_SCHEMA(
            'Functions or receivers that bound concurrency inside the mapper (`limit(() => call())`).',
          ),
        },
      },
    ],
    defaultOptions: [{}],
  },
  create(context, [options]) {
    return withSettings(context, (settings) => {
      const requestPath = options.requestPath ?? settings.requestPath ?? DEFAULT_REQUEST_PATH;
      if (!fileMatches(context, requestPath)) return {};
      const bounds: Bounds = {
        boundedCollections: options.boundedCollections ?? DEFAULT_BOUNDED_COLLECTIONS,
        boundingCalls: options.boundingCalls ?? DEFAULT_BOUNDING_CALLS,
        concurrencyLimiters: options.concurrencyLimiters ?? DEFAULT_CONCURRENCY_LIMITERS,
      };
      return {
        CallExpression(node: TSESTree.CallExpression) {
          const combinator = promiseCombinator(node, context.sourceCode);
          const argument = node.arguments[0];
          if (combinator === undefined || !argument || argument.type === AST_NODE_TYPES.SpreadElement) return;
          for (const mapping of mappedCollections(argument, context.sourceCode)) {
            if (isBoundedFanout(mapping, bounds, context.sourceCode)) continue;
            context.report({
              node: mapping.collection,
              messageId: 'unboundedFanout',
              data: { combinator, collection: context.sourceCode.getText(mapping.collection) },
            });
          }
        },
      };
    });
  },
});

interface Bounds {
  boundedCollections: readonly string[];
  boundingCalls: readonly string[];
  concurrencyLimiters: readonly string[];
}

interface Mapping {
  collection: TSESTree.Expression;
  mapper: TSESTree.Node | undefined;
}

function promiseCombinator(node: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): string | undefined {
  const name = qualifiedName(node.callee, sourceCode);
  if (!name || name.module !== GLOBAL_MODULE || name.path[0] !== 'Promise' || name.path.length !== 2) return undefined;
  const combinator = name.path[1];
  return combinator !== undefined && PROMISE_COMBINATORS.includes(combinator) ? combinator : undefined;
}

/** The `xs` of `xs.map(f)` (also behind a `const`, and inside `[...xs.map(f)]` or `Array.from(xs, f)`). */
function mappedCollections(argument: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): Mapping[] {
  let value = unwrapExpression(argument);
  if (value.type === AST_NODE_TYPES.Identifier) {
    const initializer = constInitializer(value, sourceCode);
    if (!initializer) return [];
    value = unwrapExpression(initializer);
  }
  if (value.type === AST_NODE_TYPES.ArrayExpression) {
    return value.elements.flatMap((element) =>
      element?.type === AST_NODE_TYPES.SpreadElement ? mappedCollections(element.argument, sourceCode) : [],
    );
  }
  if (value.type !== AST_NODE_TYPES.CallExpression) return [];
  const { receiver, name } = calleeParts(value);
  if (receiver && name !== undefined && MAPPING_METHODS.includes(name)) {
    return [{ collection: receiver, mapper: value.arguments[0] }];
  }
  if (isQualified(qualifiedName(value.callee, sourceCode), GLOBAL_MODULE, ['Array', 'from'])) {
    const [collection, mapper] = value.arguments;
    if (collection && collection.type !== AST_NODE_TYPES.SpreadElement && mapper) return [{ collection, mapper }];
  }
  return [];
}

function isBoundedFanout(mapping: Mapping, bounds: Bounds, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return isBoundedCollection(mapping.collection, bounds, sourceCode, 0) || mapperLimitsConcurrency(mapping.mapper, bounds);
}

function isBoundedCollection(
  node: TSESTree.Node,
  bounds: Bounds,
  sourceCode: Readonly<TSESLint.SourceCode>,
  depth: number,
): boolean {
  const value = unwrapExpression(node);
  if (value.type === AST_NODE_TYPES.ArrayExpression) {
    return value.elements.every((element) => element?.type !== AST_NODE_TYPES.SpreadElement);
  }
  if (value.type === AST_NODE_TYPES.ObjectExpression) return isConstantLength(value, sourceCode);
  if (value.type === AST_NODE_TYPES.CallExpression) return isBoundingCall(value, bounds, sourceCode, depth);
  if (nameMatches(receiverName(value), bounds.boundedCollections)) return true;
  if (value.type === AST_NODE_TYPES.Identifier && depth < 3) {
    const initializer = constInitializer(value, sourceCode);
    return initializer !== undefined && isBoundedCollection(initializer, bounds, sourceCode, depth + 1);
  }
  return false;
}

function isBoundingCall(
  call: TSESTree.CallExpression,
  bounds: Bounds,
  sourceCode: Readonly<TSESLint.SourceCode>,
  depth: number,
): boolean {
  const { receiver, name } = calleeParts(call);
  // `items.slice(0, n)` and `take(items, n)` cap the size; `items.slice(1)` does not.
  if (nameMatches(name, bounds.boundingCalls) && call.arguments.length >= 2) return true;
  const qualified = qualifiedName(call.callee, sourceCode);
  const [first] = call.arguments;
  if (qualified?.module === GLOBAL_MODULE && qualified.path[0] === 'Object' && first) {
    // `Object.values(CONSTANT_TABLE)` is as bounded as the table.
    if (first.type === AST_NODE_TYPES.SpreadElement) return false;
    const table = resolveObject(first, sourceCode);
    if (table.kind === 'object') return table.node.properties.every((property) => property.type === AST_NODE_TYPES.Property);
    return isBoundedCollection(first, bounds, sourceCode, depth + 1);
  }
  if (isQualified(qualified, GLOBAL_MODULE, ['Array', 'from']) && first?.type === AST_NODE_TYPES.ObjectExpression) {
    return isConstantLength(first, sourceCode);
  }
  if (receiver && SIZE_PRESERVING_METHODS.includes(name ?? '')) {
    return isBoundedCollection(receiver, bounds, sourceCode, depth + 1);
  }
  return false;
}

/** `{ length: 3 }` or `{ length: MAX_PARALLEL }` where the constant is a number literal. */
function isConstantLength(object: TSESTree.ObjectExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
    if (property.key.type !== AST_NODE_TYPES.Identifier || property.key.name !== 'length') continue;
    let value = unwrapExpression(property.value);
    if (value.type === AST_NODE_TYPES.Identifier) {
      const initializer = constInitializer(value, sourceCode);
      if (!initializer) return false;
      value = unwrapExpression(initializer);
    }
    return value.type === AST_NODE_TYPES.Literal && typeof value.value === 'number';
  }
  return false;
}

/** `ids.map((id) => limit(() => store.get(id)))`: the limiter, not the collection, bounds the fan-out. */
function mapperLimitsConcurrency(mapper: TSESTree.Node | undefined, bounds: Bounds): boolean {
  if (!mapper || !isFunctionNode(mapper)) return false;
  let limited = false;
  walk(mapper.body, (node) => {
    if (limited) return false;
    if (node.type !== AST_NODE_TYPES.CallExpression) return true;
    const { receiver, name } = calleeParts(node);
    const chain = receiver ? memberChain(receiver) : undefined;
    if (nameMatches(name, bounds.concurrencyLimiters) || nameMatches(chain?.at(-1), bounds.concurrencyLimiters)) {
      limited = true;
      return false;
    }
    return true;
  }, true);
  return limited;
}
