import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isFunctionNode, unwrapExpression, walk } from '../util/ast.js';
import { createRule } from '../util/create-rule.js';
import { DEFAULT_COMPOSITION_FUNCTIONS, executionContext } from '../util/execution-context.js';
import { DEFAULT_APP_NAMES } from '../util/fastify-routes.js';
import { fileMatches } from '../util/files.js';
import { INVALID_SETTINGS_MESSAGE, withSettings } from '../util/rule-settings.js';
import { NAMES_SCHEMA, REQUEST_PATH_SCHEMA } from '../util/schemas.js';
import { DEFAULT_REQUEST_PATH } from '../util/settings.js';

export type Options = [{ requestPath?: string[]; compositionFunctions?: string[]; checkLoops?: boolean }];
export type MessageIds = 'sequentialAwait' | 'awaitInLoop' | 'combineWithPromiseAll' | 'invalidSettings';

/** A statement that waits for one call and keeps its result under some names. */
interface AwaitStep {
  statement: TSESTree.Statement;
  await: TSESTree.AwaitExpression;
  /** Names the statement binds or assigns; the next step depends on it if it reads one of them. */
  names: Set<string>;
  /** Present when the step is `const <pattern> = await <call>`, the shape the suggestion can merge. */
  declaration: TSESTree.VariableDeclaration | undefined;
}

export default createRule<Options, MessageIds>({
  name: 'no-sequential-independent-awaits',
  meta: {
    type: 'suggestion',
    docs: {
      description:
        'Disallow awaiting independent calls one after another (consecutive statements or loop iterations) in request-path code',
    },
    hasSuggestions: true,
    messages: {
      sequentialAwait:
        'This `await` does not use the result of the one before it (`{{previous}}`), yet waits for it to finish: the request pays the sum of both latencies. Start both and await them together with `Promise.all`.',
      awaitInLoop:
        'This `await` runs once per iteration, each waiting for the last: the request pays the sum of all latencies. Start the calls together and await `Promise.all`, or fetch the whole batch in one call.',
      combineWithPromiseAll: 'Await both calls together with `Promise.all`.',
      invalidSettings: INVALID_SETTINGS_MESSAGE,
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          requestPath: REQUEST_PATH_SCHEMA,
          compositionFunctions: NAMES_SCHEMA(
            'Name patterns of functions that run once at startup (`buildApp`, `create*`), where sequential awaits cost nothing per request.',
          ),
          checkLoops: { type: 'boolean', description: 'Also report `await` of a call inside a loop body (default true).' },
        },
      },
    ],
    defaultOptions: [{}],
  },
  create(context, [options]) {
    return withSettings(context, (settings) => {
      const requestPath = options.requestPath ?? settings.requestPath ?? DEFAULT_REQUEST_PATH;
      const inRequestPath = fileMatches(context, requestPath);
      const compositionFunctions = options.compositionFunctions ?? DEFAULT_COMPOSITION_FUNCTIONS;
      const checkLoops = options.checkLoops ?? true;
      const sourceCode = context.sourceCode;

      function runsPerRequest(node: TSESTree.Node): boolean {
        return (
          executionContext(node, { inRequestPath, appNames: DEFAULT_APP_NAMES, compositionFunctions, sourceCode }) ===
          'request'
        );
      }

      function checkStatements(statements: readonly TSESTree.Statement[]): void {
        for (let index = 1; index < statements.length; index += 1) {
          const previous = statements[index - 1];
          const next = statements[index];
          if (!previous || !next) continue;
          const first = awaitStep(previous, false);
          const second = awaitStep(next, true);
          if (!first || !second || readsAny(second.await.argument, first.names)) continue;
          if (!runsPerRequest(second.await)) continue;
          report(first, second);
        }
      }

      function report(first: AwaitStep, second: AwaitStep): void {
        const merged = mergedDeclaration(first, second, sourceCode);
        context.report({
          node: second.await,
          messageId: 'sequentialAwait',
          data: { previous: sourceCode.getText(first.await) },
          suggest: merged
            ? [{ messageId: 'combineWithPromiseAll', fix: (fixer) => mergeIntoPromiseAll(fixer, first, second, merged) }]
            : [],
        });
      }

      const listener: TSESLint.RuleListener = {
        BlockStatement: (node) => checkStatements(node.body),
        SwitchCase: (node) => checkStatements(node.consequent),
        StaticBlock: (node) => checkStatements(node.body),
      };
      if (!checkLoops) return listener;
      return {
        ...listener,
        AwaitExpression(node: TSESTree.AwaitExpression) {
          const loop = enclosingLoop(node);
          if (!loop || !isCall(node.argument) || leavesEarly(loop)) return;
          if (readsAny(node.argument, namesAssignedIn(loopBody(loop)))) return;
          if (!runsPerRequest(node)) return;
          context.report({ node, messageId: 'awaitInLoop' });
        },
      };
    });
  },
});

