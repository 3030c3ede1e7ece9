import path from 'node:path';
import { fileURLToPath } from 'node:url';
import plugin from 'eslint-plugin-npvguard';
import { CHECKS } from 'npvguard';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, loadCases } from '../runner/cases.js';
import { SUBSET } from '../runner/subset.js';

const CATALOGUE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const catalogue = loadCases(CATALOGUE);

/** Every id a finding can carry: the registry's rules and the ESLint plugin's rules as lint/npvguard/<rule>. */
const KNOWN_IDS = new Set([...CHECKS.flatMap((check) => check.meta.rules.map((rule) => rule.id)), ...Object.keys(plugin.rules ?? {}).map((rule) => `lint/npvguard/${rule}`)]);

describe('the agent-changes catalogue', () => {
  it('has only valid case folders', () => {
    expect(catalogue.invalid).toEqual([]);
  });

  it('has unique ids', () => {
    const ids = catalogue.cases.map((agentCase) => agentCase.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('holds at least 40 bad cases, at least five per failure mode, and at least 15 benign ones', () => {
    const count = (category: string): number => catalogue.cases.filter((agentCase) => agentCase.category === category).length;
    for (const category of CATEGORIES.filter((name) => name !== 'benign')) {
      expect(count(category), category).toBeGreaterThanOrEqual(5);
    }
    expect(catalogue.cases.filter((agentCase) => agentCase.kind === 'bad').length).toBeGreaterThanOrEqual(40);
    expect(count('benign')).toBeGreaterThanOrEqual(15);
  });

  it('holds at least 120 bad and 40 benign cases, with at least three forms of each failure mode', () => {
    expect(catalogue.cases.filter((agentCase) => agentCase.kind === 'bad').length).toBeGreaterThanOrEqual(120);
    expect(catalogue.cases.filter((agentCase) => agentCase.kind === 'benign').length).toBeGreaterThanOrEqual(40);
    for (const category of CATEGORIES.filter((name) => name !== 'benign')) {
      const forms = new Set(catalogue.cases.filter((agentCase) => agentCase.category === category).map((agentCase) => agentCase.form));
      expect(forms.size, category).toBeGreaterThanOrEqual(3);
    }
  });

  it('expects only rule ids npvguard can report', () => {
    const unknown = catalogue.cases.flatMap((agentCase) => agentCase.expect.filter((ruleId) => !KNOWN_IDS.has(ruleId)).map((ruleId) => `${agentCase.id}: ${ruleId}`));
    expect(unknown).toEqual([]);
  });

  it('has a subset of existing cases with a bad case in every failure mode and some benign ones', () => {
    const chosen = catalogue.cases.filter((agentCase) => SUBSET.includes(agentCase.id));
    expect(chosen.map((agentCase) => agentCase.id).sort()).toEqual([...SUBSET].sort());
    for (const category of CATEGORIES) {
      expect(chosen.some((agentCase) => agentCase.category === category), category).toBe(true);
    }
  });
});
