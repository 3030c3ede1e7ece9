import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { memberPropertyName, propertyKeyName, unwrapExpression } from '../util/ast.js';
import { createRule } from '../util/create-rule.js';
import { fileMatches } from '../util/files.js';
import { GLOBAL_MODULE, isQualified, qualifiedName } from '../util/imports.js';
import { INVALID_SETTINGS_MESSAGE, withSettings } from '../util/rule-settings.js';
import { GLOBS_SCHEMA } from '../util/schemas.js';
import { DEFAULT_CONFIG_PATH } from '../util/settings.js';

export type Options = [{ configPath?: string[]; entryPoints?: boolean }];
export type MessageIds = 'processEnv' | 'invalidSettings';

/**
 * `spawn(cmd, args, { env: { ...process.env, LC_ALL: 'C' } })` or `parseArgs(argv, process.env)` hands the
 * whole environment on (to a child process, to a parser) instead of reading a setting out of it.
 */
function isForwarded(node: TSESTree.MemberExpression): boolean {
  let child: TSESTree.Node = node;
  let parent = node.parent;
  while (parent.type === AST_NODE_TYPES.LogicalExpression || parent.type === AST_NODE_TYPES.ConditionalExpression) {
    if (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test === child) return false;
    child = parent;
    parent = parent.parent;
  }
  switch (parent.type) {
    case AST_NODE_TYPES.SpreadElement:
      return true;
    case AST_NODE_TYPES.Property:
      return parent.value === child;
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return parent.arguments.includes(child as TSESTree.CallExpressionArgument);
    default:
      return false;
  }
}

/** `process.env.X = value`, `process.env[name] = value`, `delete process.env.X`: setting the environment, not reading a setting. */
function isWrite(node: TSESTree.MemberExpression): boolean {
  const member = node.parent;
  if (member.type !== AST_NODE_TYPES.MemberExpression || member.object !== node) return false;
  const use = member.parent;
  if (use.type === AST_NODE_TYPES.AssignmentExpression && use.left === member && use.operator === '=') return true;
  return use.type === AST_NODE_TYPES.UnaryExpression && use.operator === 'delete';
}

export default createRule<Options, MessageIds>({
  name: 'no-process-env-outside-config',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow reading `process.env` outside the configuration layer',
    },
    messages: {
      processEnv:
        '`{{expression}}` reads the environment outside the config layer: settings then hide in the code, unvalidated and invisible to tests. Parse them once in the config module and pass the values in.',
      invalidSettings: INVALID_SETTINGS_MESSAGE,
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          configPath: GLOBS_SCHEMA(
            'Globs (relative to the ESLint cwd) of files allowed to read `process.env`. Default: `settings.npvguard.configPath`, else config modules (`**/config/**`, `**/{config,env,settings}.*`), `**/*.config.*`, tests and test support, bench and scripts.',
          ),
          entryPoints: {
            type: 'boolean',
            description: 'Whether a file that starts a server (calls `.listen(...)`), the entry point, may read `process.env` (`PORT`, `HOST`). Default true.',
          },
        },
      },
    ],
    defaultOptions: [{}],
  },
  create(context, [options]) {
    return withSettings(context, (settings) => {
      const configPath = options.configPath ?? settings.configPath ?? DEFAULT_CONFIG_PATH;
      if (fileMatches(context, configPath)) return {};
      const sourceCode = context.sourceCode;
      const entryPoints = options.entryPoints ?? true;
      // Reported once the whole file was seen: an entry point (it starts the server) may read the environment.
      const pending: Array<{ node: TSESTree.Node; expression: string }> = [];
      let startsServer = false;
      const report = (node: TSESTree.Node, expression: string): void => {
        pending.push({ node, expression });
      };

      function isProcess(node: TSESTree.Node): boolean {
        const name = qualifiedName(node, sourceCode);
        return isQualified(name, GLOBAL_MODULE, ['process']) || isQualified(name, 'process', []);
      }

      return {
        MemberExpression(node: TSESTree.MemberExpression) {
          if (memberPropertyName(node) !== 'env' || !isProcess(node.object) || isForwarded(node) || isWrite(node)) return;
          report(node, sourceCode.getText(node));
        },
        // `const { env } = process`
        VariableDeclarator(node: TSESTree.VariableDeclarator) {
          if (node.id.type !== AST_NODE_TYPES.ObjectPattern || !node.init || !isProcess(unwrapExpression(node.init))) return;
          for (const property of node.id.properties) {
            if (property.type === AST_NODE_TYPES.Property && propertyKeyName(property) === 'env') {
              report(property, 'process.env');
            }
          }
        },
        // `import { env } from 'node:process'`
        ImportSpecifier(node: TSESTree.ImportSpecifier) {
          const declaration = node.parent;
          if (declaration.type !== AST_NODE_TYPES.ImportDeclaration) return;
          const module = declaration.source.value.replace(/^node:/, '');
          const imported = node.imported.type === AST_NODE_TYPES.Identifier ? node.imported.name : node.imported.value;
          if (module === 'process' && imported === 'env') {
            report(node, 'process.env');
          }
        },
        // `app.listen({ port })`, `server.listen(port)`: the file that starts the server.
        CallExpression(node: TSESTree.CallExpression) {
          const callee = unwrapExpression(node.callee);
          if (callee.type === AST_NODE_TYPES.MemberExpression && memberPropertyName(callee) === 'listen') startsServer = true;
        },
        'Program:exit'() {
          if (entryPoints && startsServer) return;
          for (const { node, expression } of pending) context.report({ node, messageId: 'processEnv', data: { expression } });
        },
      };
    });
  },
});
