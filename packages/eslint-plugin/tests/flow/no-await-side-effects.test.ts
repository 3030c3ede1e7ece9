import rule from '../../src/rules/no-await-side-effects.js';
import { fixturePath, syntaxRuleTester } from '../support/rule-tester.js';

const ruleTester = syntaxRuleTester();
/** A request-path file; the helpers it awaits are in tests/fixtures/project/src/flow/events.ts. */
const filename = fixturePath('src/server/flowRoute.ts');

/** A side effect waited for through a local, a list, or a helper in another file. */
ruleTester.run('no-await-side-effects (data flow)', rule, {
  valid: [
    { filename, code: 'import { prepare } from "../flow/events.js";\nasync function handle() { await prepare(cache); }' },
    { filename, code: 'import { fireServed } from "../flow/events.js";\nasync function handle() { await fireServed(sink, event); }' },
    { filename, code: 'async function handle() {\n  const pending = catalog.findTrack(id);\n  await pending;\n}' },
    { filename, code: 'async function handle() {\n  const work = [rank(), load()];\n  await Promise.all(work);\n}' },
  ],
  invalid: [
    {
      filename,
      code: 'async function handle() {\n  const pending = sink.emit(event);\n  await pending;\n}',
      errors: [{ messageId: 'awaitedSideEffect', line: 2, column: 19 }],
    },
    {
      filename,
      code: 'async function handle() {\n  const work = [rank(), eventSink.emit(served)];\n  const [cards] = await Promise.all(work);\n}',
      errors: [{ messageId: 'awaitedSideEffect', line: 2, column: 25 }],
    },
    {
      filename,
      code: 'import { recordServed } from "../flow/events.js";\nasync function handle() { await recordServed(sink, event); }',
      errors: [
        {
          messageId: 'awaitedSideEffectThrough',
          line: 2,
          column: 33,
          data: { call: 'recordServed(…)', inner: 'sink.emit', where: '../flow/events.ts', callee: 'recordServed' },
        },
      ],
    },
    {
      filename,
      code: 'import * as events from "../flow/events.js";\nasync function handle() { await events.announce(bus, event); }',
      errors: [{ messageId: 'awaitedSideEffectThrough', line: 2, column: 33 }],
    },
    {
      filename,
      code: 'import { finish } from "../flow/events.js";\nasync function handle() { const done = finish(sink, event); await done; }',
      errors: [{ messageId: 'awaitedSideEffectThrough', line: 2, column: 40 }],
    },
    {
      filename,
      code: 'async function logServed(event) { await exposureSink.record(event); }\nasync function handle() { await logServed(event); }',
      errors: [
        {
          messageId: 'awaitedSideEffect',
          line: 1,
          column: 41,
          suggestions: [
            {
              messageId: 'fireAndForget',
              output: 'async function logServed(event) { void exposureSink.record(event); }\nasync function handle() { await logServed(event); }',
            },
          ],
        },
        { messageId: 'awaitedSideEffectThrough', line: 2, column: 33 },
      ],
    },
  ],
});
