import { TIMEOUT_VALUE_TYPES } from '@npvguard/core';
import { AST_NODE_TYPES, ESLintUtils, type TSESTree } from '@typescript-eslint/utils';
import type ts from 'typescript';
import { calleeParts, isThis, unwrapExpression } from '../util/ast.js';
import { createRule } from '../util/create-rule.js';
import { outboundMethodOf } from '../util/declarations.js';
import { boundingWays, chainBound, constructedWithTimeout, declaredLibraryCall } from '../util/library-clients.js';
import { nameMatches } from '../util/files.js';
import {
  configuredClientCall,
  DEFAULT_CLIENTS,
  DEFAULT_TIMEOUT_PROPERTIES,
  hasTimeoutFollowUp,
  libraryCall,
  libraryFunctionCall,
  receiverDisplay,
  syntacticEvidence,
  type ClientMethods,
  type OutboundCall,
} from '../util/outbound-calls.js';
import { CLIENTS_SCHEMA, NAMES_SCHEMA } from '../util/schemas.js';
import { hasGuaranteedProperty, isAlwaysOneOf, isOptionsObjectType, isThenable, memberOwnerMatches } from '../util/types.js';
import { formatNames } from './require-timeout.js';

export type Options = [
  {
    clients?: ClientMethods[];
    clientTypes?: string[];
    ignoredMethods?: string[];
    timeoutProperties?: string[];
    timeoutTypes?: string[];
  },
];
export type MessageIds = 'missingTimeout' | 'timeoutNotGuaranteed';

/** The service's own clients and ports; library clients (undici's `Pool`, `Client`, ...) come from the outbound model. */
export const DEFAULT_CLIENT_TYPES: readonly string[] = ['*Client', '*Port'];
export const DEFAULT_TIMEOUT_TYPES: readonly string[] = TIMEOUT_VALUE_TYPES.flatMap((type) => type.typeNames);
const DEFAULT_IGNORED_METHODS: readonly string[] = ['close', 'destroy', 'then', 'catch', 'finally'];
const PROMISE_METHODS: ReadonlySet<string> = new Set(['then', 'catch', 'finally']);

function memberName(member: TSESTree.MemberExpression): string | undefined {
  return !member.computed && member.property.type === AST_NODE_TYPES.Identifier ? member.property.name : undefined;
}

