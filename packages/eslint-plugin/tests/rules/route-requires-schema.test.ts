import rule from '../../src/rules/route-requires-schema.js';
import { syntaxRuleTester, typedRuleTester } from '../support/rule-tester.js';

const filename = 'src/server/routes.ts';
const IMPORTS = "import { cardsRouteSchema, healthRouteSchema, bodyOnlySchema, spreadSchema, cardsRouteOptions, buildSchema } from './schemas.js';\n";

syntaxRuleTester().run('route-requires-schema', rule, {
  valid: [
    { code: 'app.get("/healthz", { schema: { response: { 200: Live } } }, async () => ({ live: true }));', filename },
    {
      code: 'app.post("/v1/npv/cards", { schema: { body: CardsRequest, response: { 200: CardsResponse } } }, async (request) => rank(request.body));',
      filename,
    },
    {
      code: 'const schema = { querystring: Q, params: P, response: { 200: R } };\napp.get("/x/:id", { schema }, async (req) => [req.query.a, req.params.id]);',
      filename,
    },
    { code: 'fastify.route({ method: "GET", url: "/x", schema: { query: Q, response: { 200: R } }, handler: async ({ query }) => query });', filename },
    { code: IMPORTS + 'app.post("/v1/npv/cards", { schema: cardsRouteSchema }, async (request) => rank(request.body));', filename },
    { code: IMPORTS + 'app.get("/healthz", { schema: healthRouteSchema }, async () => ({ live: true }));', filename },
    { code: IMPORTS + 'app.get("/x", cardsRouteOptions, async () => ({}));', filename },
    { code: 'const handler = async (request) => request.body;\napp.post("/x", { schema: { body: B, response: { 200: R } } }, handler);', filename },
    // Not a route: a Map's get, a string path is missing, a receiver that is not an app.
    { code: 'cache.get("/x", fallback);', filename },
    { code: 'app.get(key);', filename },
    { code: 'app.get("/x", async (request) => request.body);', filename, options: [{ appNames: ['server'] }] },
    { code: 'app.get("/x", { schema: { querystring: Q } }, async (request) => request.query);', filename, options: [{ requireResponseSchema: false }] },
  ],
  invalid: [
    {
      code: 'app.get("/healthz", async () => ({ live: true }));',
      filename,
      errors: [{ messageId: 'missingResponseSchema', line: 1, column: 5, data: { route: 'GET /healthz' } }],
    },
    {
      code: 'app.post("/v1/npv/cards", { schema: { response: { 200: R } } }, async (request) => {\n  return rank(request.body);\n});',
      filename,
      errors: [
        { messageId: 'missingRequestSchema', line: 2, column: 15, data: { access: 'request.body', schemaKey: 'body' } },
      ],
    },
    {
      code: 'server.route({ method: "GET", url: "/x/:id", handler: async ({ params, query }) => [params, query] });',
      filename,
      errors: [
        { messageId: 'missingResponseSchema', line: 1, column: 8, data: { route: 'server.route' } },
        { messageId: 'missingRequestSchema', line: 1, column: 64, data: { access: 'params', schemaKey: 'params' } },
        { messageId: 'missingRequestSchema', line: 1, column: 72, data: { access: 'query', schemaKey: 'querystring' } },
      ],
    },
    {
      code: 'const metadata = async (request) => request.params.name;\napp.get("/v2/models/:name", metadata);\napp.get("/v2/models/:name/versions/:version", metadata);',
      filename,
      errors: [
        { messageId: 'missingRequestSchema', line: 1, column: 37, data: { access: 'request.params', schemaKey: 'params' } },
        { messageId: 'missingResponseSchema', line: 2, column: 5, data: { route: 'GET /v2/models/:name' } },
        { messageId: 'missingResponseSchema', line: 3, column: 5, data: { route: 'GET /v2/models/:name/versions/:version' } },
      ],
    },
    {
      code: IMPORTS + 'app.post("/x", { schema: bodyOnlySchema }, async (req) => req.body);',
      filename,
      errors: [{ messageId: 'missingResponseSchema', line: 2, column: 5, data: { route: 'POST /x' } }],
    },
    {
      code: IMPORTS + 'app.get("/x", { schema: spreadSchema }, async () => ({}));',
      filename,
      errors: [{ messageId: 'schemaNotVisible', line: 2, column: 25, data: { route: 'GET /x', expression: 'spreadSchema' } }],
    },
    {
      code: IMPORTS + 'app.get("/x", { schema: buildSchema() }, async () => ({}));',
      filename,
      errors: [{ messageId: 'schemaNotVisible', line: 2, column: 25 }],
    },
    {
      code: 'export function routes(app, options) {\n  app.get("/x", options, async (request) => request.query);\n}',
      filename,
      errors: [{ messageId: 'schemaNotVisible', line: 2, column: 17, data: { route: 'GET /x', expression: 'options' } }],
    },
  ],
});

typedRuleTester().run('route-requires-schema (with type information)', rule, {
  valid: [
    {
      code: 'declare const app: { get(path: string, options: object, handler: (request: { query: unknown }) => unknown): void };\ndeclare function buildSchema(): { querystring: object; response: object };\napp.get("/x", { schema: buildSchema() }, async (request) => request.query);',
      filename,
    },
  ],
  invalid: [
    {
      code: 'declare const app: { get(path: string, options: object, handler: (request: { query: unknown }) => unknown): void };\ndeclare function buildSchema(): { response: object };\napp.get("/x", { schema: buildSchema() }, async (request) => request.query);',
      filename,
      errors: [{ messageId: 'missingRequestSchema', line: 3, column: 61, data: { access: 'request.query', schemaKey: 'querystring' } }],
    },
  ],
});