function isCall(node: TSESTree.Node): boolean {
  const value = unwrapExpression(node);
  return value.type === AST_NODE_TYPES.CallExpression || value.type === AST_NODE_TYPES.NewExpression;
}

/**
 * `const x = await call()` / `x = await call()`, and, as the second step only, `await call();`. A bare
 * `await call();` as the first step is kept in order on purpose: its only product is a side effect
 * the next step may rely on.
 */
function awaitStep(statement: TSESTree.Statement, allowBare: boolean): AwaitStep | undefined {
  if (statement.type === AST_NODE_TYPES.VariableDeclaration && statement.declarations.length === 1) {
    const declarator = statement.declarations[0];
    const init = declarator?.init ? unwrapExpression(declarator.init) : undefined;
    if (!declarator || init?.type !== AST_NODE_TYPES.AwaitExpression || !isCall(init.argument)) return undefined;
    return { statement, await: init, names: patternNames(declarator.id), declaration: statement };
  }
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return undefined;
  const expression = unwrapExpression(statement.expression);
  if (expression.type === AST_NODE_TYPES.AssignmentExpression && expression.operator === '=') {
    const right = unwrapExpression(expression.right);
    if (right.type !== AST_NODE_TYPES.AwaitExpression || !isCall(right.argument)) return undefined;
    return { statement, await: right, names: patternNames(expression.left), declaration: undefined };
  }
  if (allowBare && expression.type === AST_NODE_TYPES.AwaitExpression && isCall(expression.argument)) {
    return { statement, await: expression, names: new Set(), declaration: undefined };
  }
  return undefined;
}

/** Every identifier a binding or assignment target introduces (`{ a, b: [c] }` → a, c; `this.x` → this). */
function patternNames(pattern: TSESTree.Node): Set<string> {
  const names = new Set<string>();
  walk(pattern, (node) => {
    if (node.type === AST_NODE_TYPES.Identifier) names.add(node.name);
    if (node.type === AST_NODE_TYPES.ThisExpression) names.add('this');
    if (node.type === AST_NODE_TYPES.MemberExpression) {
      walk(node.object, (inner) => {
        if (inner.type === AST_NODE_TYPES.Identifier) names.add(inner.name);
        if (inner.type === AST_NODE_TYPES.ThisExpression) names.add('this');
      });
      return false;
    }
    if (node.type === AST_NODE_TYPES.Property && !node.computed) {
      walk(node.value, (inner) => {
        if (inner.type === AST_NODE_TYPES.Identifier) names.add(inner.name);
      });
      return false;
    }
    return !(node.type === AST_NODE_TYPES.TSTypeAnnotation);
  });
  return names;
}

