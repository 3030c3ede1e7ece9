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
    'cache.set(listenerId, cards);',
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
  ],
  invalid: [
    {
      code: 'request.log.info({ listenerId: query.listenerId }, "served");',
      errors: [
        {
          messageId: 'piiInLog',
          line: 1,
          column: 32,
          data: { value: 'query.listenerId', call: 'request.log.info', pseudonymiser: 'pseudonymise' },
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
      code: 'logger.info({ listenerId });',
      settings: { npvguard: { identifiers: 'listenerId' } },
      errors: [{ messageId: 'invalidSettings', line: 1, column: 1 }],
    },
  ],
});
