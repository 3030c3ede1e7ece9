import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIXTURE_PROJECT } from '../support/rule-tester.js';
import { ALL_SYNTAX_RULES, createLinter } from '../support/lint-all.js';

/**
 * A small grammar of TypeScript statements that mixes every pattern the rules look for (outbound calls,
 * awaits, Promise.all over mappings, loggers, routes, sync I/O, clients, env, sorts, model inputs, salts)
 * with the shapes that make rules take unusual paths: nesting, optional chains, computed members, spreads,
 * destructuring, classes, shadowed globals. Sub-expressions are parenthesised, which keeps the output valid
 * without changing its syntax tree.
 */
const identifier = fc.constantFrom('a', 'ids', 'listenerId', 'request', 'sink', 'modelClient', 'options', 'signal', 'candidates', 'outputs', 'sources', 'fs', 'Math', 'process', 'fetch', 'app');
const member = fc.constantFrom('body', 'query', 'score', 'emit', 'infer', 'log', 'env', 'map', 'sort', 'outputs', 'signal', 'salt', 'headers', 'random', 'now');

const expression: fc.Arbitrary<string> = fc.letrec<{ expression: string }>((tie) => ({
  expression: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    identifier,
    fc.constantFrom('1', '"x"', '`t${a}`', 'undefined', 'null', '[]', '{}', 'NaN'),
    fc.tuple(tie('expression'), member).map(([object, property]) => `(${object}).${property}`),
    fc.tuple(tie('expression'), member).map(([object, property]) => `(${object})?.${property}`),
    fc.tuple(tie('expression'), tie('expression')).map(([object, key]) => `(${object})[${key}]`),
    fc.tuple(tie('expression'), fc.array(tie('expression'), { maxLength: 3 })).map(([callee, args]) => `(${callee})(${args.join(', ')})`),
    fc.tuple(identifier, tie('expression')).map(([key, value]) => `{ ${key}: ${value} }`),
    fc.tuple(identifier, tie('expression')).map(([key, value]) => `{ ...(${value}), ${key} }`),
    fc.array(tie('expression'), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
    tie('expression').map((value) => `(() => (${value}))`),
    tie('expression').map((value) => `(async (x) => await (${value}))`),
    fc.tuple(tie('expression'), identifier).map(([collection, name]) => `(${collection}).map((${name}) => fetch(${name}))`),
    tie('expression').map((value) => `Promise.all(${value})`),
    tie('expression').map((value) => `new Pool(${value})`),
    tie('expression').map((value) => `(${value} as unknown as string)`),
    fc.tuple(tie('expression'), tie('expression')).map(([left, right]) => `(${left} - ${right})`),
    fc.tuple(tie('expression'), tie('expression')).map(([left, right]) => `(${left} ?? ${right})`),
  ),
})).expression;

const statement: fc.Arbitrary<string> = fc.letrec<{ statement: string }>((tie) => ({
  statement: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    expression.map((value) => `(${value});`),
    fc.tuple(identifier, expression).map(([name, value]) => `const ${name}_ = await (${value});`),
    fc.tuple(identifier, expression).map(([name, value]) => `let { ${name}: x_ } = ${value};`),
    expression.map((value) => `await sink.emit(${value});`),
    expression.map((value) => `await fetch("http://model", ${value});`),
    expression.map((value) => `logger.info({ listenerId: ${value} }, "served");`),
    expression.map((value) => `counter.inc({ route: ${value} });`),
    expression.map((value) => `app.get("/x", ${value}, async (request) => request.body);`),
    expression.map((value) => `app.route({ method: "GET", url: "/y", schema: ${value}, handler: async ({ query }) => query });`),
    expression.map((value) => `readFileSync(${value});`),
    expression.map((value) => `const body = { inputs: [${value}] };`),
    expression.map((value) => `items.sort((a, b) => b.score - ${value});`),
    expression.map((value) => `const layer = { salt: "s", nested: { salt: ${value} } };`),
    fc.constantFrom('Math.random();', 'Date.now();', 'new Date();', 'crypto.randomUUID();', 'process.env.X;', 'const [first] = response.outputs;'),
    fc.array(tie('statement'), { maxLength: 3 }).map((body) => `{ ${body.join(' ')} }`),
    fc.tuple(expression, fc.array(tie('statement'), { maxLength: 3 })).map(([items, body]) => `for (const item of ${items}) { ${body.join(' ')} }`),
    fc.tuple(expression, fc.array(tie('statement'), { maxLength: 3 })).map(([condition, body]) => `while (${condition}) { ${body.join(' ')} break; }`),
    fc.tuple(identifier, fc.array(tie('statement'), { maxLength: 3 })).map(([name, body]) => `async function ${name}_fn(request) { ${body.join(' ')} }`),
    fc.array(tie('statement'), { maxLength: 3 }).map((body) => `app.post("/z", async (request, reply) => { ${body.join(' ')} });`),
    fc.array(tie('statement'), { maxLength: 3 }).map((body) => `class Component { constructor() { this.pool = new Pool(a); } async run() { ${body.join(' ')} } }`),
    fc.array(tie('statement'), { maxLength: 3 }).map((body) => `switch (a) { case 1: ${body.join(' ')} }`),
    fc.array(tie('statement'), { maxLength: 3 }).map((body) => `try { ${body.join(' ')} } catch { }`),
  ),
})).statement;

const PRELUDE = "import { readFileSync } from 'node:fs';\nimport { request as undiciRequest } from 'undici';\n";

const program = fc
  .tuple(fc.array(statement, { minLength: 1, maxLength: 6 }), fc.boolean())
  .map(([statements, wrapped]) => {
    const body = statements.join('\n');
    return PRELUDE + (wrapped ? `export async function handler(request) {\n${body}\n}` : body);
  });

const filename = fc.constantFrom('src/server/routes.ts', 'src/components/scorer.ts', 'src/config/env.ts', 'lib/other.ts');

describe('every syntax-only rule over generated code', () => {
  const linter = createLinter(FIXTURE_PROJECT);

  it('never throws and reports only well-formed messages, the same on every run', () => {
    const rulesThatReported = new Set<string>();
    fc.assert(
      fc.property(program, filename, (code, file) => {
        const first = linter.verify(code, [ALL_SYNTAX_RULES], file);
        // The grammar only produces valid TypeScript, so a parse failure is a bug in the grammar.
        expect(first.filter((message) => message.fatal === true)).toEqual([]);
        for (const message of first) {
          expect(message.ruleId).toMatch(/^npvguard\//);
          expect(message.line).toBeGreaterThanOrEqual(1);
          expect(message.column).toBeGreaterThanOrEqual(1);
          expect(message.message).not.toMatch(/\{\{/);
          rulesThatReported.add(message.ruleId ?? '');
        }
        expect(linter.verify(code, [ALL_SYNTAX_RULES], file)).toEqual(first);
      }),
      { numRuns: 200 },
    );
    // The grammar is meant to exercise the rules, not only the parser: most of them must have fired.
    expect(rulesThatReported.size).toBeGreaterThanOrEqual(8);
  }, 60_000);
});
