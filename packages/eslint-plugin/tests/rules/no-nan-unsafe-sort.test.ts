import rule from '../../src/rules/no-nan-unsafe-sort.js';
import { syntaxRuleTester } from '../support/rule-tester.js';

const ruleTester = syntaxRuleTester();
const filename = 'src/components/scorer.ts';

ruleTester.run('no-nan-unsafe-sort', rule, {
  valid: [
    { code: 'ranked.sort((a, b) => compareRanked(a.score, a.key, b.score, b.key));', filename },
    { code: 'ranked.sort(byScoreDescending);', filename },
    { code: 'names.sort((a, b) => a.localeCompare(b));', filename },
    { code: 'ranked.toSorted((a, b) => { if (Number.isNaN(a.score)) return 1; return compare(a, b); });', filename },
    { code: 'const diff = a.score - b.score;', filename },
    { code: 'ranked.sort((a, b) => b.score - a.score);', filename: 'scripts/replay.ts' },
    { code: 'ranked.sort((a, b) => b.score - a.score);', filename, options: [{ requestPath: ['src/server/**'] }] },
    // Integer positions and ids are not scores.
    { code: 'ranges.sort((a, b) => a.from - b.from);', filename },
    { code: 'edges.sort((a, b) => b.weight - a.weight || a.target - b.target);', filename },
  ],
  invalid: [
    {
      code: 'ranked.sort((a, b) => b.score - a.score);',
      filename,
      errors: [{ messageId: 'nanUnsafeComparator', line: 1, column: 23, data: { expression: 'b.score - a.score' } }],
    },
    {
      code: 'const top = cards.toSorted((a, b) => {\n  return a.preScore - b.preScore || a.id.localeCompare(b.id);\n});',
      filename,
      errors: [{ messageId: 'nanUnsafeComparator', line: 2, column: 10 }],
    },
    {
      code: 'scores.sort((a, b) => (a > b ? -1 : 1));',
      filename,
      errors: [{ messageId: 'nanUnsafeComparator', line: 1, column: 24, data: { expression: 'a > b ? -1 : 1' } }],
    },
    {
      code: 'edges.sort((a, b) => b.weight - a.weight);',
      filename,
      options: [{ scoreNames: ['weight'] }],
      errors: [{ messageId: 'nanUnsafeComparator', line: 1, column: 22 }],
    },
  ],
});
