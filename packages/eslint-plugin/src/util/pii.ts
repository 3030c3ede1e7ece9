import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { calleeParts, isFunctionNode, memberPropertyName, receiverName, walk } from './ast.js';
import { functionOfCallee } from './dataflow/functions.js';
import { locationOf, shortText, type FlowModule } from './dataflow/modules.js';
import type { FlowSpec, SinkValue, Step, Tracer } from './dataflow/flow.js';
import { nameMatches } from './files.js';
import type * as ts from 'typescript';
import { typescript } from './typescript.js';

/** Request objects (`req`, `request`) and their parts that carry raw listener data. */
export const DEFAULT_REQUEST_OBJECTS: readonly string[] = ['req', 'request'];
export const DEFAULT_REQUEST_PROPERTIES: readonly string[] = ['body', 'headers', 'query', 'params', 'ip', 'ips', 'url', 'raw'];

export interface PiiPatterns {
  identifiers: readonly string[];
  requestObjects: readonly string[];
  requestProperties: readonly string[];
  /** Calls whose result is safe; undefined when nothing makes an identifier safe (model inputs). */
  pseudonymisers: readonly string[] | undefined;
}

export interface PiiValue {
  /** Where to report: the value as written at the sink. */
  node: TSESTree.Node;
  kind: 'identifier' | 'request-data';
  /** The source the value holds: `node` itself, or where the value was read when it flowed here. */
  origin: TSESTree.Node;
  /** How the value got from its source to `node` (source first), when it flowed through code; undefined when `node` is the source. */
  steps?: Step[];
}

/** The data-flow layer, when a rule follows values: the tracer and the module being linted. */
export interface PiiFlow {
  tracer: Tracer;
  module: FlowModule;
  /** With type information: an object whose declared type has an identifier field carries it. */
  types?: PiiTypes | undefined;
}

/**
 * Values named as pseudonyms (`listenerPseudonym`, `pseudonymousId`): where a pseudonym is an identity too (a metric
 * label makes one series per person; a model needs features, not who), such a value counts as an identifier.
 */
export const PSEUDONYM_NAMES: readonly string[] = ['*pseudonym*'];

/**
 * Names that key something by person: the identifiers, and each without its id suffix (`listenerId` → `listener`,
 * `user_id` → `user`). A metric label named so makes one series per person, whatever value it is given.
 */
export function identityKeyNames(identifiers: readonly string[]): string[] {
  const names = new Set(identifiers);
  for (const identifier of identifiers) {
    const stripped = identifier.replace(/[-_]?id$/i, '');
    if (stripped.length > 0 && stripped !== identifier && /[A-Za-z0-9]$/.test(stripped)) names.add(stripped);
  }
  return [...names];
}

/** The type checker, when ESLint runs with type information: it names the fields of a value the code cannot show. */
export interface PiiTypes {
  program: ts.Program;
  nodeOf(node: TSESTree.Node): ts.Node | undefined;
}

/** Type information of the file being linted, if any. */
export function piiTypesOf(sourceCode: { parserServices?: Partial<{ program: ts.Program | null; esTreeNodeToTSNodeMap: { get(node: never): unknown } }> }): PiiTypes | undefined {
  const services = sourceCode.parserServices;
  const program = services?.program ?? undefined;
  const map = services?.esTreeNodeToTSNodeMap;
  if (!program || !map) return undefined;
  return { program, nodeOf: (node) => map.get(node as never) as ts.Node | undefined };
}

/**
 * The fields of an object value's declared type named like an identifier: `{ ...context }` where `context` is a
 * `CallContext { requestId; listenerId }` carries `listenerId` whatever the code that filled it. Only object types
 * (not strings, arrays or functions); a union counts when any member has such a field.
 */
export function identityFieldsOfType(node: TSESTree.Node, types: PiiTypes, identifiers: readonly string[]): string[] {
  const tsNode = types.nodeOf(node);
  if (!tsNode) return [];
  const checker = types.program.getTypeChecker();
  let type: ts.Type;
  try {
    type = checker.getTypeAtLocation(tsNode);
  } catch {
    return [];
  }
  const members = type.isUnion() ? type.types : [type];
  const fields = new Set<string>();
  for (const member of members) {
    const apparent = checker.getApparentType(member);
    if (checker.isArrayType(apparent) || checker.isTupleType(apparent) || apparent.getCallSignatures().length > 0) continue;
    if ((member.flags & typescript.TypeFlags.Object) === 0) continue;
    for (const property of apparent.getProperties()) {
      if (nameMatches(property.getName(), identifiers)) fields.add(property.getName());
    }
  }
  return [...fields];
}

/** Request parts fastify validates against the route's schema: a named field of one is that field only. */
const VALIDATED_PARTS = new Set(['body', 'query', 'params']);

/** Wrappers that are expressions around a value; other TypeScript nodes are types and never carry data. */
const VALUE_WRAPPERS = new Set<string>([
  AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSSatisfiesExpression,
  AST_NODE_TYPES.TSNonNullExpression,
  AST_NODE_TYPES.TSTypeAssertion,
  AST_NODE_TYPES.TSInstantiationExpression,
]);

/**
 * Values under `root` that identify a person: identifier-named values and raw request data, and, when `flow` is
 * given, every name, property read or call of a function of the project under `root` whose value comes from one
 * (through locals, destructuring, spreads, template strings, conditionals, returns, other files).
 */
