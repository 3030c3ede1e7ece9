import rule from '../../src/rules/no-await-side-effects.js';
import typedRule from '../../src/rules/no-await-side-effects-type-checked.js';
import { fixturePath, syntaxRuleTester, typedRuleTester } from '../support/rule-tester.js';

/**
 * Side effects fastify waits for without an `await` in sight: the promise a handler or request hook returns, and a
 * callback handed to a route plugin in its options that the plugin waits for. The plugins are in
 * tests/fixtures/project/src/flow/plugins.ts, the option functions in src/flow/persistence.ts.
 */
const filename = fixturePath('src/server/flowRoute.ts');
const ruleTester = syntaxRuleTester();

ruleTester.run('no-await-side-effects (returned promises)', rule, {
  valid: [
    // Started without waiting; the hook returns the payload itself.
    { filename, code: 'app.addHook("onSend", async (request, reply, payload) => {\n  void eventSink.emit(payload);\n  return payload;\n});' },
    { filename, code: 'app.addHook("onSend", (request, reply, payload) => void eventSink.emit(payload));' },
    // A returned promise that carries no side effect.
    { filename, code: 'app.addHook("preSerialization", (request, reply, payload) => cache.warm().then(() => payload));' },
    { filename, code: 'app.get("/x", (request) => Promise.resolve(render(request)));' },
    // Application hooks run once, at startup or shutdown.
    { filename, code: 'app.addHook("onClose", () => eventSink.emit({ type: "stopped" }));' },
    { filename, code: 'app.addHook("onReady", () => sink.record(started).then(() => undefined));' },
    // Not handed to fastify: whoever calls it decides whether to wait.
    { filename, code: 'function fire(event) {\n  return sink.emit(event);\n}' },
    // A nested callback's return is not the handler's.
    { filename, code: 'app.get("/x", (request) => {\n  items.forEach((item) => sink.emit(item));\n  return "ok";\n});' },
    // A helper in another file that only starts the side effect.
    { filename, code: 'import { stampEvents } from "../flow/persistence.js";\napp.addHook("onRequest", () => stampEvents());' },
  ],
  invalid: [
    {
      filename,
      code: 'app.addHook("preSerialization", (request, reply, payload) => eventSink.emit(payload).then(() => payload));',
      errors: [{ messageId: 'returnedSideEffect', line: 1, column: 62, data: { call: 'eventSink.emit' } }],
    },
    {
      // Through a local, in a block body.
      filename,
      code: 'app.get("/x", async (request) => {\n  const done = sink.record(request.id);\n  return done.then(() => "ok");\n});',
      errors: [{ messageId: 'returnedSideEffect', line: 2, column: 16 }],
    },
    {
      // In a hook list of route options.
      filename,
      code: 'app.post("/x", { preHandler: [check, (request) => exposureLog.logExposure(request.id)] }, handler);',
      errors: [{ messageId: 'returnedSideEffect', line: 1, column: 51 }],
    },
    {
      // A hook passed by name; the side effect settles the promise a `.then` callback returns.
      filename,
      code: 'function persist(request) {\n  return render(request).then(() => sink.emit(request.id));\n}\nfastify.addHook("preHandler", persist);',
      errors: [{ messageId: 'returnedSideEffect', line: 2, column: 37 }],
    },
    {
      // Either branch of a conditional.
      filename,
      code: 'app.addHook("onSend", (request, reply, payload) => (payload ? sink.emit(payload).then(() => payload) : payload));',
      errors: [{ messageId: 'returnedSideEffect', line: 1, column: 63 }],
    },
    {
      // Through a helper in another file that awaits a side effect.
      filename,
      code: 'import { flushEvents } from "../flow/persistence.js";\napp.addHook("onRequest", () => flushEvents());',
      errors: [
        {
          messageId: 'returnedSideEffectThrough',
          line: 2,
          column: 32,
          data: { call: 'flushEvents(…)', inner: 'eventSink.emit', where: '../flow/persistence.ts', callee: 'flushEvents' },
        },
      ],
    },
  ],
});

