import rule from '../../src/rules/deterministic-ranking.js';
import { fixturePath, syntaxRuleTester } from '../support/rule-tester.js';

const ruleTester = syntaxRuleTester();
/** A deterministic file beside tests/fixtures/project/src/components/flowOrder.ts; helpers in src/flow/noise.ts. */
const component = fixturePath('src/components/rank.ts');
/** A file outside the deterministic layers. */
const pipeline = fixturePath('src/flow/pipeline.ts');

/** The clock and randomness reaching a ranking decision from outside the deterministic folders: followed. */
ruleTester.run('deterministic-ranking (data flow)', rule, {
  valid: [
    // A helper of another folder that derives its result from its input only.
    { filename: component, code: 'import { stableKey } from "../flow/noise.js";\nexport const key = (id: string) => stableKey(id);' },
    { filename: component, code: 'import { ageDays } from "../flow/noise.js";\nexport const age = (released: number, now: number) => ageDays(released, now);' },
    // An imported constant of another folder that is a plain value.
    { filename: component, code: 'import { STABLE_SALT } from "../flow/noise.js";\nexport const keyOf = (id: string) => `${STABLE_SALT}|${id}`;' },
    // Outside the deterministic layers, the clock is fine for what does not decide an order.
    { filename: pipeline, code: 'const started = Date.now();\nlogger.info({ took: Date.now() - started });' },
    { filename: pipeline, code: 'import { orderCards } from "../components/flowOrder.js";\nconst seed = hashOf(listenerId);\norderCards(cards, seed);' },
    { filename: pipeline, code: 'cards.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));' },
    // Destructuring, a spread and a template string of values derived from the input only.
    { filename: pipeline, code: 'import { orderCards } from "../components/flowOrder.js";\nconst { seed } = { seed: hashOf(listenerId), at: Date.now() };\norderCards(cards, seed);' },
    { filename: pipeline, code: 'import { orderCards } from "../components/flowOrder.js";\nconst options = { ...defaults, startedAt: Date.now(), seed: 7 };\norderCards(cards, options.seed);' },
    { filename: pipeline, code: 'import { orderCards } from "../components/flowOrder.js";\nconst key = `${listenerId}:${salt}`;\norderCards(cards, hashOf(key));' },
    { filename: pipeline, code: 'import { stableKey } from "./noise.js";\ncards.sort((a, b) => stableKey(a.id) - stableKey(b.id));' },
  ],
  invalid: [
    // A helper in another folder returns randomness into a component.
    {
      filename: component,
      code: 'import { jitter } from "../flow/noise.js";\nexport const score = (base: number) => base + jitter(0.01);',
      errors: [{ messageId: 'ambientFromCall', line: 2, column: 47, data: { call: 'jitter(…)', what: 'ambient randomness', path: '`Math.random()` (../flow/noise.ts:2) → `jitter(0.01)` (line 2)' } }],
    },
    {
      filename: component,
      code: 'import * as noise from "../flow/noise.js";\nexport function recency(released: number): number {\n  const now = noise.nowMs();\n  return 1 / (1 + (now - released));\n}',
      errors: [{ messageId: 'ambientFromCall', line: 3, column: 15 }],
    },
    // An imported constant of another folder drawn from randomness once per process.
    {
      filename: component,
      code: 'import { TIE_SALT } from "../flow/noise.js";\nexport const keyOf = (id: string) => `${TIE_SALT}|${id}`;',
      errors: [{ messageId: 'ambientFromCall', line: 2, column: 41, data: { call: 'TIE_SALT', what: 'ambient randomness', path: '`Math.random()` (../flow/noise.ts:23) → `TIE_SALT` (line 2)' } }],
    },
    // Randomness handed into a deterministic function from the pipeline, through a local and arithmetic.
    {
      filename: pipeline,
      code: 'import { orderCards } from "../components/flowOrder.js";\nconst seed = Math.floor(Math.random() * 1000);\norderCards(cards, seed);',
      errors: [{ messageId: 'ambientIntoDeterministic', line: 3, column: 19 }],
    },
    {
      filename: pipeline,
      code: 'import { orderCards } from "../components/flowOrder.js";\nimport { nowMs } from "./noise.js";\nconst { seed } = { seed: nowMs() % 97 };\norderCards(cards, seed);',
      errors: [{ messageId: 'ambientIntoDeterministic', line: 4, column: 19 }],
    },
    {
      filename: pipeline,
      code: 'import { orderCards } from "../components/flowOrder.js";\nconst options = { ...defaults, seed: Date.now() };\norderCards(cards, options.seed);',
      errors: [{ messageId: 'ambientIntoDeterministic', line: 3, column: 19 }],
    },
    {
      filename: pipeline,
      code: 'import { orderCards } from "../components/flowOrder.js";\nconst key = `${listenerId}:${Math.random()}`;\norderCards(cards, hashOf(key));',
      errors: [{ messageId: 'ambientIntoDeterministic', line: 3, column: 19 }],
    },
    // A comparator that orders by randomness, anywhere.
    {
      filename: pipeline,
      code: 'const shuffled = [...cards].sort(() => Math.random() - 0.5);',
      errors: [{ messageId: 'ambientOrdering', line: 1, column: 34 }],
    },
    {
      filename: pipeline,
      code: 'import { byNoise } from "./noise.js";\ncards.toSorted(byNoise);',
      errors: [{ messageId: 'ambientOrdering', line: 2, column: 16 }],
    },
    {
      filename: pipeline,
      code: 'const tieBreak = () => crypto.randomUUID();\ncards.sort((a, b) => b.score - a.score || tieBreak().localeCompare(tieBreak()));',
      errors: [{ messageId: 'ambientOrdering', line: 2, column: 12 }],
    },
  ],
});