export function findPiiValues(root: TSESTree.Node, patterns: PiiPatterns, flow?: PiiFlow): PiiValue[] {
  const found: PiiValue[] = [];
  walk(root, (node) => {
    if (node.type.startsWith('TS') && !VALUE_WRAPPERS.has(node.type)) return false;
    if (isFunctionNode(node)) return false;
    if (node.type === AST_NODE_TYPES.CallExpression && patterns.pseudonymisers) {
      const { name } = calleeParts(node);
      if (nameMatches(name, patterns.pseudonymisers)) return false;
    }
    if (node.type === AST_NODE_TYPES.CallExpression && flow && functionOfCallee(node.callee, flow.module)) {
      // A function of the project: what it returns decides, not what it is given.
      pushFlowed(node);
      return false;
    }
    if (node.type === AST_NODE_TYPES.MemberExpression) {
      if (isRequestData(node, patterns)) {
        found.push({ node, kind: 'request-data', origin: node });
        return false;
      }
      if (!node.computed && nameMatches(memberPropertyName(node), patterns.identifiers)) {
        found.push({ node, kind: 'identifier', origin: node });
        return false;
      }
      if (flow) {
        // The read's value, followed field by field; a computed key is still looked into (`counts[listenerId]`).
        if (!pushFlowed(node) && !pushTyped(node) && node.computed) walkChild(node.property);
        return false;
      }
      walkChild(node.object);
      if (node.computed) walkChild(node.property);
      return false;
    }
    // `listenerId !== undefined`, `a.length * 2`: a comparison or arithmetic identifies nobody (`+` may join strings).
    if (node.type === AST_NODE_TYPES.BinaryExpression && node.operator !== '+') return false;
    // `listenerId === undefined ? {} : { id: listenerId }`: the condition decides the value but is not part of it.
    if (node.type === AST_NODE_TYPES.ConditionalExpression) {
      walkChild(node.consequent);
      walkChild(node.alternate);
      return false;
    }
    if (node.type === AST_NODE_TYPES.Property) {
      if (node.computed) walkChild(node.key);
      walkChild(node.value);
      return false;
    }
    if (node.type === AST_NODE_TYPES.Identifier) {
      // The function called is not a value passed on (`pseudonymise(id)` is judged by what it returns).
      if ((node.parent.type === AST_NODE_TYPES.CallExpression || node.parent.type === AST_NODE_TYPES.NewExpression) && node.parent.callee === node) return true;
      if (nameMatches(node.name, patterns.identifiers)) found.push({ node, kind: 'identifier', origin: node });
      else if (flow && !pushFlowed(node)) pushTyped(node);
    }
    return true;
  });
  return found;

  function walkChild(child: TSESTree.Node): void {
    found.push(...findPiiValues(child, patterns, flow));
  }

  /** An object whose declared type has a field named like an identifier: the field as the witness. */
  function pushTyped(node: TSESTree.Node): boolean {
    if (!flow?.types) return false;
    const field = identityFieldsOfType(node, flow.types, patterns.identifiers)[0];
    if (field === undefined) return false;
    const where = locationOf(node, flow.module);
    found.push({ node, kind: 'identifier', origin: node, steps: [{ ...where, text: `${shortText(node, flow.module)}.${field}` }] });
    return true;
  }

  /** Records the first source `node`'s value flowed from; false when it flowed from none. */
  function pushFlowed(node: TSESTree.Node): boolean {
    if (!flow) return false;
    const taint = flow.tracer.sourcesOf(node, flow.module)[0];
    if (!taint) return false;
    found.push({ node, kind: taint.sourceKind === 'request-data' ? 'request-data' : 'identifier', origin: taint.source, steps: taint.steps });
    return true;
  }
}

/**
 * The privacy sources as a data-flow spec: identifier-named values and properties, raw request parts; the
 * pseudonymisers (when given) sanitise. `sinks` finds the values a function hands to the rule's sinks.
 */
export function privacySpec(
  key: string,
  patterns: PiiPatterns,
  sinks: (root: TSESTree.Node, module: FlowModule) => SinkValue[],
  /** Functions whose result still identifies the person (a pseudonym, where the sink needs no identity at all). */
  carrying: readonly string[] = [],
): FlowSpec {
  return {
    key,
    propagation: 'identity',
    source(node, module) {
      if (node.type === AST_NODE_TYPES.Identifier && nameMatches(node.name, patterns.identifiers)) return { label: node.name, kind: 'identifier' };
      if (node.type !== AST_NODE_TYPES.MemberExpression) return undefined;
      if (isRequestData(node, patterns)) return { label: shortText(node, module), kind: 'request-data' };
      if (!node.computed && nameMatches(memberPropertyName(node), patterns.identifiers)) return { label: shortText(node, module), kind: 'identifier' };
      return undefined;
    },
    narrows(taint, name) {
      // `request.body.limit`, `const { limit } = request.query`: one validated field, not the raw part.
      if (taint.kind !== 'source' || taint.sourceKind !== 'request-data' || taint.source.type !== AST_NODE_TYPES.MemberExpression) return false;
      return VALIDATED_PARTS.has(memberPropertyName(taint.source) ?? '') && !nameMatches(name, patterns.identifiers);
    },
    sourceProperty(name) {
      return nameMatches(name, patterns.identifiers) ? { label: name, kind: 'identifier' } : undefined;
    },
    carries(call) {
      return carrying.length > 0 && nameMatches(calleeParts(call).name, carrying);
    },
    sanitises(call) {
      return patterns.pseudonymisers !== undefined && nameMatches(calleeParts(call).name, patterns.pseudonymisers);
    },
    sinks,
  };
}

function isRequestData(node: TSESTree.MemberExpression, patterns: PiiPatterns): boolean {
  return (
    !node.computed &&
    nameMatches(receiverName(node.object), patterns.requestObjects) &&
    nameMatches(memberPropertyName(node), patterns.requestProperties)
  );
}
