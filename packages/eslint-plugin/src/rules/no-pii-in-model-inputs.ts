import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { calleeParts, enclosingFunction, memberPropertyName, propertyKeyName, receiverName, unwrapExpression, walk } from '../util/ast.js';
import { createRule } from '../util/create-rule.js';
import { renderSteps, Tracer, type SinkValue } from '../util/dataflow/flow.js';
import { moduleOfContext, shortText, type FlowModule } from '../util/dataflow/modules.js';
import { nameMatches } from '../util/files.js';
import { DEFAULT_CLIENTS, DEFAULT_TIMEOUT_PROPERTIES, outboundCall } from '../util/outbound-calls.js';
import { DEFAULT_REQUEST_OBJECTS, DEFAULT_REQUEST_PROPERTIES, findPiiValues, piiTypesOf, privacySpec, PSEUDONYM_NAMES, type PiiPatterns, type PiiValue } from '../util/pii.js';
import { INVALID_SETTINGS_MESSAGE, withSettings } from '../util/rule-settings.js';
import { NAMES_SCHEMA } from '../util/schemas.js';
import { DEFAULT_IDENTIFIERS, DEFAULT_PSEUDONYMISERS } from '../util/settings.js';

export type Options = [{ identifiers?: string[]; inputProperties?: string[]; parameterProperties?: string[]; modelClients?: string[]; modelMethods?: string[] }];
export type MessageIds = 'piiInModelInput' | 'piiFlowsToModelInput' | 'invalidSettings';

/** `inputs` is the Open Inference Protocol's request field; add your own model client's field names. */
const DEFAULT_INPUT_PROPERTIES: readonly string[] = ['inputs'];
/** OIP v2 request-level (and per-input) free-form parameters: sent to the model like the inputs. */
const DEFAULT_PARAMETER_PROPERTIES: readonly string[] = ['parameters'];
/** Receivers of the service's own model clients (`modelClient.infer(rows)`, `inference.infer(rows)`), and their methods. */
const DEFAULT_MODEL_CLIENTS: readonly string[] = ['*model*', '*inference*', '*predictor*'];
const DEFAULT_MODEL_METHODS: readonly string[] = ['infer', 'predict'];

interface ModelSinks {
  inputProperties: readonly string[];
  modelClients: readonly string[];
  modelMethods: readonly string[];
}

/** An inference request: an object literal with an inputs property. Every field of it reaches the model server. */
function isInferenceRequest(object: TSESTree.ObjectExpression, sinks: ModelSinks): boolean {
  return object.properties.some((property) => property.type === AST_NODE_TYPES.Property && nameMatches(propertyKeyName(property), sinks.inputProperties));
}

function isModelCall(call: TSESTree.CallExpression, sinks: ModelSinks): boolean {
  const { receiver, name } = calleeParts(call);
  return receiver !== undefined && nameMatches(receiverName(receiver), sinks.modelClients) && nameMatches(name, sinks.modelMethods);
}

/** `payload.parameters = {...}` where `payload` is bound to an inference request: a field set after the literal. */
function assignedRequestField(node: TSESTree.AssignmentExpression, module: FlowModule, sinks: ModelSinks): string | undefined {
  let target = unwrapExpression(node.left);
  let field: string | undefined;
  while (target.type === AST_NODE_TYPES.MemberExpression) {
    field = target.computed ? shortText(target.property, module) : memberPropertyName(target);
    target = unwrapExpression(target.object);
  }
  if (target.type !== AST_NODE_TYPES.Identifier || field === undefined) return undefined;
  const definition = module.variableOf(target)?.defs[0];
  if (definition?.type !== 'Variable' || !definition.node.init) return undefined;
  const init = unwrapExpression(definition.node.init);
  return init.type === AST_NODE_TYPES.ObjectExpression && isInferenceRequest(init, sinks) ? field : undefined;
}

/** What a function hands to a model: the fields of inference requests it builds and the arguments of model client calls. */
function modelSinkValues(root: TSESTree.Node, module: FlowModule, sinks: ModelSinks): SinkValue[] {
  const values: SinkValue[] = [];
  walk(root, (node) => {
    if (node.type === AST_NODE_TYPES.ObjectExpression && isInferenceRequest(node, sinks)) {
      for (const property of node.properties) {
        values.push({ value: property.type === AST_NODE_TYPES.Property ? property.value : property.argument, sink: 'an inference request' });
      }
      return false;
    }
    if (node.type === AST_NODE_TYPES.CallExpression && isModelCall(node, sinks)) {
      for (const argument of node.arguments) values.push({ value: argument, sink: shortText(node.callee, module) });
    }
    if (node.type === AST_NODE_TYPES.AssignmentExpression && assignedRequestField(node, module, sinks) !== undefined) {
      values.push({ value: node.right, sink: 'an inference request' });
    }
    return true;
  });
  return values;
}

const tracers = new Map<string, Tracer>();

