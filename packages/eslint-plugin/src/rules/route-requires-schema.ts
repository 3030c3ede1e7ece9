import path from 'node:path';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { memberPropertyName, propertyKeyName, unwrapExpression, walk } from '../util/ast.js';
import { createRule } from '../util/create-rule.js';
import { DEFAULT_APP_NAMES, handlerFunction, routeRegistration, type RouteRegistration } from '../util/fastify-routes.js';
import { importedObjectKeys, type ObjectKeys } from '../util/imported-constant.js';
import { NAMES_SCHEMA } from '../util/schemas.js';
import { resolveObject } from '../util/static-value.js';
import { isAnyOrUnknown } from '../util/types.js';

export type Options = [{ appNames?: string[]; requireResponseSchema?: boolean }];
export type MessageIds = 'missingResponseSchema' | 'missingRequestSchema' | 'schemaNotVisible';

/** Request parts a handler may read, and the schema keys fastify validates them with. */
const REQUEST_PARTS: Readonly<Record<string, readonly string[]>> = {
  body: ['body'],
  query: ['querystring', 'query'],
  params: ['params'],
};

const RESPONSE_KEYS: readonly string[] = ['response'];

type Presence = 'present' | 'absent' | 'unknown';

export default createRule<Options, MessageIds>({
  name: 'route-requires-schema',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Require fastify routes to declare a response schema, and a schema for every request part (`body`, `query`, `params`) their handler reads',
    },
    messages: {
      missingResponseSchema:
        'Route `{{route}}` has no `schema.response`: its replies are neither validated nor serialised by contract, so a renamed or extra field reaches clients unnoticed. Declare the response schema.',
      missingRequestSchema:
        'The handler reads `{{access}}` but the route declares no `schema.{{schemaKey}}`: unvalidated input reaches the handler. Declare the schema.',
      schemaNotVisible:
        'The schema of route `{{route}}` is built where it cannot be inspected (`{{expression}}`). Declare it inline or as an exported `const` object literal, or lint with type information.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          appNames: NAMES_SCHEMA('Receiver name patterns of fastify instances (`app`, `fastify`, `server`, `*App`...).'),
          requireResponseSchema: {
            type: 'boolean',
            description: 'Report routes without `schema.response` (default true); request parts are checked either way.',
          },
        },
      },
    ],
    defaultOptions: [{}],
  },
  create(context, [options]) {
    const appNames = options.appNames ?? DEFAULT_APP_NAMES;
    const requireResponse = options.requireResponseSchema ?? true;
    const sourceCode = context.sourceCode;
    const services = sourceCode.parserServices;
    const lintedFile = path.resolve(context.cwd, context.filename);
    // A handler shared by several routes is reported once per read, not once per route.
    const reportedReads = new Set<TSESTree.Node>();

    /** Keys of the object an expression denotes: same file, imported const, or (with types) its type. */
    function keysOf(node: TSESTree.Node, objectPath: readonly string[] = []): ObjectKeys | undefined {
      const value = unwrapExpression(node);
      const syntactic = syntacticKeys(value, objectPath);
      // A spread hides keys from syntax; the type still knows them.
      if (syntactic?.complete) return syntactic;
      return typedKeys(value, objectPath) ?? syntactic;
    }

    function syntacticKeys(value: TSESTree.Node, objectPath: readonly string[]): ObjectKeys | undefined {
      if (objectPath.length === 0) {
        const resolved = resolveObject(value, sourceCode);
        if (resolved.kind === 'object') return literalKeys(resolved.node);
        if (resolved.kind === 'not-object') return { keys: new Set(), complete: true };
      }
      return value.type === AST_NODE_TYPES.Identifier
        ? importedObjectKeys(value, sourceCode, lintedFile, objectPath)
        : undefined;
    }

    function typedKeys(node: TSESTree.Node, objectPath: readonly string[]): ObjectKeys | undefined {
      const program = services?.program;
      const nodeMap = services?.esTreeNodeToTSNodeMap;
      if (!program || !nodeMap?.has(node)) return undefined;
      const checker = program.getTypeChecker();
      let type = checker.getTypeAtLocation(nodeMap.get(node));
      for (const key of objectPath) {
        const property = type.getProperty(key);
        if (!property) return { keys: new Set(), complete: true };
        type = checker.getTypeOfSymbol(property);
      }
      if (isAnyOrUnknown(type)) return undefined;
      return { keys: new Set(type.getProperties().map((property) => property.getName())), complete: true };
    }

    /** The route's schema keys; `undefined` when the schema exists but cannot be read. */
    function schemaKeys(registration: RouteRegistration): { keys: ObjectKeys | undefined; expression: TSESTree.Node } {
      const routeOptions = registration.options;
      if (!routeOptions) return { keys: { keys: new Set(), complete: true }, expression: registration.call };
      const resolved = resolveObject(routeOptions, sourceCode);
      if (resolved.kind === 'object') {
        const schema = literalProperty(resolved.node, 'schema');
        if (schema) return { keys: keysOf(schema), expression: schema };
        if (literalKeys(resolved.node).complete) return { keys: { keys: new Set(), complete: true }, expression: routeOptions };
      }
      return { keys: keysOf(routeOptions, ['schema']), expression: routeOptions };
    }

    function check(node: TSESTree.CallExpression): void {
      const registration = routeRegistration(node, appNames);
      if (!registration) return;
      const route = routeLabel(registration, sourceCode);
      const schema = schemaKeys(registration);
      const handler = handlerFunction(registration.handler, sourceCode);
      const reads = handler ? requestPartReads(handler) : [];
      const keys = schema.keys;
      const needed = [...(requireResponse ? [RESPONSE_KEYS] : []), ...reads.map((read) => REQUEST_PARTS[read.part] ?? [])];
      if (!keys || needed.some((names) => presence(keys, names) === 'unknown')) {
        context.report({
          node: schema.expression,
          messageId: 'schemaNotVisible',
          data: { route, expression: sourceCode.getText(schema.expression) },
        });
        return;
      }
      if (requireResponse && presence(keys, RESPONSE_KEYS) === 'absent') {
        context.report({ node: reportTarget(registration), messageId: 'missingResponseSchema', data: { route } });
      }
      for (const read of reads) {
        const schemaKeysForPart = REQUEST_PARTS[read.part] ?? [];
        if (presence(keys, schemaKeysForPart) !== 'absent' || reportedReads.has(read.node)) continue;
        reportedReads.add(read.node);
        context.report({
          node: read.node,
          messageId: 'missingRequestSchema',
          data: { access: sourceCode.getText(read.node), schemaKey: schemaKeysForPart[0] ?? read.part },
        });
      }
    }

    return { CallExpression: check };
  },
});

