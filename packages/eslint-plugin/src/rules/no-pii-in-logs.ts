import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { calleeParts, memberPropertyName, propertyKeyName, receiverName, unwrapExpression, walk } from '../util/ast.js';
import { createRule } from '../util/create-rule.js';
import { nameMatches } from '../util/files.js';
import { requestSerializer } from '../util/log-serializers.js';
import { renderSteps, Tracer, type SinkValue, type Step } from '../util/dataflow/flow.js';
import { moduleOfContext, shortText, type FlowModule } from '../util/dataflow/modules.js';
import { DEFAULT_REQUEST_OBJECTS, DEFAULT_REQUEST_PROPERTIES, findPiiValues, identityKeyNames, piiTypesOf, privacySpec, PSEUDONYM_NAMES, type PiiPatterns, type PiiValue } from '../util/pii.js';
import { INVALID_SETTINGS_MESSAGE, withSettings } from '../util/rule-settings.js';
import { NAMES_SCHEMA } from '../util/schemas.js';
import { DEFAULT_IDENTIFIERS, DEFAULT_PSEUDONYMISERS } from '../util/settings.js';

export type Options = [
  {
    identifiers?: string[];
    pseudonymisers?: string[];
    requestObjects?: string[];
    requestProperties?: string[];
    pathProperties?: string[];
    loggers?: string[];
    logMethods?: string[];
    metrics?: string[];
    metricMethods?: string[];
  },
];
export type MessageIds =
  | 'piiInLog'
  | 'requestDataInLog'
  | 'piiInMetricLabel'
  | 'piiLabelName'
  | 'piiFlowsToLog'
  | 'requestDataFlowsToLog'
  | 'piiFlowsToMetricLabel'
  | 'wrapInPseudonymiser'
  | 'invalidSettings';

/** Request parts that hold its path: what fastify's own request serializer logs (`url`) and the route's parameters. */
const DEFAULT_PATH_PROPERTIES: readonly string[] = ['params', 'url'];
const DEFAULT_LOGGERS: readonly string[] = ['log', 'logger', '*Logger', 'console'];
const DEFAULT_LOG_METHODS: readonly string[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'log', 'child'];
const DEFAULT_METRICS: readonly string[] = ['*counter*', '*histogram*', '*gauge*', '*summary*', '*metric*', '*total', '*seconds', '*duration*'];
const DEFAULT_METRIC_METHODS: readonly string[] = ['inc', 'dec', 'set', 'observe', 'labels', 'startTimer', 'remove', 'zero'];
/** prom-client metric classes, whose `labelNames` fix what every series is keyed by. */
const METRIC_CLASSES = ['Counter', 'Gauge', 'Histogram', 'Summary'];

