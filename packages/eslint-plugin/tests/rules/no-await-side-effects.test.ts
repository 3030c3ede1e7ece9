import rule from '../../src/rules/no-await-side-effects.js';
import { syntaxRuleTester } from '../support/rule-tester.js';

const ruleTester = syntaxRuleTester();
const filename = 'src/components/scorer.ts';

ruleTester.run('no-await-side-effects', rule, {
  valid: [
    { code: 'async function fire() { sink.emit(event); }', filename },
    { code: 'async function fire() { void this.exposureLog.logExposure(cards); }', filename },
    { code: 'async function fire() { await catalog.findTrack(id, signal); }', filename },
    // Not a side-effect method of the receiver.
    { code: 'async function fire() { await eventSink.flush(); }', filename },
    // Composition time: connecting the sink at startup may be awaited.
    { code: 'async function buildApp() { await events.publish(startedEvent); }', filename },
    // Outside the request path.
    { code: 'async function replay() { await sink.emit(event); }', filename: 'scripts/replay.ts' },
    {
      code: 'async function fire() { await audit.write(event); }',
      filename,
      options: [{ receivers: ['*sink*'], methods: ['emit'] }],
    },
  ],
  invalid: [
    {
      code: 'async function fire() {\n  await sink.emit(event);\n}',
      filename,
      errors: [
        {
          messageId: 'awaitedSideEffect',
          line: 2,
          column: 9,
          data: { call: 'sink.emit' },
          suggestions: [{ messageId: 'fireAndForget', output: 'async function fire() {\n  void sink.emit(event);\n}' }],
        },
      ],
    },
    {
      code: 'async function fire() {\n  await this.deps.exposureLog.logExposure(cards).catch(() => undefined);\n}',
      filename,
      errors: [
        {
          messageId: 'awaitedSideEffect',
          line: 2,
          column: 9,
          data: { call: 'this.deps.exposureLog.logExposure' },
          suggestions: [],
        },
      ],
    },
    {
      code: 'async function respond() {\n  const [cards] = await Promise.all([rank(), eventBus.publish(served), EVENTS.record(x)]);\n}',
      filename,
      options: [{ receivers: ['*bus', '*events*'] }],
      errors: [
        { messageId: 'awaitedSideEffect', line: 2, column: 46, suggestions: [] },
        { messageId: 'awaitedSideEffect', line: 2, column: 72, suggestions: [] },
      ],
    },
    {
      code: 'app.post("/npv", async (request) => {\n  const sent = await servedEvents.emit(request.id);\n  return sent;\n});',
      filename: 'lib/routes.ts',
      errors: [{ messageId: 'awaitedSideEffect', line: 2, column: 22, suggestions: [] }],
    },
    {
      code: 'async function fire() {\n  await audit.write(event);\n}',
      filename,
      options: [{ receivers: ['audit'], methods: ['write'] }],
      errors: [
        {
          messageId: 'awaitedSideEffect',
          line: 2,
          column: 9,
          suggestions: [{ messageId: 'fireAndForget', output: 'async function fire() {\n  void audit.write(event);\n}' }],
        },
      ],
    },
  ],
});
