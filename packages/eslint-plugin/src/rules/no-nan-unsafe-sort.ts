import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { calleeParts, isFunctionNode, memberPropertyName, receiverName, unwrapExpression, walk, type FunctionNode } from '../util/ast.js';
import { createRule } from '../util/create-rule.js';
import { fileMatches, nameMatches } from '../util/files.js';
import { INVALID_SETTINGS_MESSAGE, withSettings } from '../util/rule-settings.js';
import { NAMES_SCHEMA, REQUEST_PATH_SCHEMA } from '../util/schemas.js';
import { DEFAULT_REQUEST_PATH } from '../util/settings.js';

export type Options = [{ requestPath?: string[]; scoreNames?: string[] }];
export type MessageIds = 'nanUnsafeComparator' | 'invalidSettings';

const SORT_METHODS = ['sort', 'toSorted'];
/** Values that come out of models and heuristics as floats and can be NaN; integers and ids rarely are. */
const DEFAULT_SCORE_NAMES: readonly string[] = ['*score*', '*probability*', '*logit*'];
const RELATIONAL_OPERATORS = ['<', '>', '<=', '>='];

export default createRule<Options, MessageIds>({
  name: 'no-nan-unsafe-sort',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow sort comparators that subtract or compare scores directly, which give an inconsistent order when a score is NaN',
    },
    messages: {
      nanUnsafeComparator:
        'The comparator returns `{{expression}}`, which treats NaN as equal to every score (or as larger and smaller at once): one NaN from a scorer makes the order depend on the input order. Use a comparator that puts NaN last and breaks ties by a stable key.',
      invalidSettings: INVALID_SETTINGS_MESSAGE,
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          requestPath: REQUEST_PATH_SCHEMA,
          scoreNames: NAMES_SCHEMA(
            'Name patterns (case-insensitive) of values that can be NaN; a comparator is checked when it or the sorted collection mentions one.',
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
      const scoreNames = options.scoreNames ?? DEFAULT_SCORE_NAMES;
      return {
        CallExpression(node: TSESTree.CallExpression) {
          const { receiver, name } = calleeParts(node);
          const comparator = node.arguments[0];
          if (!receiver || name === undefined || !SORT_METHODS.includes(name) || !comparator || !isFunctionNode(comparator)) return;
          const sortsScores = nameMatches(receiverName(receiver), scoreNames);
          for (const result of returnedExpressions(comparator)) {
            if (!isNanUnsafe(result) || !(sortsScores || mentionsName(result, scoreNames))) continue;
            context.report({
              node: result,
              messageId: 'nanUnsafeComparator',
              data: { expression: context.sourceCode.getText(result) },
            });
          }
        },
      };
    });
  },
});

/** What an inline comparator returns: its expression body, or the argument of each top-level `return`. */
function returnedExpressions(comparator: FunctionNode): TSESTree.Expression[] {
  if (comparator.body.type !== AST_NODE_TYPES.BlockStatement) return [comparator.body];
  return comparator.body.body.flatMap((statement) =>
    statement.type === AST_NODE_TYPES.ReturnStatement && statement.argument ? [statement.argument] : [],
  );
}

/** `a.score - b.score`, `x - y || tie`, or `a.score > b.score ? -1 : 1`. */
function isNanUnsafe(node: TSESTree.Node): boolean {
  const value = unwrapExpression(node);
  if (value.type === AST_NODE_TYPES.BinaryExpression && value.operator === '-') return !isNumberLiteral(value.left) || !isNumberLiteral(value.right);
  if (value.type === AST_NODE_TYPES.LogicalExpression) return isNanUnsafe(value.left);
  if (value.type === AST_NODE_TYPES.ConditionalExpression) {
    const test = unwrapExpression(value.test);
    return test.type === AST_NODE_TYPES.BinaryExpression && RELATIONAL_OPERATORS.includes(test.operator);
  }
  return false;
}

function isNumberLiteral(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.Literal && typeof node.value === 'number';
}

/** Whether an identifier or property name under `node` matches one of `patterns`. */
function mentionsName(node: TSESTree.Node, patterns: readonly string[]): boolean {
  let found = false;
  walk(node, (current) => {
    if (found) return false;
    if (current.type === AST_NODE_TYPES.Identifier && nameMatches(current.name, patterns)) found = true;
    if (current.type === AST_NODE_TYPES.MemberExpression && nameMatches(memberPropertyName(current), patterns)) found = true;
    return !found;
  });
  return found;
}