export default createRule<Options, MessageIds>({
  name: 'no-pii-in-logs',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow personal identifiers and raw request data in log calls and metric labels unless pseudonymised',
    },
    hasSuggestions: true,
    messages: {
      piiInLog:
        '`{{value}}` identifies a person and reaches the log through `{{call}}`. {{advice}}',
      requestDataInLog:
        '`{{value}}` is raw request data and reaches the log through `{{call}}`: it may carry personal identifiers. Log only the validated fields you need, with identifiers pseudonymised.',
      piiInMetricLabel:
        '`{{value}}` identifies a person and becomes a metric label value in `{{call}}`: each person becomes a time series and the identifier reaches every dashboard. Use a bounded, non-identifying label.',
      piiLabelName:
        'Metric label `{{label}}` is named after a personal identifier: its values would identify people and make one series each. Drop the label or use a bounded category.',
      piiFlowsToLog: '`{{value}}` holds a personal identifier ({{path}}) and reaches the log through `{{call}}`. {{advice}}',
      requestDataFlowsToLog:
        '`{{value}}` holds raw request data ({{path}}) and reaches the log through `{{call}}`: it may carry personal identifiers. Log only the validated fields you need, with identifiers pseudonymised.',
      piiFlowsToMetricLabel:
        '`{{value}}` holds a personal identifier ({{path}}) and becomes a metric label value in `{{call}}`: each person becomes a time series and the identifier reaches every dashboard. Use a bounded, non-identifying label.',
      wrapInPseudonymiser: 'Pass `{{value}}` through `{{pseudonymiser}}(...)`.',
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
          pseudonymisers: NAMES_SCHEMA(
            'Functions or methods whose result is safe to log. Default: `settings.npvguard.pseudonymisers`, else `pseudonymise`, `pseudonymize`.',
          ),
          requestObjects: NAMES_SCHEMA('Names of request objects whose raw parts must not be logged (`req`, `request`).'),
          requestProperties: NAMES_SCHEMA('Raw parts of a request that carry identifiers (`body`, `headers`, `query`, `ip`...).'),
          pathProperties: NAMES_SCHEMA(
            'Raw parts of a request that hold its path (`params`, `url`): reported only when the path of the route registered around the log call has a parameter named like an identifier (`/users/:userId`). Default `params`, `url`; `[]` reports them like `requestProperties`.',
          ),
          loggers: NAMES_SCHEMA('Receiver name patterns of loggers (`log`, `logger`, `*Logger`, `console`).'),
          logMethods: NAMES_SCHEMA('Logging methods on those receivers, `child` included (its bindings are logged with every line).'),
          metrics: NAMES_SCHEMA('Receiver name patterns of metrics (`*counter*`, `*histogram*`, `*total`...).'),
          metricMethods: NAMES_SCHEMA('Metric methods whose arguments become label values (`inc`, `observe`, `labels`...).'),
        },
      },
    ],
    defaultOptions: [{}],
  },
  create(context, [options]) {
    return withSettings(context, (settings) => {
      const configuredPseudonymisers = options.pseudonymisers ?? settings.pseudonymisers;
      const pseudonymisers = configuredPseudonymisers ?? DEFAULT_PSEUDONYMISERS;
      const patterns: PiiPatterns = {
        identifiers: options.identifiers ?? settings.identifiers ?? DEFAULT_IDENTIFIERS,
        requestObjects: options.requestObjects ?? DEFAULT_REQUEST_OBJECTS,
        requestProperties: options.requestProperties ?? DEFAULT_REQUEST_PROPERTIES,
        pseudonymisers,
      };
      const loggers = options.loggers ?? DEFAULT_LOGGERS;
      const logMethods = options.logMethods ?? DEFAULT_LOG_METHODS;
      const metrics = options.metrics ?? DEFAULT_METRICS;
      const metricMethods = options.metricMethods ?? DEFAULT_METRIC_METHODS;
      const pathProperties = options.pathProperties ?? DEFAULT_PATH_PROPERTIES;
      const sourceCode = context.sourceCode;

      /**
       * `request.params` or `request.url` logged whole: a path and its parameters identify nobody in general, so
       * they count only inside a route whose path has a parameter named like an identifier (`'/users/:email'`).
       */
      function isPathOnly(value: PiiValue): boolean {
        if (value.kind !== 'request-data' || value.origin.type !== AST_NODE_TYPES.MemberExpression) return false;
        if (!nameMatches(memberPropertyName(value.origin), pathProperties)) return false;
        return !routeParameters(value.node).some((name) => nameMatches(name, patterns.identifiers));
      }

      const sinks: SinkOptions = { loggers, logMethods, metrics, metricMethods };
      const module = moduleOfContext(context);
      const key = JSON.stringify([patterns, sinks]);
      const logTracer = cachedTracer(`logs:${key}`, () => new Tracer(privacySpec(`logs:${key}`, patterns, (root, of) => logSinkValues(root, of, sinks))));
      // A pseudonym is still one series per person: values named as one count like the identifiers in labels.
      const metricPatterns = { ...patterns, identifiers: [...patterns.identifiers, ...PSEUDONYM_NAMES], pseudonymisers: undefined };
      const labelKeys = [...identityKeyNames(patterns.identifiers), ...PSEUDONYM_NAMES];
      const types = piiTypesOf(sourceCode);
      const metricTracer = cachedTracer(`metrics:${key}`, () => new Tracer(privacySpec(`metrics:${key}`, metricPatterns, (root, of) => metricSinkValues(root, of, sinks), pseudonymisers)));

      function reportValue(value: PiiValue, call: string, kind: 'log' | 'metric'): void {
        if (isPathOnly(value)) return;
        const text = sourceCode.getText(value.node);
        const path = value.steps === undefined ? undefined : renderSteps(value.steps, context.filename);
        if (kind === 'metric') {
          if (path === undefined) context.report({ node: value.node, messageId: 'piiInMetricLabel', data: { value: text, call } });
          else context.report({ node: value.node, messageId: 'piiFlowsToMetricLabel', data: { value: text, call, path } });
          return;
        }
        if (value.kind === 'request-data') {
          if (path === undefined) context.report({ node: value.node, messageId: 'requestDataInLog', data: { value: text, call } });
          else context.report({ node: value.node, messageId: 'requestDataFlowsToLog', data: { value: text, call, path } });
          return;
        }
        const inScope = pseudonymisers.find((name) => isBoundInScope(name, value.node, sourceCode));
        const advice = pseudonymiseAdvice(inScope, configuredPseudonymisers);
        context.report({
          node: value.node,
          ...(path === undefined ? { messageId: 'piiInLog' as const, data: { value: text, call, advice } } : { messageId: 'piiFlowsToLog' as const, data: { value: text, call, advice, path } }),
          suggest: inScope
            ? [
                {
                  messageId: 'wrapInPseudonymiser',
                  data: { value: text, pseudonymiser: inScope },
                  fix: (fixer) => wrapInPseudonymiser(fixer, value.node, inScope, sourceCode),
                },
              ]
            : [],
        });
      }

      /** `logVisit(who)` where `logVisit` (here or in another file) logs its parameter: reported at the argument. */
      function reportThroughCall(node: TSESTree.CallExpression, tracer: Tracer, kind: 'log' | 'metric'): void {
        for (const { argument, taint, through } of tracer.sourcesIntoCall(node, module)) {
          if (isPathOnly({ node: argument, kind: taint.sourceKind === 'request-data' ? 'request-data' : 'identifier', origin: taint.source })) continue;
          const steps: Step[] = [...taint.steps, ...through.steps];
          reportValue(
            { node: argument, kind: taint.sourceKind === 'request-data' ? 'request-data' : 'identifier', origin: taint.source, steps },
            `${shortText(node.callee, module)}(…) → ${through.sink}`,
            kind,
          );
        }
      }

      /** `inc({ listener: who })`: a label keyed by person is one series each, whatever value it is given (a literal aside). */
      function reportLabelKeys(labels: TSESTree.ObjectExpression, reported: readonly PiiValue[]): void {
        for (const property of labels.properties) {
          if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
          const [start, end] = property.value.range;
          if (reported.some((value) => value.node.range[0] >= start && value.node.range[1] <= end)) continue;
          const label = propertyKeyName(property);
          if (label === undefined || !nameMatches(label, labelKeys) || unwrapExpression(property.value).type === AST_NODE_TYPES.Literal) continue;
          context.report({ node: property.key, messageId: 'piiLabelName', data: { label } });
        }
      }

      return {
        CallExpression(node: TSESTree.CallExpression) {
          const kind = sinkKind(node, sinks);
          if (!kind) {
            const labels = labelObject(node, sinks);
            const call = sourceCode.getText(node.callee);
            if (labels) {
              const values = findPiiValues(labels, metricPatterns, { tracer: metricTracer, module, types });
              for (const value of values) reportValue(value, call, 'metric');
              reportLabelKeys(labels, values);
            }
            reportThroughCall(node, logTracer, 'log');
            reportThroughCall(node, metricTracer, 'metric');
            return;
          }
          const call = sourceCode.getText(node.callee);
          // A pseudonym is still one series per listener, so it does not make a label value safe.
          const [search, tracer] = kind === 'metric' ? [metricPatterns, metricTracer] : [patterns, logTracer];
          for (const argument of node.arguments) {
            for (const value of findPiiValues(argument, search, { tracer, module, types })) reportValue(value, call, kind);
          }
        },
        // `serializers: { req: serializeRequest }`: what the serializer returns is logged for every request.
        Property(node: TSESTree.Property) {
          const found = requestSerializer(node, sourceCode);
          if (!found) return;
          const requestObjects = found.requestName === undefined ? patterns.requestObjects : [...patterns.requestObjects, found.requestName];
          const search = { ...patterns, requestObjects };
          const call = `serializers.${propertyKeyName(node) ?? 'req'}`;
          for (const returned of found.returned) {
            for (const value of findPiiValues(returned, search, { tracer: logTracer, module, types })) reportValue(value, call, 'log');
          }
        },
        NewExpression(node: TSESTree.NewExpression) {
          const { name } = calleeParts(node);
          if (name === undefined || !METRIC_CLASSES.includes(name)) return;
          for (const label of labelNames(node)) {
            if (nameMatches(String(label.value), labelKeys)) {
              context.report({ node: label, messageId: 'piiLabelName', data: { label: String(label.value) } });
            }
          }
        },
      };
    });
  },
});

