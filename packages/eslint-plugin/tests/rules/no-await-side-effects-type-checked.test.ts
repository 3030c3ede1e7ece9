import rule from '../../src/rules/no-await-side-effects-type-checked.js';
import { typedRuleTester } from '../support/rule-tester.js';

const ruleTester = typedRuleTester();
const filename = 'src/components/scorer.ts';

const PORTS = `interface EventSinkPort { emit(event: string): Promise<void>; }
interface SideEffect { fire(cards: string[]): Promise<void>; }
class KafkaPublisher implements EventSinkPort { async emit(event: string) {} }
declare const publisher: KafkaPublisher;
declare const effects: readonly SideEffect[];
declare const store: { get(id: string): Promise<number> };
`;

ruleTester.run('no-await-side-effects-type-checked', rule, {
  valid: [
    { code: `${PORTS} async function fire() { void publisher.emit('served'); }`, filename },
    { code: `${PORTS} async function run() { await store.get('a'); }`, filename },
    { code: `${PORTS} async function buildApp() { await publisher.emit('started'); }`, filename },
    { code: `${PORTS} async function fire() { await publisher.emit('served'); }`, filename: 'scripts/replay.ts' },
    // Inside the sink, awaiting its own methods is how it works.
    { code: `class FileSink implements EventSinkPort { async emit(e: string) { await this.flush(); } async flush() {} }\n${PORTS}`, filename },
    // Shutdown hooks run once, when the app closes.
    {
      code: `${PORTS} declare const app: { addHook(name: string, hook: () => Promise<void>): void };\napp.addHook('onClose', async () => { await publisher.emit('stopped'); });`,
      filename: 'src/server/app.ts',
    },
  ],
  invalid: [
    {
      // The receiver's name says nothing; its type implements the sink port.
      code: `${PORTS}async function fire() {\n  await publisher.emit('served');\n}`,
      filename,
      errors: [
        {
          messageId: 'awaitedSideEffect',
          line: 8,
          column: 9,
          data: { call: 'publisher.emit' },
          suggestions: [
            { messageId: 'fireAndForget', output: `${PORTS}async function fire() {\n  void publisher.emit('served');\n}` },
          ],
        },
      ],
    },
    {
      code: `${PORTS}async function fire(cards: string[]) {\n  for (const effect of effects) await effect.fire(cards);\n}`,
      filename,
      errors: [
        {
          messageId: 'awaitedSideEffect',
          line: 8,
          column: 39,
          suggestions: [
            {
              messageId: 'fireAndForget',
              output: `${PORTS}async function fire(cards: string[]) {\n  for (const effect of effects) void effect.fire(cards);\n}`,
            },
          ],
        },
      ],
    },
    {
      code: `${PORTS}async function fire() {\n  await store.get('a');\n}`,
      filename,
      options: [{ portTypes: [], receivers: ['store'], methods: ['get'] }],
      errors: [
        {
          messageId: 'awaitedSideEffect',
          line: 8,
          column: 9,
          suggestions: [{ messageId: 'fireAndForget', output: `${PORTS}async function fire() {\n  void store.get('a');\n}` }],
        },
      ],
    },
    {
      code: `${PORTS}declare const app: { addHook(name: string, hook: () => Promise<void>): void };\napp.addHook('onResponse', async () => { await publisher.emit('served'); });`,
      filename: 'src/server/app.ts',
      errors: [{ messageId: 'awaitedSideEffect', line: 8, column: 47, suggestions: [{ messageId: 'fireAndForget', output: `${PORTS}declare const app: { addHook(name: string, hook: () => Promise<void>): void };\napp.addHook('onResponse', async () => { void publisher.emit('served'); });` }] }],
    },
  ],
});