export default createRule<Options, MessageIds>({
  name: 'no-pii-in-model-inputs',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow personal identifiers and raw request data in the inputs sent to a model',
    },
    messages: {
      piiInModelInput:
        '`{{value}}` identifies a person and is sent to the model in `{{property}}`: the model needs features, not identities (a pseudonym is an identity too). Send the features derived from it instead.',
      piiFlowsToModelInput:
        '`{{value}}` holds a personal identifier ({{path}}) and is sent to the model in {{property}}: the model needs features, not identities (a pseudonym is an identity too). Send the features derived from it instead.',
      invalidSettings: INVALID_SETTINGS_MESSAGE,
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          identifiers: NAMES_SCHEMA(
            'Names (patterns, case-insensitive) of values that identify a person. Default: `settings.npvguard.identifiers`, else listenerId, userId, email, ip, ipAddress, username, phone.',
          ),
          inputProperties: NAMES_SCHEMA('Object properties that hold a model request\'s inputs (`inputs` in OIP v2).'),
          parameterProperties: NAMES_SCHEMA(
            'Object properties that hold a model request\'s parameters (`parameters` in OIP v2), checked when they sit next to an inputs property.',
          ),
          modelClients: NAMES_SCHEMA('Receiver name patterns of the service\'s own model clients, whose calls send their arguments to the model (`*model*`, `*inference*`, `*predictor*`).'),
          modelMethods: NAMES_SCHEMA('Methods of those clients that send a request to the model (`infer`, `predict`).'),
        },
      },
    ],
    defaultOptions: [{}],
  },
  create(context, [options]) {
    return withSettings(context, (settings) => {
      const inputProperties = options.inputProperties ?? DEFAULT_INPUT_PROPERTIES;
      const patterns: PiiPatterns = {
        // A pseudonym is an identity too: values named as one count like the identifiers.
        identifiers: [...(options.identifiers ?? settings.identifiers ?? DEFAULT_IDENTIFIERS), ...PSEUDONYM_NAMES],
        requestObjects: DEFAULT_REQUEST_OBJECTS,
        requestProperties: DEFAULT_REQUEST_PROPERTIES,
        pseudonymisers: undefined,
      };
      const parameterProperties = options.parameterProperties ?? DEFAULT_PARAMETER_PROPERTIES;
      const sinks: ModelSinks = {
        inputProperties,
        modelClients: options.modelClients ?? DEFAULT_MODEL_CLIENTS,
        modelMethods: options.modelMethods ?? DEFAULT_MODEL_METHODS,
      };
      const module = moduleOfContext(context);
      // A pseudonym is an identity too: the pseudonymising functions carry the value here.
      const carrying = settings.pseudonymisers ?? DEFAULT_PSEUDONYMISERS;
      const key = JSON.stringify([patterns, sinks, carrying]);
      let tracer = tracers.get(key);
      if (!tracer) {
        tracer = new Tracer(privacySpec(`model:${key}`, patterns, (root, of) => modelSinkValues(root, of, sinks), carrying));
        if (tracers.size > 32) tracers.clear();
        tracers.set(key, tracer);
      }
      const flow = { tracer, module, types: piiTypesOf(context.sourceCode) };
      const reported = new Set<TSESTree.Node>();

      function report(value: PiiValue, property: string): void {
        if (reported.has(value.node)) return;
        reported.add(value.node);
        const text = context.sourceCode.getText(value.node);
        if (value.steps === undefined) {
          context.report({ node: value.node, messageId: 'piiInModelInput', data: { value: text, property } });
        } else {
          context.report({ node: value.node, messageId: 'piiFlowsToModelInput', data: { value: text, property: `\`${property}\``, path: renderSteps(value.steps, context.filename) } });
        }
      }

      /** Every value under `root` that is sent to the model server. */
      function check(root: TSESTree.Node, property: string): void {
        for (const value of findPiiValues(root, patterns, flow)) report(value, property);
      }

      /** `parameters` is a common name; it is a model request's only beside that request's `inputs`. */
      function isRequestParameters(node: TSESTree.Property, parent: TSESTree.ObjectExpression, name: string | undefined): boolean {
        if (!nameMatches(name, parameterProperties)) return false;
        return parent.properties.some(
          (sibling) => sibling !== node && sibling.type === AST_NODE_TYPES.Property && nameMatches(propertyKeyName(sibling), inputProperties),
        );
      }

      return {
        AssignmentExpression(node: TSESTree.AssignmentExpression) {
          const field = assignedRequestField(node, module, sinks);
          if (field !== undefined) check(node.right, field);
        },
        Property(node: TSESTree.Property) {
          if (node.parent.type !== AST_NODE_TYPES.ObjectExpression) return;
          const property = propertyKeyName(node);
          if (nameMatches(property, inputProperties) || isRequestParameters(node, node.parent, property)) {
            check(node.value, property ?? 'inputs');
          } else if (isInferenceRequest(node.parent, sinks)) {
            // Every other field of an inference request (`id`, `outputs`...) reaches the model server too.
            check(node.computed ? node.key : node.value, property ?? '(computed key)');
          }
        },
        // On exit, so the properties of an inference request inside the call are reported under their own name first.
        'CallExpression:exit'(node: TSESTree.CallExpression) {
          if (isModelCall(node, sinks)) {
            for (const argument of node.arguments) check(argument, `the arguments of ${context.sourceCode.getText(node.callee)}`);
          } else if (buildsInferenceRequest(node)) {
            // The outbound call that carries an inference request: its url, path, query and headers reach the model server.
            for (const argument of node.arguments) check(argument, `the request of ${context.sourceCode.getText(node.callee)}`);
          }
          for (const { argument, taint, through } of tracer.sourcesIntoCall(node, module)) {
            report(
              { node: argument, kind: 'identifier', origin: taint.source, steps: [...taint.steps, ...through.steps] },
              `${through.sink} through ${shortText(node.callee, module)}(…)`,
            );
          }
        },
      };

      /** An outbound library call (fetch, undici) in a function that builds an inference request. */
      function buildsInferenceRequest(call: TSESTree.CallExpression): boolean {
        if (!outboundCall(call, context.sourceCode, { clients: DEFAULT_CLIENTS, timeoutProperties: DEFAULT_TIMEOUT_PROPERTIES })) return false;
        const scope = enclosingFunction(call) ?? context.sourceCode.ast;
        let found = false;
        walk(scope, (node) => {
          if (found) return false;
          if (node.type === AST_NODE_TYPES.ObjectExpression && isInferenceRequest(node, sinks)) found = true;
          return !found;
        });
        return found;
      }
    });
  },
});