/** A file of another folder that builds a response (neither deterministic nor a component). */
const feed = fixturePath('src/feed/arrange.ts');

/** Module members and globals taken out by destructuring or a `const` alias are the members themselves. */
ruleTester.run('deterministic-ranking (aliases)', rule, {
  valid: [
    // Destructured from an injected port, not from the ambient object.
    { filename: component, code: 'export function age(clock: { now(): number }, released: number) {\n  const { now } = clock;\n  return now() - released;\n}' },
    // Members of ambient objects that read neither the clock nor randomness.
    { filename: component, code: 'const { floor, max } = Math;\nexport const bucket = (x: number) => max(0, floor(x));' },
    { filename: component, code: 'const { UTC } = Date;\nexport const start = UTC(2025, 0, 1);' },
    // A `let` alias can be rebound to anything: not followed.
    { filename: component, code: 'let draw = (): number => 0.5;\nexport const seeded = (next: () => number) => {\n  draw = next;\n  return draw();\n};' },
    // Handed a value derived from the input only.
    { filename: pipeline, code: 'import { orderCards } from "../components/flowOrder.js";\nconst { floor } = Math;\norderCards(cards, floor(weight * 10));' },
  ],
  invalid: [
    {
      filename: component,
      code: 'const { random } = Math;\nexport const noise = () => random() * 0.01;',
      errors: [{ messageId: 'ambientRandomness', line: 2, column: 28, data: { call: 'Math.random' } }],
    },
    {
      filename: component,
      code: 'const stamp = Date.now;\nexport const hour = () => new Date(stamp()).getUTCHours();',
      errors: [{ messageId: 'ambientClock', line: 2, column: 36, data: { call: 'Date.now' } }],
    },
    {
      filename: component,
      code: 'import * as nodeCrypto from "node:crypto";\nconst { randomUUID: makeId } = nodeCrypto;\nexport const tag = () => makeId();',
      errors: [{ messageId: 'ambientRandomness', line: 3, column: 26, data: { call: 'crypto.randomUUID' } }],
    },
    {
      filename: component,
      code: 'const { webcrypto: { getRandomValues: fill = undefined } } = crypto;\nexport const bytes = (into: Uint8Array) => fill?.(into);',
      errors: [{ messageId: 'ambientRandomness', line: 2, column: 44, data: { call: 'crypto.webcrypto.getRandomValues' } }],
    },
    {
      filename: component,
      code: 'const { performance: timer } = globalThis;\nexport const elapsed = (since: number) => timer.now() - since;',
      errors: [{ messageId: 'ambientClock', line: 2, column: 43, data: { call: 'performance.now' } }],
    },
    // The alias followed as a source too: read outside, handed in.
    {
      filename: pipeline,
      code: 'import { orderCards } from "../components/flowOrder.js";\nconst { now } = performance;\nconst seed = Math.round(now()) % 97;\norderCards(cards, seed);',
      errors: [{ messageId: 'ambientIntoDeterministic', line: 4, column: 19, data: { value: 'seed', what: 'the wall clock', path: '`now()` (line 3) → `seed` (line 3)', callee: 'orderCards', file: '../components/flowOrder.ts' } }],
    },
  ],
});