function literalKeys(object: TSESTree.ObjectExpression): ObjectKeys {
  const keys = new Set<string>();
  let complete = true;
  for (const property of object.properties) {
    const name = property.type === AST_NODE_TYPES.Property ? propertyKeyName(property) : undefined;
    if (name === undefined) complete = false;
    else keys.add(name);
  }
  return { keys, complete };
}

function literalProperty(object: TSESTree.ObjectExpression, name: string): TSESTree.Node | undefined {
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.Property && propertyKeyName(property) === name) return property.value;
  }
  return undefined;
}

function presence(keys: ObjectKeys, names: readonly string[]): Presence {
  if (names.some((name) => keys.keys.has(name))) return 'present';
  return keys.complete ? 'absent' : 'unknown';
}

function routeLabel(registration: RouteRegistration, sourceCode: Readonly<TSESLint.SourceCode>): string {
  const callee = unwrapExpression(registration.call.callee);
  const method = callee.type === AST_NODE_TYPES.MemberExpression ? (memberPropertyName(callee) ?? 'route') : 'route';
  const [first] = registration.call.arguments;
  if (method !== 'route' && first) return `${method.toUpperCase()} ${literalText(first, sourceCode)}`;
  return sourceCode.getText(registration.call.callee);
}

function literalText(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): string {
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') return node.value;
  return sourceCode.getText(node);
}

function reportTarget(registration: RouteRegistration): TSESTree.Node {
  const callee = unwrapExpression(registration.call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression ? callee.property : registration.call;
}

interface PartRead {
  part: string;
  node: TSESTree.Node;
}

/** `request.body`, `req.query.x`, and destructured `({ body, params }) => ...` in a handler. */
function requestPartReads(handler: TSESTree.Node & { params: TSESTree.Parameter[]; body: TSESTree.Node }): PartRead[] {
  const first = handler.params[0];
  const reads: PartRead[] = [];
  if (!first) return reads;
  if (first.type === AST_NODE_TYPES.ObjectPattern) {
    for (const property of first.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const key = propertyKeyName(property);
      if (key !== undefined && key in REQUEST_PARTS) reads.push({ part: key, node: property });
    }
    return reads;
  }
  if (first.type !== AST_NODE_TYPES.Identifier) return reads;
  const requestName = first.name;
  walk(handler.body, (node) => {
    if (node.type !== AST_NODE_TYPES.MemberExpression) return true;
    const object = unwrapExpression(node.object);
    const part = memberPropertyName(node);
    if (object.type === AST_NODE_TYPES.Identifier && object.name === requestName && part !== undefined && part in REQUEST_PARTS) {
      reads.push({ part, node });
    }
    return true;
  });
  return reads;
}
