import rule from '../../src/rules/no-pii-in-model-inputs.js';
import { syntaxRuleTester } from '../support/rule-tester.js';

const ruleTester = syntaxRuleTester();

ruleTester.run('no-pii-in-model-inputs', rule, {
  valid: [
    'const body = { inputs: [{ name: "popularity", shape: [n, 1], datatype: "FP32", data: rows.map((r) => r.popularity) }] };',
    'const body = { id: requestId, inputs };',
    // Only model inputs are in scope; other objects may carry the id.
    'const event = { listenerId: pseudonym, cards };',
    'const { inputs } = parse({ listenerId });',
    {
      code: 'const body = { features: [userId] };',
      options: [{ inputProperties: ['inputs'] }],
    },
  ],
  invalid: [
    {
      code: 'const body = {\n  inputs: [{ name: "listener", shape: [1], datatype: "BYTES", data: [query.listenerId] }],\n};',
      errors: [
        { messageId: 'piiInModelInput', line: 2, column: 70, data: { value: 'query.listenerId', property: 'inputs' } },
      ],
    },
    {
      code: 'const body = { inputs: [{ name: "listener", data: [pseudonymise(listenerId)] }] };',
      errors: [{ messageId: 'piiInModelInput', line: 1, column: 65, data: { value: 'listenerId', property: 'inputs' } }],
    },
    {
      code: 'await fetch(url, { method: "POST", body: JSON.stringify({ inputs: toInputs(rows, request.headers) }), signal });',
      errors: [{ messageId: 'piiInModelInput', line: 1, column: 82, data: { value: 'request.headers', property: 'inputs' } }],
    },
    {
      code: 'const body = { features: [accountRef] };',
      options: [{ inputProperties: ['features'], identifiers: ['accountRef'] }],
      errors: [{ messageId: 'piiInModelInput', line: 1, column: 27, data: { value: 'accountRef', property: 'features' } }],
    },
  ],
});
