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
    // `parameters` away from a model request's inputs is some other object.
    'const job = { parameters: { listenerId } };',
    'const body = { inputs, parameters: { content_type: "np" } };',
    // The condition picks the value; it is not sent.
    'const body = { inputs, parameters: listenerId === undefined ? {} : { region } };',
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
      code: 'const body = JSON.stringify({\n  inputs: [{ name: INPUT_NAME, data }],\n  outputs: [{ name: OUTPUT_NAME }],\n  parameters: listenerId === undefined ? {} : { listener_id: listenerId },\n});',
      errors: [{ messageId: 'piiInModelInput', line: 4, column: 62, data: { value: 'listenerId', property: 'parameters' } }],
    },
    {
      code: 'const body = { inputs: [{ name: "popularity", data, parameters: { user: request.query } }] };',
      errors: [{ messageId: 'piiInModelInput', line: 1, column: 73, data: { value: 'request.query', property: 'inputs' } }],
    },
    {
      code: 'const body = { options: { account: accountRef }, tensors };',
      options: [{ inputProperties: ['tensors'], parameterProperties: ['options'], identifiers: ['accountRef'] }],
      errors: [{ messageId: 'piiInModelInput', line: 1, column: 36, data: { value: 'accountRef', property: 'options' } }],
    },
    {
      code: 'const body = { features: [accountRef] };',
      options: [{ inputProperties: ['features'], identifiers: ['accountRef'] }],
      errors: [{ messageId: 'piiInModelInput', line: 1, column: 27, data: { value: 'accountRef', property: 'features' } }],
    },
  ],
});
