import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DOCS_BASE_URL, docsUrlFor, type RuleMeta } from '@npvguard/core';
import { INTERNAL_RULES } from '../../src/baseline/rules.js';
import { CHECKS } from '../../src/checks/index.js';
import { REPO_ROOT } from '../support/cli.js';
import { baselineExamples } from '../support/docExamples/baseline.js';
import { boundariesExamples } from '../support/docExamples/boundaries.js';
import { contractsExamples } from '../support/docExamples/contracts.js';
import { integrityExamples, removeIntegrityRepos } from '../support/docExamples/integrity.js';
import { latencyExamples } from '../support/docExamples/latency.js';
import { lintExamples } from '../support/docExamples/lint.js';
import { modelContractExamples } from '../support/docExamples/model-contract.js';
import { readRulePage, type DocExampleExecutor } from '../support/docExamples/page.js';
import { removeScratchFolders } from '../support/docExamples/scratch.js';

const DOCS = path.join(REPO_ROOT, 'docs');
const RULES_FOLDER = path.join(DOCS, 'rules');

/** How the examples of each check's pages run; a page's check is the first segment of its rule id. */
const EXECUTORS: Record<string, DocExampleExecutor> = {
  boundaries: boundariesExamples,
  contracts: contractsExamples,
  'model-contract': modelContractExamples,
  integrity: integrityExamples,
  latency: latencyExamples,
  lint: lintExamples,
  baseline: baselineExamples,
};

/** Rules no example can show, each with the reason. Their pages still say what, why and how to fix. */
const WITHOUT_EXAMPLES: Record<string, string> = {};

interface RegisteredRule extends RuleMeta {
  /** The overview page that lists it (the check's `meta.docs`). */
  overview: string;
}

const RULES: RegisteredRule[] = [
  ...CHECKS.flatMap((check) => check.meta.rules.map((rule) => ({ ...rule, overview: check.meta.docs }))),
  ...INTERNAL_RULES.map((rule) => ({ ...rule, overview: 'checks/baseline.md' })),
];

const pagePath = (ruleId: string): string => `rules/${ruleId}.md`;

function pagesOnDisk(): string[] {
  return readdirSync(RULES_FOLDER, { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.md'))
    .map((file) => `rules/${file.split(path.sep).join('/')}`)
    .sort();
}

afterAll(() => {
  removeScratchFolders();
  removeIntegrityRepos();
});

describe('docs/rules: one page per rule id', () => {
  it('every rule id of every check, and the CLI\'s own, has exactly one page, and no page is without a rule', () => {
    const ids = RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(pagesOnDisk()).toEqual(ids.map(pagePath).sort());
  });

  it('lists only real rules as having no examples', () => {
    for (const [id, reason] of Object.entries(WITHOUT_EXAMPLES)) {
      expect(RULES.map((rule) => rule.id), id).toContain(id);
      expect(reason).toMatch(/\S/);
    }
  });

  it.each(RULES.map((rule) => [rule.id, rule.overview] as const))('%s: its findings link to its page, and so does its check\'s overview', (id, overview) => {
    expect(docsUrlFor(id)).toBe(`${DOCS_BASE_URL}${pagePath(id)}`);
    expect(readFileSync(path.join(DOCS, overview), 'utf8')).toContain(`](../${pagePath(id)})`);
  });
});

// A missing page fails the first test above; there is nothing of it to read here.
for (const rule of RULES.filter((candidate) => existsSync(path.join(DOCS, pagePath(candidate.id))))) {
  describe(`docs/${pagePath(rule.id)}`, () => {
    const page = readRulePage(path.join(DOCS, pagePath(rule.id)));
    const executor = EXECUTORS[rule.id.slice(0, rule.id.indexOf('/'))];

    it('is titled with the rule id, and its description line is the rule\'s description', () => {
      expect(page.title).toBe(rule.id);
      expect(page.description).toBe(rule.description);
      expect(page.sections).toContain('How to fix');
    });

    if (WITHOUT_EXAMPLES[rule.id] !== undefined) {
      it('has no examples, as WITHOUT_EXAMPLES says', () => {
        expect(page.examples).toEqual([]);
      });
      return;
    }

    it('has an incorrect and a correct example', () => {
      expect(page.sections).toContain('Examples');
      expect(page.examples.map((example) => example.kind)).toEqual(expect.arrayContaining(['incorrect', 'correct']));
      expect(executor).toBeDefined();
    });

    for (const example of page.examples) {
      it(`the ${example.kind} example at line ${example.line} ${example.kind === 'incorrect' ? 'reports the rule' : 'does not report it'}`, { timeout: 60_000 }, async () => {
        if (executor === undefined) throw new Error(`no executor for ${rule.id}`);
        const reported = await executor.run(example, rule.id);
        if (example.kind === 'incorrect') {
          if (executor.incorrect === 'only') expect(reported).toEqual([rule.id]);
          else expect(reported).toContain(rule.id);
        } else if (executor.correct === 'nothing') {
          expect(reported).toEqual([]);
        } else {
          expect(reported).not.toContain(rule.id);
        }
      });
    }
  });
}
