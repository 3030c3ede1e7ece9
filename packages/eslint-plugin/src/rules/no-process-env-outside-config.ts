import path from 'node:path';
import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { memberPropertyName, propertyKeyName, unwrapExpression } from '../util/ast.js';
import { createRule } from '../util/create-rule.js';
import { fileMatches, pathMatches, relativeFilePath } from '../util/files.js';
import { GLOBAL_MODULE, isQualified, qualifiedName } from '../util/imports.js';
import { INVALID_SETTINGS_MESSAGE, withSettings } from '../util/rule-settings.js';
import { GLOBS_SCHEMA } from '../util/schemas.js';
import { DEFAULT_CONFIG_PATH } from '../util/settings.js';

export type Options = [{ configPath?: string[]; entryPoints?: boolean }];
export type MessageIds = 'processEnv' | 'invalidSettings';

/** Where the whole environment may go without a setting being read out of it. */
interface Destinations {
  /** Whether a module specifier imported in the linted file names a module of the config layer. */
  isConfigModule(specifier: string): boolean;
  sourceCode: Readonly<TSESLint.SourceCode>;
}

/** The call an expression is an argument of, through object literals (`{ env: { ...value } }`), with the keys passed. */
function receivingCall(start: TSESTree.Node): { call: TSESTree.CallExpression | TSESTree.NewExpression; keys: string[] } | undefined {
  const keys: string[] = [];
  let child: TSESTree.Node = start;
  let parent: TSESTree.Node | undefined = start.parent;
  for (;;) {
    if (parent === undefined) return undefined;
    if (parent.type === AST_NODE_TYPES.LogicalExpression || (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test !== child)) {
      // `options.env ?? process.env`, `debug ? process.env : {}`: the value goes where the whole expression goes.
    } else if (parent.type === AST_NODE_TYPES.SpreadElement && parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
      child = parent.parent;
      parent = parent.parent.parent;
      continue;
    } else if (parent.type === AST_NODE_TYPES.Property && parent.value === child && parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
      keys.push(propertyKeyName(parent) ?? '');
      child = parent.parent;
      parent = parent.parent.parent;
      continue;
    } else if ((parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) && parent.arguments.includes(child as TSESTree.CallExpressionArgument)) {
      return { call: parent, keys };
    } else {
      return undefined;
    }
    child = parent;
    parent = parent.parent;
  }
}

/** The module a callee is imported from (`parseConfig` of `import { parseConfig } from './config/env.js'`). */
function calleeModule(call: TSESTree.CallExpression | TSESTree.NewExpression, sourceCode: Readonly<TSESLint.SourceCode>): string | undefined {
  const name = qualifiedName(call.callee, sourceCode);
  return name === undefined || name.module === GLOBAL_MODULE ? undefined : name.module;
}

/**
 * Whether the whole environment, as this expression, is handed on rather than read: as the `env` option of a
 * call (a child process, a worker: `spawn(cmd, args, { env: { ...process.env, LC_ALL: 'C' } })`), or as an
 * argument of a function the config layer exports (`parseConfig(process.env)`, imported from a config module).
 * Given to any other function (`Object.entries(process.env)`, a helper of the component's own), it is read there.
 */
function isHandedOn(expression: TSESTree.Node, destinations: Destinations): boolean {
  const receiving = receivingCall(expression);
  if (receiving === undefined) return false;
  if (receiving.keys.includes('env')) return true;
  const module = calleeModule(receiving.call, destinations.sourceCode);
  return module !== undefined && destinations.isConfigModule(module);
}

/**
 * A copy or an alias of the environment (`const environment = { ...process.env, X: '1' }`) is handed on only when
 * every use of it is; read once (`environment.X`), it is a read of the environment.
 */
function isForwarded(node: TSESTree.MemberExpression, destinations: Destinations): boolean {
  if (isHandedOn(node, destinations)) return true;
  // The value, or an object literal spreading it, held in a const.
  let held: TSESTree.Node = node;
  while (held.parent?.type === AST_NODE_TYPES.LogicalExpression || (held.parent?.type === AST_NODE_TYPES.ConditionalExpression && held.parent.test !== held)) held = held.parent;
  if (held.parent?.type === AST_NODE_TYPES.SpreadElement && held.parent.parent.type === AST_NODE_TYPES.ObjectExpression) held = held.parent.parent;
  const declarator = held.parent;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== held || declarator.id.type !== AST_NODE_TYPES.Identifier) return false;
  if (declarator.parent.kind !== 'const') return false;
  const variable = ASTUtils.findVariable(destinations.sourceCode.getScope(declarator), declarator.id);
  const uses = variable?.references.filter((reference) => reference.identifier !== declarator.id) ?? [];
  return uses.length > 0 && uses.every((reference) => isHandedOn(reference.identifier, destinations));
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

      const directory = path.posix.dirname(relativeFilePath(context));
      const destinations: Destinations = {
        sourceCode,
        // A relative import resolved from the linted file, with the extensions a specifier may leave out.
        isConfigModule(specifier) {
          if (!specifier.startsWith('.')) return false;
          const target = path.posix.normalize(path.posix.join(directory, specifier));
          return [target, `${target}.ts`, `${target}/index.ts`].some((candidate) => pathMatches(candidate, configPath));
        },
      };

      function isProcess(node: TSESTree.Node): boolean {
        const name = qualifiedName(node, sourceCode);
        return isQualified(name, GLOBAL_MODULE, ['process']) || isQualified(name, 'process', []);
      }

      return {
        MemberExpression(node: TSESTree.MemberExpression) {
          if (memberPropertyName(node) !== 'env' || !isProcess(node.object) || isWrite(node) || isForwarded(node, destinations)) return;
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