export default createRule<Options, MessageIds>({
  name: 'require-timeout-type-checked',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Require outbound calls, including every async method of configured client types, to receive a timeout or AbortSignal that their types guarantee',
      requiresTypeChecking: true,
    },
    messages: {
      missingTimeout:
        '`{{call}}` has no timeout or AbortSignal ({{properties}}): a slow dependency would hold the request far past its latency budget. Pass a signal derived from the request deadline.',
      timeoutNotGuaranteed:
        '`{{call}}` gets its options as `{{type}}`, where {{properties}} may be missing or undefined. Make the signal required in that type, or pass one here.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          clients: CLIENTS_SCHEMA,
          clientTypes: NAMES_SCHEMA(
            'Type name patterns of clients and ports (a class, an interface it implements, or an alias); every method they declare that returns a promise is an outbound call.',
          ),
          ignoredMethods: NAMES_SCHEMA('Methods of client types that never need a timeout (`close`, `destroy`).'),
          timeoutProperties: NAMES_SCHEMA('Option properties that carry a timeout on client calls.'),
          timeoutTypes: NAMES_SCHEMA('Type name patterns of arguments that carry a deadline themselves (`AbortSignal`, `*Deadline`).'),
        },
      },
    ],
    defaultOptions: [{}],
  },
  create(context, [options]) {
    const services = ESLintUtils.getParserServices(context);
    const checker = services.program.getTypeChecker();
    const clients = options.clients ?? DEFAULT_CLIENTS;
    const clientTypes = options.clientTypes ?? DEFAULT_CLIENT_TYPES;
    const ignoredMethods = options.ignoredMethods ?? DEFAULT_IGNORED_METHODS;
    const timeoutProperties = options.timeoutProperties ?? DEFAULT_TIMEOUT_PROPERTIES;
    const timeoutTypes = options.timeoutTypes ?? DEFAULT_TIMEOUT_TYPES;

    function typeOf(node: TSESTree.Node): ts.Type {
      return services.getTypeAtLocation(node);
    }

    /** A method of a library client the outbound model knows, by the class that declares it: `pool.request(...)`. */
    function typedLibraryCall(node: TSESTree.CallExpression): OutboundCall | 'bounded' | undefined {
      const callee = unwrapExpression(node.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
      const match = outboundMethodOf(services.getSymbolAtLocation(callee.property));
      if (match === undefined) return undefined;
      if (constructedWithTimeout(services.esTreeNodeToTSNodeMap.get(node), match, checker)) return 'bounded';
      return { ...libraryCall(match, `${receiverDisplay(callee.object)}.${match.callable.name}`), ways: boundingWays(match) };
    }

    /**
     * A call a database, cache, queue or cloud client declares whose result is a promise or thenable, by the package
     * that declares the callee's type (`fastify.knex('tasks').where(...)`, `prisma.user.findMany()`, `redis.get(key)`).
     * A chain of one client is judged once, where it ends.
     */
    function declaredCall(node: TSESTree.CallExpression): OutboundCall | 'bounded' | undefined {
      const parent = node.parent;
      if (
        parent.type === AST_NODE_TYPES.MemberExpression &&
        parent.object === node &&
        parent.parent.type === AST_NODE_TYPES.CallExpression &&
        parent.parent.callee === parent &&
        !PROMISE_METHODS.has(memberName(parent) ?? '')
      ) {
        return undefined;
      }
      const tsNode = services.esTreeNodeToTSNodeMap.get(node);
      const match = declaredLibraryCall(tsNode, checker);
      if (match === undefined || !isThenable(typeOf(node), checker)) return undefined;
      if (chainBound(tsNode, match.callable.chainTimeoutMethods ?? []) || constructedWithTimeout(tsNode, match, checker)) return 'bounded';
      if (insideBoundedCallback(node)) return 'bounded';
      const text = context.sourceCode.getText(unwrapExpression(node.callee)).replace(/\s+/g, ' ');
      return { ...libraryCall(match, text.length > 60 ? `${text.slice(0, 57)}...` : text), ways: boundingWays(match) };
    }

    /** A call inside a callback handed to a bounded call of the same kind (`prisma.$transaction(fn, { timeout })`): the outer timeout bounds it. */
    function insideBoundedCallback(node: TSESTree.Node): boolean {
      for (let current: TSESTree.Node | null | undefined = node.parent; current; current = current.parent) {
        if (current.type !== AST_NODE_TYPES.ArrowFunctionExpression && current.type !== AST_NODE_TYPES.FunctionExpression) continue;
        const outer = current.parent;
        if (outer.type !== AST_NODE_TYPES.CallExpression || !outer.arguments.includes(current)) return false;
        const match = declaredLibraryCall(services.esTreeNodeToTSNodeMap.get(outer), checker);
        if (match === undefined || match.callable.timeoutOptions.length === 0) return false;
        return syntacticEvidence(outer, libraryCall(match, ''), context.sourceCode, []) === 'present';
      }
      return false;
    }

    /** A call of an async method on a value whose type is a configured client type. */
    function typedClientCall(node: TSESTree.CallExpression): OutboundCall | undefined {
      const { receiver, name } = calleeParts(node);
      // A client's calls to its own methods are its internals, not outbound calls.
      if (!receiver || isThis(receiver) || name === undefined || nameMatches(name, ignoredMethods)) return undefined;
      if (!memberOwnerMatches(typeOf(receiver), name, clientTypes, checker) || !isThenable(typeOf(node), checker)) return undefined;
      return {
        kind: 'client',
        display: `${receiverDisplay(receiver)}.${name}`,
        optionArguments: 'any',
        properties: timeoutProperties,
        timeoutMethods: [],
      };
    }

    function argumentCarriesTimeout(argument: TSESTree.Node, outbound: OutboundCall): boolean {
      const type = typeOf(argument);
      // A library reads its timeout from its options only; a client of the service may take a signal or deadline as is.
      if (outbound.kind === 'client' && isAlwaysOneOf(type, timeoutTypes, checker)) return true;
      return outbound.properties.some((property) => hasGuaranteedProperty(type, property, checker));
    }

    function check(node: TSESTree.CallExpression, outbound: OutboundCall): void {
      // `http.request(...).setTimeout(n)` is visible only in syntax.
      if (hasTimeoutFollowUp(node, outbound.timeoutMethods, context.sourceCode)) return;
      const candidates =
        outbound.optionArguments === 'any'
          ? node.arguments
          : outbound.optionArguments.flatMap((index) => node.arguments[index] ?? []);
      const inspectable = candidates.filter((argument) => argument.type !== AST_NODE_TYPES.SpreadElement);
      if (inspectable.some((argument) => argumentCarriesTimeout(argument, outbound))) return;
      // A client with no per-call option (knex, ioredis) is bounded elsewhere, never by an options argument.
      const optionsArgument =
        outbound.kind === 'client' || outbound.properties.length === 0 ? undefined : inspectable.findLast((argument) => isOptionsObjectType(typeOf(argument)));
      const data = { call: outbound.display, properties: outbound.ways ?? formatNames(outbound.properties) };
      if (optionsArgument) {
        context.report({
          node: node.callee,
          messageId: 'timeoutNotGuaranteed',
          data: { ...data, type: checker.typeToString(typeOf(optionsArgument)) },
        });
        return;
      }
      context.report({ node: node.callee, messageId: 'missingTimeout', data });
    }

    return {
      CallExpression(node: TSESTree.CallExpression) {
        const outbound =
          libraryFunctionCall(node, context.sourceCode) ??
          typedLibraryCall(node) ??
          declaredCall(node) ??
          configuredClientCall(node, { clients, timeoutProperties }) ??
          typedClientCall(node);
        if (outbound !== undefined && outbound !== 'bounded') check(node, outbound);
      },
    };
  },
});