/** Elements moved to positions chosen by the clock or randomness: a shuffle is an ordering decision wherever it is made. */
ruleTester.run('deterministic-ranking (shuffles)', rule, {
  valid: [
    // A shuffle driven by a generator the caller passes in (seeded from the input).
    {
      filename: feed,
      code: 'export function mix<T>(items: readonly T[], next: () => number): T[] {\n  const out = [...items];\n  for (let i = out.length - 1; i > 0; i--) {\n    const j = Math.floor(next() * (i + 1));\n    [out[i], out[j]] = [out[j], out[i]];\n  }\n  return out;\n}',
    },
    // Reservoir sampling: a random slot gets a new item; nothing already in the list moves.
    {
      filename: feed,
      code: 'export function sample<T>(stream: Iterable<T>, size: number): T[] {\n  const kept: T[] = [];\n  let seen = 0;\n  for (const item of stream) {\n    seen += 1;\n    const slot = Math.floor(Math.random() * seen);\n    if (kept.length < size) kept.push(item);\n    else if (slot < size) kept[slot] = item;\n  }\n  return kept;\n}',
    },
    // Randomness that decides whether to log, not where anything goes.
    { filename: feed, code: 'export function trace(ids: string[], log: { debug(x: unknown): void }) {\n  if (Math.random() < 0.01) log.debug({ ids });\n  const copy = [...ids];\n  copy[0] = copy[copy.length - 1] as string;\n  return copy;\n}' },
  ],
  invalid: [
    {
      filename: feed,
      code: 'export function mix<T>(items: readonly T[]): T[] {\n  const out = [...items];\n  for (let i = out.length - 1; i > 0; i--) {\n    const j = Math.floor(Math.random() * (i + 1));\n    [out[i], out[j]] = [out[j], out[i]];\n  }\n  return out;\n}',
      errors: [{ messageId: 'ambientShuffle', line: 5, column: 5, data: { array: 'out', what: 'ambient randomness', path: '`Math.random()` (line 4) → `j` (line 4)' } }],
    },
    // Through a held local, the index from a helper of another file.
    {
      filename: feed,
      code: 'import { nowMs } from "../flow/noise.js";\nexport function rotate(order: string[]) {\n  const pick = nowMs() % order.length;\n  const held = order[0] as string;\n  order[0] = order[pick] as string;\n  order[pick] = held;\n}',
      errors: [
        { messageId: 'ambientShuffle', line: 5, column: 3, data: { array: 'order', what: 'the wall clock', path: '`Date.now()` (../flow/noise.ts:5) → `nowMs()` (line 3) → `pick` (line 3)' } },
        { messageId: 'ambientShuffle', line: 6, column: 3 },
      ],
    },
    {
      filename: feed,
      code: 'import { randomInt } from "node:crypto";\nexport function swapTop(list: number[]) {\n  const other = randomInt(list.length);\n  const first = list[0];\n  list[0] = list[other] ?? 0;\n  list[other] = first ?? 0;\n}',
      errors: [{ messageId: 'ambientShuffle', line: 5, column: 3 }, { messageId: 'ambientShuffle', line: 6, column: 3 }],
    },
  ],
});

const perRequest = [{ perRequest: ['traceKey'] }] as [{ perRequest: string[] }];