interface SinkOptions {
  loggers: readonly string[];
  logMethods: readonly string[];
  metrics: readonly string[];
  metricMethods: readonly string[];
}

const tracers = new Map<string, Tracer>();

/** One tracer per option set, so function summaries survive from one file to the next. */
function cachedTracer(key: string, create: () => Tracer): Tracer {
  let tracer = tracers.get(key);
  if (!tracer) {
    tracer = create();
    if (tracers.size > 32) tracers.clear();
    tracers.set(key, tracer);
  }
  return tracer;
}

function sinkKind(node: TSESTree.CallExpression, sinks: SinkOptions): 'log' | 'metric' | undefined {
  const { receiver, name } = calleeParts(node);
  if (!receiver) return undefined;
  const target = receiverName(receiver);
  if (nameMatches(target, sinks.loggers) && nameMatches(name, sinks.logMethods)) return 'log';
  if (nameMatches(target, sinks.metrics) && nameMatches(name, sinks.metricMethods)) return 'metric';
  return undefined;
}

/**
 * `anything.inc({ reason, listener: listenerId })`: a metric method called with a label object. The
 * receiver is often named after what it counts (`metrics.fallbacks`), not after the metric kind, so the
 * label object alone marks the call. `set` takes a label object only with a value after it
 * (`gauge.set({ route }, 1)`); a one-argument `set({ ... })` is some other store.
 */
