import rule from '../../src/rules/no-pii-in-logs.js';
import { syntaxRuleTester } from '../support/rule-tester.js';

const ruleTester = syntaxRuleTester();

ruleTester.run('no-pii-in-logs', rule, {
  valid: [
    'request.log.info({ requestId: request.id, route: "/npv" }, "served");',
    'logger.info({ listener: pseudonymise(query.listenerId) });',
    'logger.info({ listener: this.pseudonymiser.pseudonymise(listenerId) });',
    'log.warn(`fallback for ${pseudonymize(userId)}`);',
    'logger.info({ listenerPseudonym: request.listenerPseudonym });',
    'requestsTotal.inc({ route: "/npv", outcome: "ok" });',
    'latencySeconds.observe({ route }, elapsed);',
    'new Counter({ name: "npv_requests_total", help: "x", labelNames: ["route", "outcome"] });',
    // Not a logger or metric.
    'function serializeRequest(request: RequestLike) {\n  return { method: request.method, route: request.routeOptions?.url ?? "(no route)" };\n}\nconst options = { serializers: { req: serializeRequest } };',
    // Not a logger's serializers object, or a serializer this file cannot see.
    'const routes = { req: (request: Request) => request.url };',
    'import { serializeRequest } from "./logger.js";\nconst options = { serializers: { req: serializeRequest } };',
    'cache.set(listenerId, cards);',
    'store.set({ listenerId });',
    'metrics.fallbacks.inc({ reason });',
    'metrics.fallbacks.inc(listenerId.length);',
    'emit({ listenerId });',
    // Types never carry data.
    'logger.info(count as unknown as ListenerId);',
    {
      code: 'logger.info({ listenerId: hashed(listenerId) });',
      options: [{ pseudonymisers: ['hashed'] }],
    },
    {
      code: 'logger.info({ accountRef });',
      settings: { npvguard: { identifiers: ['listenerId'] } },
    },
    // A path and its parameters identify nobody in general: an error handler logging where the request went.
    "fastify.setErrorHandler((err, request, reply) => {\n  request.log.error({ url: request.url, params: request.params }, 'failed');\n  reply.send(err);\n});",
    "app.get('/venues/:id', async (request) => {\n  request.log.info({ params: request.params }, 'venue read');\n});",
    "app.route({ method: 'GET', url: '/orders/:orderId', handler: async (req) => { req.log.debug(req.params); } });",
    // What fastify's own request serializer logs.
    'export const options = { serializers: { req: (request: RequestLike) => ({ method: request.method, url: request.url }) } };',
  ],
  invalid: [
    {
      code: 'request.log.info({ listenerId: query.listenerId }, "served");',
      errors: [
        {
          messageId: 'piiInLog',
          line: 1,
          column: 32,
          data: { value: 'query.listenerId', call: 'request.log.info', advice: "Leave it out, or log a pseudonym of it (a keyed hash) made by a function you name in the rule's `pseudonymisers` option." },
          suggestions: [],
        },
      ],
    },
    {
      code: "import { pseudonymise } from '../privacy.js';\nlogger.info({ listenerId });",
      errors: [
        {
          messageId: 'piiInLog',
          line: 2,
          column: 15,
          suggestions: [
            {
              messageId: 'wrapInPseudonymiser',
              output: "import { pseudonymise } from '../privacy.js';\nlogger.info({ listenerId: pseudonymise(listenerId) });",
            },
          ],
        },
      ],
    },
    {
      code: "import { pseudonymise } from '../privacy.js';\nconsole.log(`serving ${userId} from ${ip}`);",
      errors: [
        {
          messageId: 'piiInLog',
          line: 2,
          column: 24,
          suggestions: [
            {
              messageId: 'wrapInPseudonymiser',
              output: "import { pseudonymise } from '../privacy.js';\nconsole.log(`serving ${pseudonymise(userId)} from ${ip}`);",
            },
          ],
        },
        {
          messageId: 'piiInLog',
          line: 2,
          column: 39,
          suggestions: [
            {
              messageId: 'wrapInPseudonymiser',
              output: "import { pseudonymise } from '../privacy.js';\nconsole.log(`serving ${userId} from ${pseudonymise(ip)}`);",
            },
          ],
        },
      ],
    },
    {
      code: 'app.log.error({ body: request.body, headers: req.headers }, "bad request");',
      errors: [
        { messageId: 'requestDataInLog', line: 1, column: 23, data: { value: 'request.body', call: 'app.log.error' } },
        { messageId: 'requestDataInLog', line: 1, column: 46, data: { value: 'req.headers', call: 'app.log.error' } },
      ],
    },
    {
      code: 'const child = this.logger.child({ email: user.email });',
      errors: [{ messageId: 'piiInLog', line: 1, column: 42, suggestions: [] }],
    },
    {
      code: 'servedTotal.inc({ listener: query.listenerId });',
      errors: [
        { messageId: 'piiInMetricLabel', line: 1, column: 29, data: { value: 'query.listenerId', call: 'servedTotal.inc' } },
      ],
    },
    {
      code: 'const observer = {\n  scoringFellBack: (reason: string, listenerId?: string) => metrics.fallbacks.inc({ reason, listener: listenerId ?? "unknown" }),\n};',
      errors: [
        { messageId: 'piiInMetricLabel', line: 2, column: 103, data: { value: 'listenerId', call: 'metrics.fallbacks.inc' } },
      ],
    },
    {
      code: 'this.deps.served.observe({ listener: pseudonymise(request.userId) }, 1);\nstate.set({ email }, 1);',
      errors: [
        { messageId: 'piiInMetricLabel', line: 1, column: 51, data: { value: 'request.userId', call: 'this.deps.served.observe' } },
        { messageId: 'piiInMetricLabel', line: 2, column: 13, data: { value: 'email', call: 'state.set' } },
      ],
    },
    {
      code: 'export function serializeRequest(request: RequestLike): Record<string, unknown> {\n  return { method: request.method, url: request.url, ip: request.ip };\n}\nexport const options = { serializers: { req: serializeRequest, res: serializeReply } };',
      errors: [{ messageId: 'requestDataInLog', line: 2, column: 58, data: { value: 'request.ip', call: 'serializers.req' } }],
    },
    // The route's path has a parameter named like an identifier: its params and url carry it.
    {
      code: "app.get('/users/:userId/cards', async (request) => {\n  request.log.info({ params: request.params, url: request.url }, 'cards read');\n});",
      errors: [
        { messageId: 'requestDataInLog', line: 2, column: 30, data: { value: 'request.params', call: 'request.log.info' } },
        { messageId: 'requestDataInLog', line: 2, column: 51, data: { value: 'request.url', call: 'request.log.info' } },
      ],
    },
    {
      code: "app.route({ method: 'GET', url: `/by-email/:email`, handler: async (req) => { req.log.debug(req.params); } });",
      errors: [{ messageId: 'requestDataInLog', line: 1, column: 93 }],
    },
    // A named parameter inside params is an identifier wherever it is logged.
    {
      code: "fastify.setErrorHandler((err, request) => { request.log.error({ user: request.params.userId }, 'failed'); });",
      errors: [{ messageId: 'piiInLog', line: 1, column: 71 }],
    },
    // pathProperties: [] reports them like any raw request part.
    {
      code: "fastify.setErrorHandler((err, request) => { request.log.error({ url: request.url }, 'failed'); });",
      options: [{ pathProperties: [] }],
      errors: [{ messageId: 'requestDataInLog', line: 1, column: 70 }],
    },
    {
      code: 'const app = fastify({ logger: { serializers: { req: (r) => ({ method: r.method, query: r.query, listener: r.body.listenerId }) } } });',
      errors: [
        { messageId: 'requestDataInLog', line: 1, column: 88, data: { value: 'r.query', call: 'serializers.req' } },
        { messageId: 'piiInLog', line: 1, column: 107, data: { value: 'r.body.listenerId', call: 'serializers.req', advice: "Leave it out, or log a pseudonym of it (a keyed hash) made by a function you name in the rule's `pseudonymisers` option." } },
      ],
    },
    {
      code: 'httpHistogram.labels(route, pseudonymise(listenerId)).observe(1);',
      errors: [{ messageId: 'piiInMetricLabel', line: 1, column: 42 }],
    },
    {
      code: 'new Histogram({ name: "npv_latency", help: "x", labelNames: ["route", "listenerId"] });',
      errors: [{ messageId: 'piiLabelName', line: 1, column: 71, data: { label: 'listenerId' } }],
    },
    {
      code: 'audit.write({ accountRef });',
      options: [{ identifiers: ['accountRef'], loggers: ['audit'], logMethods: ['write'] }],
      errors: [{ messageId: 'piiInLog', line: 1, column: 15 }],
    },
    {
      // The message names a pseudonymising function only when the code has it in scope or the config names it.
      code: 'logger.info({ userId });',
      options: [{ pseudonymisers: ['hashUser'] }],
      errors: [{ messageId: 'piiInLog', data: { value: 'userId', call: 'logger.info', advice: 'Pass it through the configured pseudonymising function `hashUser(...)` first, or leave it out.' } }],
    },
    {
      code: "import { pseudonymise } from '../privacy.js';\nlogger.info({ userId });",
      errors: [
        {
          messageId: 'piiInLog',
          data: { value: 'userId', call: 'logger.info', advice: 'Pass it through `pseudonymise(...)` first, or leave it out.' },
          suggestions: [{ messageId: 'wrapInPseudonymiser', output: "import { pseudonymise } from '../privacy.js';\nlogger.info({ userId: pseudonymise(userId) });" }],
        },
      ],
    },
    {
      code: 'logger.info({ listenerId });',
      settings: { npvguard: { identifiers: 'listenerId' } },
      errors: [{ messageId: 'invalidSettings', line: 1, column: 1 }],
    },
  ],
});