ruleTester.run('no-await-side-effects (plugin options)', rule, {
  valid: [
    // The option only starts the side effect.
    { filename, code: 'import { savingRoutes } from "../flow/plugins.js";\napp.register(savingRoutes, { save: async () => { void eventSink.emit({}); } });' },
    // The plugin starts the option without waiting for it.
    { filename, code: 'import { firingRoutes } from "../flow/plugins.js";\napp.register(firingRoutes, { save: () => eventSink.emit({}) });' },
    // The plugin waits for it once, while it is registered.
    { filename, code: 'import { warmRoutes } from "../flow/plugins.js";\napp.register(warmRoutes, { save: () => eventSink.emit({}) });' },
    // The waited option carries no side effect; the one with a side effect is never called.
    { filename, code: 'import { savingRoutes } from "../flow/plugins.js";\napp.register(savingRoutes, { audit: () => eventSink.emit({}), save: () => cache.warm() });' },
    // A named function that only starts the side effect.
    { filename, code: 'import { savingRoutes } from "../flow/plugins.js";\nimport { stampEvents } from "../flow/persistence.js";\napp.register(savingRoutes, { save: stampEvents });' },
    // Not a fastify instance.
    { filename, code: 'import { savingRoutes } from "../flow/plugins.js";\nregistry.register(savingRoutes, { save: () => eventSink.emit({}) });' },
  ],
  invalid: [
    {
      filename,
      code: 'import { savingRoutes } from "../flow/plugins.js";\napp.register(savingRoutes, { save: () => eventSink.emit({ type: "saved" }) });',
      errors: [
        {
          messageId: 'awaitedSideEffectOption',
          line: 2,
          column: 30,
          data: { option: 'save', plugin: 'savingRoutes', waitedAt: '../flow/plugins.ts, line 16', inner: 'eventSink.emit' },
        },
      ],
    },
    {
      // An options object in a `const`, a plugin destructuring its options, a named function from another file.
      filename,
      code: 'import { hookedRoutes } from "../flow/plugins.js";\nimport { flushEvents } from "../flow/persistence.js";\nconst routeOptions = { prefix: "/v1", save: flushEvents };\nvoid fastify.register(hookedRoutes, routeOptions);',
      errors: [{ messageId: 'awaitedSideEffectOption', line: 3, column: 39, data: { option: 'save', plugin: 'hookedRoutes', waitedAt: '../flow/plugins.ts, line 23', inner: 'eventSink.emit' } }],
    },
    {
      // A default import that renames the option, a shorthand property bound to a local function.
      filename,
      code: 'import chainedRoutes from "../flow/plugins.js";\nconst save = () => exposureLog.logExposure(cards);\nawait server.register(chainedRoutes, { save });',
      errors: [{ messageId: 'awaitedSideEffectOption', line: 3, column: 40 }],
    },
    {
      // A plugin wrapped in `fp` in another file.
      filename,
      code: 'import { wrappedRoutes } from "../flow/plugins.js";\napp.register(wrappedRoutes, { save: () => sink.record({}) });',
      errors: [{ messageId: 'awaitedSideEffectOption', line: 2, column: 31, data: { option: 'save', plugin: 'wrappedRoutes', waitedAt: '../flow/plugins.ts, line 55', inner: 'sink.record' } }],
    },
    {
      // A plugin wrapped in `fp` in this file, options spread from a base, a method handed on with `bind`.
      filename,
      code: 'const routes = fp(async (instance, opts) => {\n  instance.get("/x", async () => {\n    await opts.save();\n    return 1;\n  });\n});\nconst base = { prefix: "/v1" };\napp.register(routes, { ...base, save: sink.emit.bind(sink) });',
      errors: [{ messageId: 'awaitedSideEffectOption', line: 8, column: 33, data: { option: 'save', plugin: 'routes', waitedAt: 'in this file, line 3', inner: 'sink.emit' } }],
    },
  ],
});