/** Whether `node` reads any of `names` (nested callbacks included: they may run before the await resolves). */
function readsAny(node: TSESTree.Node, names: ReadonlySet<string>): boolean {
  if (names.size === 0) return false;
  let found = false;
  walk(node, (current) => {
    if (found) return false;
    if (current.type === AST_NODE_TYPES.Identifier && names.has(current.name)) found = true;
    if (current.type === AST_NODE_TYPES.ThisExpression && names.has('this')) found = true;
    // `a.b`: `b` is a property name, not a read of a variable `b`.
    if (current.type === AST_NODE_TYPES.MemberExpression && !current.computed) {
      if (readsAny(current.object, names)) found = true;
      return false;
    }
    if (current.type === AST_NODE_TYPES.Property && !current.computed) {
      if (readsAny(current.value, names)) found = true;
      return false;
    }
    return true;
  });
  return found;
}

/** `const [a, b] = await Promise.all([x(), y()]);` when both steps are plain declarations of the same kind. */
function mergedDeclaration(first: AwaitStep, second: AwaitStep, sourceCode: Readonly<TSESLint.SourceCode>): string | undefined {
  const left = first.declaration;
  const right = second.declaration;
  if (!left || !right || left.kind !== right.kind || left.kind === 'using' || left.kind === 'await using') return undefined;
  const [leftDeclarator] = left.declarations;
  const [rightDeclarator] = right.declarations;
  if (!leftDeclarator || !rightDeclarator) return undefined;
  if (hasTypeAnnotation(leftDeclarator.id) || hasTypeAnnotation(rightDeclarator.id)) return undefined;
  if (sourceCode.commentsExistBetween(left, right) || sourceCode.getCommentsInside(left).length > 0 || sourceCode.getCommentsInside(right).length > 0) {
    return undefined;
  }
  const names = `${sourceCode.getText(leftDeclarator.id)}, ${sourceCode.getText(rightDeclarator.id)}`;
  const calls = `${sourceCode.getText(first.await.argument)}, ${sourceCode.getText(second.await.argument)}`;
  return `${left.kind} [${names}] = await Promise.all([${calls}]);`;
}

function mergeIntoPromiseAll(fixer: TSESLint.RuleFixer, first: AwaitStep, second: AwaitStep, merged: string): TSESLint.RuleFix {
  return fixer.replaceTextRange([first.statement.range[0], second.statement.range[1]], merged);
}

function hasTypeAnnotation(pattern: TSESTree.Node): boolean {
  return 'typeAnnotation' in pattern && pattern.typeAnnotation !== undefined;
}

type Loop =
  | TSESTree.ForStatement
  | TSESTree.ForOfStatement
  | TSESTree.ForInStatement
  | TSESTree.WhileStatement
  | TSESTree.DoWhileStatement;

/** The loop whose body contains `node`, without crossing a function boundary. */
function enclosingLoop(node: TSESTree.Node): Loop | undefined {
  let child: TSESTree.Node = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    if (isFunctionNode(current)) return undefined;
    switch (current.type) {
      case AST_NODE_TYPES.ForOfStatement:
        if (current.await) return undefined;
        return current.body === child ? current : undefined;
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.ForInStatement:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
        return current.body === child ? current : undefined;
      default:
        break;
    }
  }
  return undefined;
}

function loopBody(loop: Loop): TSESTree.Statement {
  return loop.body;
}

/** A loop that can stop early (`break`, `return`, `throw`) is a search or a retry: its order is the point. */
function leavesEarly(loop: Loop): boolean {
  let early = false;
  walk(
    loop.body,
    (node) => {
      if (
        node.type === AST_NODE_TYPES.BreakStatement ||
        node.type === AST_NODE_TYPES.ReturnStatement ||
        node.type === AST_NODE_TYPES.ThrowStatement
      ) {
        early = true;
      }
      return !early;
    },
    true,
  );
  return early;
}

/** Names assigned inside the loop body: a value carried from one iteration to the next (a cursor). */
function namesAssignedIn(body: TSESTree.Node): Set<string> {
  const names = new Set<string>();
  walk(body, (node) => {
    if (node.type === AST_NODE_TYPES.AssignmentExpression) for (const name of patternNames(node.left)) names.add(name);
    if (node.type === AST_NODE_TYPES.UpdateExpression) for (const name of patternNames(node.argument)) names.add(name);
    return true;
  });
  return names;
}
