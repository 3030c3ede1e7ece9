import path from 'node:path';
import parser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { FIXTURE_PROJECT } from './support/rule-tester.js';
import { parseRuleDoc, type DocExample } from './support/rule-docs.js';

const linter = new Linter({ cwd: FIXTURE_PROJECT });

/** Runs one documented example through its rule, with type information when the rule needs it. */
function lintExample(name: string, example: DocExample): Linter.LintMessage[] {
  const rule = plugin.rules[name as keyof typeof plugin.rules];
  const typed = rule.meta.docs?.requiresTypeChecking === true;
  const filename = path.join(FIXTURE_PROJECT, example.filename ?? 'file.ts');
  const config: Linter.Config[] = [
    {
      files: ['**/*.ts'],
      languageOptions: {
        parser,
        // Each example is new text for the same file name: the TypeScript program must follow it, even under CI=true.
        parserOptions: typed
          ? { project: './tsconfig.json', tsconfigRootDir: FIXTURE_PROJECT, disallowAutomaticSingleRunInference: true }
          : {},
      },
      plugins: { npvguard: plugin as unknown as NonNullable<Linter.Config['plugins']>[string] },
      rules: { [`npvguard/${name}`]: ['error', ...(example.options ?? [])] },
      settings: example.settings ?? {},
    },
  ];
  return linter.verify(example.code, config, filename);
}

for (const name of Object.keys(plugin.rules)) {
  describe(`docs/rules/${name}.md`, () => {
    const doc = parseRuleDoc(name);

    it('has at least one incorrect and one correct example', () => {
      expect(doc.examples.some((example) => example.kind === 'incorrect')).toBe(true);
      expect(doc.examples.some((example) => example.kind === 'correct')).toBe(true);
    });

    for (const example of doc.examples) {
      it(`${example.kind} example at line ${example.line}`, () => {
        const messages = lintExample(name, example);
        expect(messages.filter((message) => message.fatal === true)).toEqual([]);
        const reported = messages.filter((message) => message.ruleId === `npvguard/${name}`);
        if (example.kind === 'incorrect') expect(reported.length).toBeGreaterThan(0);
        else expect(reported).toEqual([]);
      });
    }
  });
}