ruleTester.run('no-await-side-effects (continuations after a promise)', rule, {
  valid: [
    // `done` called at once; the side effect is started and left alone.
    { filename, code: 'app.addHook("onRequest", (request, reply, done) => {\n  eventSink.emit(request.id).catch(() => undefined);\n  done();\n});' },
    // The reply waits for a lookup, not a side effect.
    { filename, code: 'app.get("/x", (request, reply) => {\n  catalog.find(request.id).then((track) => reply.send(track));\n});' },
    // An application hook: closing may wait.
    { filename, code: 'app.addHook("onClose", (instance, done) => {\n  eventSink.emit({}).finally(() => done());\n});' },
    // Not a request callback.
    { filename, code: 'function later(done) {\n  sink.emit({}).then(() => done());\n}' },
  ],
  invalid: [
    {
      // A callback-style hook lets the request go on only after the side effect.
      filename,
      code: 'app.addHook("preHandler", (request, reply, done) => {\n  eventSink.emit(request.id).then(() => done());\n});',
      errors: [{ messageId: 'continuedAfterSideEffect', line: 2, column: 3, data: { call: 'eventSink.emit(…)', inner: 'eventSink.emit', continuation: 'done' } }],
    },
    {
      // `done` handed to `.finally` itself.
      filename,
      code: 'app.addHook("onSend", (request, reply, payload, next) => {\n  sink.record(payload).finally(next);\n});',
      errors: [{ messageId: 'continuedAfterSideEffect', line: 2, column: 3, data: { call: 'sink.record(…)', inner: 'sink.record', continuation: 'next' } }],
    },
    {
      // The reply is sent only once a helper in another file has waited for the sink.
      filename,
      code: 'import { flushEvents } from "../flow/persistence.js";\napp.get("/x", (request, reply) => {\n  flushEvents().then(() => {\n    reply.send({ ok: true });\n  });\n});',
      errors: [{ messageId: 'continuedAfterSideEffect', line: 3, column: 3, data: { call: 'flushEvents(…)', inner: 'eventSink.emit', continuation: 'reply.send' } }],
    },
    {
      // An awaited chain is reported once, as awaited.
      filename,
      code: 'app.get("/x", async (request, reply) => {\n  await sink.emit(request.id).then(() => reply.send(1));\n});',
      errors: [{ messageId: 'awaitedSideEffect', line: 2, column: 9 }],
    },
  ],
});

const typedTester = typedRuleTester();
const app = 'src/server/app.ts';
const APP = `import type { AuditSink } from '../flow/persistence.js';
declare const journal: AuditSink;
declare const app: { addHook(name: string, hook: (...args: any[]) => unknown): void; register(plugin: unknown, options?: object): void };
`;

typedTester.run('no-await-side-effects-type-checked (returned promises and plugin options)', typedRule, {
  valid: [
    { filename: app, code: `${APP}app.addHook('onClose', () => journal.flush());` },
    { filename: app, code: `${APP}app.addHook('onSend', (_request: unknown, _reply: unknown, payload: unknown) => { void journal.flush(); return payload; });` },
    {
      filename: app,
      code: `${APP}import { savingRoutes } from '../flow/plugins.js';\nimport { startJournalWrite } from '../flow/persistence.js';\napp.register(savingRoutes, { save: async () => startJournalWrite() });`,
    },
  ],
  invalid: [
    {
      // The receiver's type, not its name, makes it a sink.
      filename: app,
      code: `${APP}app.addHook('preSerialization', (_request: unknown, _reply: unknown, payload: unknown) => journal.flush().then(() => payload));`,
      errors: [{ messageId: 'returnedSideEffect', line: 4, column: 91 }],
    },
    {
      // Known as a sink by its type in another file.
      filename: app,
      code: `${APP}import { journalThen } from '../flow/persistence.js';\napp.addHook('onSend', (_request: unknown, _reply: unknown, payload: unknown) => journalThen(payload));`,
      errors: [{ messageId: 'returnedSideEffectThrough', line: 5, column: 81, data: { call: 'journalThen(…)', inner: 'journal.flush', where: '../flow/persistence.ts', callee: 'journalThen' } }],
    },
    {
      filename: app,
      code: `${APP}import { savingRoutes } from '../flow/plugins.js';\napp.register(savingRoutes, { save: () => journal.flush() });`,
      errors: [{ messageId: 'awaitedSideEffectOption', line: 5, column: 30 }],
    },
    {
      filename: app,
      code: `${APP}import { savingRoutes } from '../flow/plugins.js';\nimport { writeJournal } from '../flow/persistence.js';\napp.register(savingRoutes, { save: writeJournal });`,
      errors: [{ messageId: 'awaitedSideEffectOption', line: 6, column: 30, data: { option: 'save', plugin: 'savingRoutes', waitedAt: '../flow/plugins.ts, line 16', inner: 'journal.flush' } }],
    },
  ],
});