function labelObject(node: TSESTree.CallExpression, sinks: SinkOptions): TSESTree.ObjectExpression | undefined {
  const { receiver, name } = calleeParts(node);
  if (!receiver || name === undefined || !nameMatches(name, sinks.metricMethods)) return undefined;
  const first = node.arguments[0] ? unwrapExpression(node.arguments[0]) : undefined;
  if (first?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  if (name === 'set' && node.arguments.length < 2) return undefined;
  return first;
}

function callsUnder(root: TSESTree.Node): TSESTree.CallExpression[] {
  const calls: TSESTree.CallExpression[] = [];
  walk(root, (node) => {
    if (node.type === AST_NODE_TYPES.CallExpression) calls.push(node);
  });
  return calls;
}

/** The arguments of log calls under `root`: what a function hands to a logger. */
function logSinkValues(root: TSESTree.Node, module: FlowModule, sinks: SinkOptions): SinkValue[] {
  return callsUnder(root)
    .filter((call) => sinkKind(call, sinks) === 'log')
    .flatMap((call) => call.arguments.map((value) => ({ value, sink: shortText(call.callee, module) })));
}

/** Label values of metric calls under `root`. */
function metricSinkValues(root: TSESTree.Node, module: FlowModule, sinks: SinkOptions): SinkValue[] {
  return callsUnder(root).flatMap((call) => {
    const sink = shortText(call.callee, module);
    if (sinkKind(call, sinks) === 'metric') return call.arguments.map((value) => ({ value, sink }));
    const labels = labelObject(call, sinks);
    return labels ? [{ value: labels, sink }] : [];
  });
}

/**
 * What to do with an identifier on its way to a log: name a pseudonymising function only when the code has one in
 * scope or the config names one; otherwise say how to add one.
 */
export function pseudonymiseAdvice(inScope: string | undefined, configured: readonly string[] | undefined): string {
  if (inScope !== undefined) return `Pass it through \`${inScope}(...)\` first, or leave it out.`;
  const named = configured?.[0];
  if (named !== undefined) return `Pass it through the configured pseudonymising function \`${named}(...)\` first, or leave it out.`;
  return 'Leave it out, or log a pseudonym of it (a keyed hash) made by a function you name in the rule\'s `pseudonymisers` option.';
}

/** A route path written in the code: a string literal, or a template literal without expressions. */
function pathText(node: TSESTree.Node): string | undefined {
  const target = node.type === AST_NODE_TYPES.Property ? node.value : node;
  if (target.type === AST_NODE_TYPES.Literal && typeof target.value === 'string') return target.value;
  if (target.type === AST_NODE_TYPES.TemplateLiteral && target.expressions.length === 0) return target.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/**
 * The parameter names (`:userId` → `userId`) of the route paths registered around `node`: a string argument
 * starting with `/` of an enclosing call (`app.get('/users/:userId', handler)`), or the `url`/`path` of an
 * options object (`app.route({ url: '/users/:userId', handler })`).
 */
function routeParameters(node: TSESTree.Node): string[] {
  const names: string[] = [];
  for (let current = node.parent; current; current = current.parent) {
    if (current.type !== AST_NODE_TYPES.CallExpression) continue;
    for (const argument of current.arguments) {
      const candidates: TSESTree.Node[] = [argument];
      if (argument.type === AST_NODE_TYPES.ObjectExpression) {
        for (const property of argument.properties) {
          if (property.type === AST_NODE_TYPES.Property && ['url', 'path'].includes(propertyKeyName(property) ?? '')) candidates.push(property);
        }
      }
      for (const candidate of candidates) {
        const text = pathText(candidate);
        if (text === undefined || !text.startsWith('/')) continue;
        for (const match of text.matchAll(/:([A-Za-z_$][\w$]*)/g)) if (match[1] !== undefined) names.push(match[1]);
      }
    }
  }
  return names;
}

/** String literals in `new Counter({ labelNames: [...] })`. */
function labelNames(node: TSESTree.NewExpression): TSESTree.StringLiteral[] {
  const options = node.arguments[0] ? unwrapExpression(node.arguments[0]) : undefined;
  if (options?.type !== AST_NODE_TYPES.ObjectExpression) return [];
  const labels: TSESTree.StringLiteral[] = [];
  for (const property of options.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
    if (property.key.type !== AST_NODE_TYPES.Identifier || property.key.name !== 'labelNames') continue;
    const list = unwrapExpression(property.value);
    if (list.type !== AST_NODE_TYPES.ArrayExpression) continue;
    for (const element of list.elements) {
      if (element && isStringLiteral(element)) labels.push(element);
    }
  }
  return labels;
}

function isStringLiteral(node: TSESTree.Node): node is TSESTree.StringLiteral {
  return node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string';
}

function isBoundInScope(name: string, node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return ASTUtils.findVariable(sourceCode.getScope(node), name) !== null;
}

/** `listenerId` → `pseudonymise(listenerId)`; a shorthand `{ listenerId }` keeps its key. */
function wrapInPseudonymiser(
  fixer: TSESLint.RuleFixer,
  node: TSESTree.Node,
  pseudonymiser: string,
  sourceCode: Readonly<TSESLint.SourceCode>,
): TSESLint.RuleFix {
  const text = sourceCode.getText(node);
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.Property && parent.shorthand && parent.value === node) {
    return fixer.replaceText(parent, `${text}: ${pseudonymiser}(${text})`);
  }
  return fixer.replaceText(node, `${pseudonymiser}(${text})`);
}
