import rule from '../../src/rules/no-pii-in-model-inputs.js';
import { fixturePath, syntaxRuleTester, typedRuleTester } from '../support/rule-tester.js';

const ruleTester = syntaxRuleTester();
/** Beside tests/fixtures/project/src/flow/model.ts, which the cross-file cases import. */
const filename = fixturePath('src/flow/client.ts');

/** Identifiers that reach any field of a model request under another name: followed, each form with a look-alike. */
ruleTester.run('no-pii-in-model-inputs (data flow)', rule, {
  valid: [
    { filename, code: 'const popularity = rows.map((row) => row.popularity);\nconst body = { inputs: [{ name: "p", data: popularity }] };' },
    { filename, code: 'const { limit: n } = request.body;\nconst body = { inputs: [{ name: "p", shape: [n, 1], data }] };' },
    { filename, code: 'const base = { datatype: "FP32" };\nconst body = { inputs: [{ ...base, name: "p", data }] };' },
    { filename, code: 'const id = `req-${counter}`;\nconst body = { id, inputs };' },
    { filename, code: 'import { inferenceRequest } from "./model.js";\nconst body = inferenceRequest(rows, request.id);' },
    { filename, code: 'import { countRows } from "./model.js";\nconst n = countRows(rows, listenerId);\nconst body = { inputs: [{ name: "p", shape: [n, 1], data }] };' },
    // Not a model request: an event with its own identifier.
    { filename, code: 'const who = listenerId;\nconst event = { who, cards };' },
  ],
  invalid: [
    {
      filename,
      code: 'const who = query.listenerId;\nconst body = { inputs: [{ name: "listener", data: [who] }] };',
      errors: [{ messageId: 'piiFlowsToModelInput', line: 2, column: 52, data: { value: 'who', property: '`inputs`', path: '`query.listenerId` (line 1) → `who` (line 1)' } }],
    },
    {
      filename,
      code: 'const { email: contact } = session;\nconst body = { inputs, parameters: { contact } };',
      errors: [{ messageId: 'piiFlowsToModelInput', line: 2, column: 38 }],
    },
    {
      filename,
      code: 'const extra = { user: userId };\nconst body = { inputs: [{ name: "p", data, parameters: { ...extra } }] };',
      errors: [{ messageId: 'piiFlowsToModelInput', line: 2, column: 61 }],
    },
    // The request id of an inference request is sent too.
    {
      filename,
      code: 'const requestId = `npv-${listenerId}-${Date.now()}`;\nconst body = JSON.stringify({ id: requestId, inputs });',
      errors: [{ messageId: 'piiFlowsToModelInput', line: 2, column: 35 }],
    },
    // A header of the outbound call that carries the inference request.
    {
      filename,
      code: 'async function infer(rows, who) {\n  const request = { inputs: toInputs(rows) };\n  return fetch(url, { method: "POST", headers: { "x-user": who.userId }, body: JSON.stringify(request) });\n}',
      errors: [{ messageId: 'piiInModelInput', line: 3, column: 60 }],
    },
    // A pseudonym is an identity too.
    {
      filename,
      code: 'const tag = pseudonymise(listenerId);\nconst body = { inputs, parameters: { tag } };',
      errors: [{ messageId: 'piiFlowsToModelInput', line: 2, column: 38 }],
    },
    // Handed to a helper in another file that puts it in the request id.
    {
      filename,
      code: 'import { inferenceRequest } from "./model.js";\nconst body = inferenceRequest(rows, request.body.listenerId);',
      errors: [{ messageId: 'piiFlowsToModelInput', line: 2, column: 37 }],
    },
    // Arguments of the service's model client.
    {
      filename,
      code: 'const { ipAddress } = request;\nawait modelClient.infer(rows, { origin: ipAddress });',
      errors: [{ messageId: 'piiInModelInput', line: 2, column: 41 }],
    },
  ],
});

/** Fields set after the request literal, values named as pseudonyms, and (typed) objects whose type carries an identifier. */
ruleTester.run('no-pii-in-model-inputs (fields set later, pseudonyms)', rule, {
  valid: [
    // Not bound to an inference request: an event of the service's own.
    { filename, code: 'const event = { kind: "served" };\nevent.extra = { caller: ctx.userId };' },
    { filename, code: 'const payload = { inputs };\npayload.parameters = { batch: rows.length };' },
    // A pseudonym in a log line is the log rule's business, not a model input.
    { filename, code: 'logger.info({ who: session.userPseudonym });' },
  ],
  invalid: [
    {
      filename,
      code: 'const payload = { inputs, outputs };\nif (ctx) payload.parameters = { caller: ctx.userId };',
      errors: [{ messageId: 'piiInModelInput', line: 2, column: 41, data: { value: 'ctx.userId', property: 'parameters' } }],
    },
    {
      filename,
      code: 'const payload = { inputs };\npayload["parameters"].who = account.email;',
      errors: [{ messageId: 'piiInModelInput', line: 2, column: 29 }],
    },
    {
      filename,
      code: 'const body = { inputs: [{ name: "p", data }], parameters: { key: session?.userPseudonym ?? null } };',
      errors: [{ messageId: 'piiInModelInput', line: 1, column: 66 }],
    },
  ],
});

const typedFilename = 'src/flow/model.ts';
typedRuleTester().run('no-pii-in-model-inputs (typed: the fields of a value\'s type)', rule, {
  valid: [
    {
      filename: typedFilename,
      code: 'interface Trace { requestId: string; region: string }\nexport function body(trace: Trace, data: number[]) {\n  return { inputs: [{ name: "p", data }], parameters: { ...trace } };\n}',
    },
  ],
  invalid: [
    {
      filename: typedFilename,
      code: 'interface Trace { requestId: string; userId: string }\nexport function body(trace: Trace, data: number[]) {\n  return { inputs: [{ name: "p", data }], parameters: { ...trace } };\n}',
      errors: [{ messageId: 'piiFlowsToModelInput', line: 3, column: 60, data: { value: 'trace', property: '`parameters`', path: '`trace.userId` (line 3)' } }],
    },
    {
      filename: typedFilename,
      code: 'interface Trace { requestId: string; email?: string }\nexport function body(trace: Trace | undefined, data: number[]) {\n  return { inputs: [{ name: "p", data }], parameters: { trace } };\n}',
      errors: [{ messageId: 'piiFlowsToModelInput', line: 3, column: 57 }],
    },
  ],
});
