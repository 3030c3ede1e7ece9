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