/** A value made once per request, named by `perRequest`, deciding an order in a deterministic file. */
ruleTester.run('deterministic-ranking (per-request values)', rule, {
  valid: [
    // Not configured: nothing is known about the field.
    { filename: component, code: 'export const order = (ctx: { traceKey: string }, ids: string[]) =>\n  ids.toSorted((a, b) => hashOf(`${ctx.traceKey}|${a}`) - hashOf(`${ctx.traceKey}|${b}`));' },
    // Each element's own field: the order depends on the elements only.
    { filename: component, options: perRequest, code: 'export const byTrace = (events: { traceKey: string }[]) => events.sort((a, b) => a.traceKey.localeCompare(b.traceKey));' },
    { filename: component, options: perRequest, code: 'export const keys = (events: { traceKey: string }[]) => events.map((event) => event.traceKey).sort();' },
    { filename: component, options: perRequest, code: 'export const byTrace = (events: { traceKey: string }[]) => events.toSorted(({ traceKey: a }, { traceKey: b }) => a.localeCompare(b));' },
    // The per-request value labels an event; the order comes from the scores.
    {
      filename: component,
      options: perRequest,
      code: 'export function publish(ctx: { traceKey: string }, items: { id: string; score: number }[], sink: { emit(x: unknown): void }) {\n  sink.emit({ trace: ctx.traceKey, ids: items.toSorted((a, b) => b.score - a.score || a.id.localeCompare(b.id)).map((item) => item.id) });\n}',
    },
    // Ties broken by a hash of a stable per-user key.
    { filename: component, options: perRequest, code: 'export const order = (ctx: { traceKey: string; member: string }, ids: string[]) =>\n  ids.toSorted((a, b) => hashOf(`${ctx.member}|${a}`) - hashOf(`${ctx.member}|${b}`));' },
  ],
  invalid: [
    {
      filename: component,
      options: perRequest,
      code: 'export const order = (ctx: { traceKey: string }, ids: string[]) =>\n  ids.toSorted((a, b) => hashOf(`${ctx.traceKey}|${a}`) - hashOf(`${ctx.traceKey}|${b}`));',
      errors: [{ messageId: 'ambientOrdering', line: 2, column: 16, data: { how: 'comparator', what: 'a value made per request', path: '`ctx.traceKey` (line 2)' } }],
    },
    // Through sort keys built by `map` and a destructured context.
    {
      filename: component,
      options: perRequest,
      code: 'export function order({ session }: { session: { traceKey: string } }, ids: string[]) {\n  const { traceKey: salt } = session;\n  const keyed = ids.map((id) => ({ id, key: `${salt}:${id}` }));\n  keyed.sort((x, y) => x.key.localeCompare(y.key));\n  return keyed.map(({ id }) => id);\n}',
      errors: [{ messageId: 'ambientOrdering', line: 4, column: 14, data: { how: 'comparator', what: 'a value made per request', path: '`session` (line 2) → `salt` (line 2) → `ids.map((id) => ({ id, key: `${salt}:${id}` }))` (line 3) → `keyed` (line 3) → `x` (line 4)' } }],
    },
    // No comparator: the elements themselves are the keys.
    {
      filename: component,
      options: perRequest,
      code: 'export const order = (ctx: { traceKey: string }, ids: string[]) => ids.map((id) => `${ctx.traceKey.slice(0, 4)}${id}`).sort();',
      errors: [{ messageId: 'ambientOrdering', line: 1, column: 68, data: { how: 'sort', what: 'a value made per request', path: '`ctx.traceKey` (line 1) → `ids.map((id) => `${ctx.traceKey.slice(0, 4)}${id}`)` (line 1)' } }],
    },
  ],
});

/** Outside the deterministic layers, a list sorted without a comparator whose elements carry randomness. */
ruleTester.run('deterministic-ranking (sort keys)', rule, {
  valid: [{ filename: feed, code: 'export const tags = (ids: string[]) => ids.map((id) => `${id.length}:${id}`).sort();' }],
  invalid: [
    {
      filename: feed,
      code: 'export const tags = (ids: string[]) => ids.map((id) => `${Math.random()}:${id}`).sort();',
      errors: [{ messageId: 'ambientOrdering', line: 1, column: 40, data: { how: 'sort', what: 'ambient randomness', path: '`Math.random()` (line 1) → `ids.map((id) => `${Math.random()}:${id}`)` (line 1)' } }],
    },
  ],
});
