// `npm run eval`: every agent change of the catalogue checked by the real npvguard bin, with a table and totals.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CATEGORIES, loadCases, type Category } from './runner/cases.js';
import { evaluate, selectCases } from './runner/evaluate.js';
import { renderTable, totals } from './runner/table.js';

const CATALOGUE = path.dirname(fileURLToPath(import.meta.url));
const USAGE = 'usage: tsx examples/agent-changes/run.ts [--case <id>]... [--kind bad|benign] [--category <category>] [--subset] [--only <check>] [--keep] [--json]';

function fail(message: string): number {
  process.stderr.write(`${message}\n${USAGE}\n`);
  return 2;
}

async function main(argv: readonly string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        case: { type: 'string', multiple: true },
        kind: { type: 'string' },
        category: { type: 'string' },
        subset: { type: 'boolean', default: false },
        only: { type: 'string' },
        keep: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return fail((error as Error).message);
  }
  if (values.kind !== undefined && values.kind !== 'bad' && values.kind !== 'benign') return fail(`--kind must be bad or benign, not ${values.kind}`);
  if (values.category !== undefined && !(CATEGORIES as readonly string[]).includes(values.category)) {
    return fail(`--category must be one of ${CATEGORIES.join(', ')}, not ${values.category}`);
  }
  const catalogue = loadCases(CATALOGUE);
  if (catalogue.invalid.length > 0) {
    return fail(catalogue.invalid.map((entry) => `${path.basename(entry.folder)}: ${entry.problems.join('; ')}`).join('\n'));
  }
  const selected = selectCases(catalogue.cases, {
    ...(values.case === undefined ? {} : { ids: values.case }),
    ...(values.kind === undefined ? {} : { kind: values.kind }),
    ...(values.category === undefined ? {} : { category: values.category as Category }),
    subset: values.subset,
  });
  const unknown = (values.case ?? []).filter((id) => !catalogue.cases.some((agentCase) => agentCase.id === id));
  if (unknown.length > 0) return fail(`unknown case: ${unknown.join(', ')}`);
  if (selected.length === 0) return fail('no case matches the selection');

  const outcomes = await evaluate(selected, {
    ...(values.only === undefined ? {} : { checkArguments: ['--only', values.only] }),
    // The subset is what `npm test` runs: each case with only the checks its expected ids belong to.
    focus: values.subset,
    keep: values.keep,
    onOutcome: (outcome, index, count) => {
      const where = 'workspace' in outcome ? ` ${String(outcome.workspace)}` : '';
      const fired = outcome.fired.length === 0 ? '-' : outcome.fired.join(',');
      const error = outcome.error === undefined ? '' : ` (${outcome.error})`;
      process.stderr.write(`[${index + 1}/${count}] ${outcome.correct ? 'ok   ' : 'WRONG'} ${outcome.id} exit ${outcome.exitCode} ${outcome.seconds.toFixed(1)} s fired ${fired}${error}${where}\n`);
    },
  });
  process.stdout.write(values.json ? `${JSON.stringify({ outcomes, totals: totals(outcomes) }, null, 2)}\n` : renderTable(outcomes));
  return outcomes.every((outcome) => outcome.correct) ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
