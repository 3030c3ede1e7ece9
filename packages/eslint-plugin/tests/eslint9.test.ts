// The plugin accepts ESLint ^9.0.0 || ^10.0.0: every documented example and the recommended configs run here
// under ESLint 9 (the repository's `eslint-v9` alias of the eslint package), as the docs test runs them under 10.
import path from 'node:path';
import parser from '@typescript-eslint/parser';
import { ESLint, Linter } from 'eslint-v9';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { FIXTURE_PROJECT } from './support/rule-tester.js';
import { parseRuleDoc } from './support/rule-docs.js';

type Plugin = NonNullable<Linter.Config['plugins']>[string];
type Config = Linter.Config;

const linter = new Linter({ cwd: FIXTURE_PROJECT });

it('runs under ESLint 9', () => {
  expect(ESLint.version).toMatch(/^9\./);
  expect(Linter.version).toMatch(/^9\./);
});

for (const name of Object.keys(plugin.rules)) {
  describe(`${name} under ESLint 9`, () => {
    const rule = plugin.rules[name as keyof typeof plugin.rules];
    const typed = rule.meta.docs?.requiresTypeChecking === true;
    for (const example of parseRuleDoc(name).examples) {
      it(`${example.kind} example at line ${example.line}`, () => {
        const config: Config[] = [
          {
            files: ['**/*.ts'],
            languageOptions: {
              parser: parser as Linter.Parser,
              parserOptions: typed ? { project: './tsconfig.json', tsconfigRootDir: FIXTURE_PROJECT, disallowAutomaticSingleRunInference: true } : {},
            },
            plugins: { npvguard: plugin as unknown as Plugin },
            rules: { [`npvguard/${name}`]: ['error', ...(example.options ?? [])] as Linter.RuleEntry },
            settings: example.settings ?? {},
          },
        ];
        const messages = linter.verify(example.code, config, path.join(FIXTURE_PROJECT, example.filename ?? 'file.ts'));
        expect(messages.filter((message) => message.fatal === true)).toEqual([]);
        const reported = messages.filter((message) => message.ruleId === `npvguard/${name}`);
        if (example.kind === 'incorrect') expect(reported.length).toBeGreaterThan(0);
        else expect(reported).toEqual([]);
      });
    }
  });
}

describe('the recommended configs through ESLint 9\'s ESLint class', () => {
  const code = 'export function port(): number {\n  return Number(process.env.PORT ?? 3000);\n}\n';

  it('recommended reports its rules by their plugin ids', async () => {
    const eslint = new ESLint({
      cwd: FIXTURE_PROJECT,
      overrideConfigFile: true,
      overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: parser as Linter.Parser } }, plugin.configs.recommended as unknown as Config],
    });
    const [result] = await eslint.lintText(code, { filePath: path.join(FIXTURE_PROJECT, 'src', 'port.ts') });
    expect(result?.messages.map((message) => `${message.ruleId} ${message.line}:${message.column}`)).toEqual(['npvguard/no-process-env-outside-config 2:17']);
    expect(Object.keys(eslint.getRulesMetaForResults(result === undefined ? [] : [result]))).toEqual(['npvguard/no-process-env-outside-config']);
  });

  // With CI=true typescript-eslint would infer a single run and type-check file.ts as it is on disk, not the text given.
  it('recommended-type-checked runs its type-checked rules with type information', async () => {
    const eslint = new ESLint({
      cwd: FIXTURE_PROJECT,
      overrideConfigFile: true,
      overrideConfig: [
        { files: ['**/*.ts'], languageOptions: { parser: parser as Linter.Parser, parserOptions: { project: './tsconfig.json', tsconfigRootDir: FIXTURE_PROJECT, disallowAutomaticSingleRunInference: true } } },
        plugin.configs['recommended-type-checked'] as unknown as Config,
      ],
    });
    const untimed = "declare const init: RequestInit;\n\nexport const ready = await fetch('http://upstream:8081/ready', init);\n";
    const [result] = await eslint.lintText(untimed, { filePath: path.join(FIXTURE_PROJECT, 'file.ts') });
    expect(result?.messages.map((message) => `${message.ruleId} ${message.line}`)).toEqual(['npvguard/require-timeout-type-checked 3']);
  });
});
