import rule from '../../src/rules/no-unbounded-fanout.js';
import { syntaxRuleTester } from '../support/rule-tester.js';

const ruleTester = syntaxRuleTester();
const filename = 'src/pipeline/pipeline.ts';

ruleTester.run('no-unbounded-fanout', rule, {
  valid: [
    { code: 'await Promise.all([a(), b()]);', filename },
    { code: 'await Promise.all([hydrate(), ...definition.sources.map((s) => s.fetch())]);', filename },
    { code: 'await Promise.all(this.scorers.map((s) => s.score()));', filename },
    { code: 'await Promise.all(ids.slice(0, 10).map((id) => store.get(id)));', filename },
    { code: 'await Promise.all(take(ids, MAX).map((id) => store.get(id)));', filename },
    { code: 'const REGIONS = ["eu", "us"]; await Promise.all(REGIONS.map((r) => ping(r)));', filename },
    { code: 'await Promise.all(Array.from({ length: 3 }, (_, i) => attempt(i)));', filename },
    { code: 'const MAX = 4; await Promise.all(Array.from({ length: MAX }, (_, i) => attempt(i)));', filename },
    { code: 'const SHARDS = { a: 1, b: 2 }; await Promise.all(Object.keys(SHARDS).map((k) => load(k)));', filename },
    { code: 'await Promise.all(ids.map((id) => limit(() => store.get(id))));', filename },
    { code: 'await Promise.all(ids.map((id) => this.limiter.run(() => store.get(id))));', filename },
    { code: 'await Promise.all(["a", "b"].filter(Boolean).map((k) => load(k)));', filename },
    // A promise array that is not a mapping is out of scope.
    { code: 'await Promise.all(tasks);', filename },
    // Outside the request path.
    { code: 'await Promise.all(files.map((f) => read(f)));', filename: 'scripts/build.ts' },
    // A local `Promise` is not the global one.
    { code: 'const Promise = { all: (x: unknown) => x }; Promise.all(ids.map((id) => id));', filename },
    {
      code: 'await Promise.all(ids.map((id) => store.get(id)));',
      filename: 'src/other/x.ts',
      settings: { npvguard: { requestPath: ['src/server/**'] } },
    },
  ],
  invalid: [
    {
      code: 'await Promise.all(candidates.map((c) => featureStore.get(c.id)));',
      filename,
      errors: [{ messageId: 'unboundedFanout', line: 1, column: 19, data: { combinator: 'all', collection: 'candidates' } }],
    },
    {
      code: 'const pending = request.ids.map((id) => load(id));\nawait Promise.allSettled(pending);',
      filename,
      errors: [{ messageId: 'unboundedFanout', line: 1, column: 17, data: { combinator: 'allSettled', collection: 'request.ids' } }],
    },
    {
      code: 'await Promise.all([user(), ...ids.map((id) => load(id))]);',
      filename,
      errors: [{ messageId: 'unboundedFanout', line: 1, column: 31 }],
    },
    {
      code: 'await Promise.all(Array.from(ids, (id) => load(id)));',
      filename,
      errors: [{ messageId: 'unboundedFanout', line: 1, column: 30 }],
    },
    {
      code: 'await Promise.all(ids.slice(1).map((id) => load(id)));',
      filename,
      errors: [{ messageId: 'unboundedFanout', line: 1, column: 19 }],
    },
    {
      code: 'await globalThis.Promise.race(ids.map((id) => load(id)));',
      filename: 'src/server/routes.ts',
      errors: [{ messageId: 'unboundedFanout', line: 1, column: 31, data: { combinator: 'race', collection: 'ids' } }],
    },
    {
      code: 'await Promise.all(this.sources.map((s) => s.fetch()));',
      filename,
      options: [{ boundedCollections: [] }],
      errors: [{ messageId: 'unboundedFanout', line: 1, column: 19 }],
    },
    {
      code: 'await Promise.all(ids.map((id) => load(id)));',
      filename: 'lib/handler.ts',
      options: [{ requestPath: ['lib/**'] }],
      errors: [{ messageId: 'unboundedFanout', line: 1, column: 19 }],
    },
    {
      code: 'await Promise.all(ids.map((id) => load(id)));',
      filename,
      settings: { npvguard: { requestPath: 'src/**' } },
      errors: [
        {
          messageId: 'invalidSettings',
          line: 1,
          column: 1,
          data: { problem: 'settings.npvguard.requestPath must be an array of strings' },
        },
      ],
    },
  ],
});
