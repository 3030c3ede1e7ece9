import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/** Root of the fixture project type-checked tests lint in (its tsconfig includes every `.ts` below it). */
export const FIXTURE_PROJECT = fileURLToPath(new URL('../fixtures/project', import.meta.url));

/** Syntax-only tester; filenames are relative to the fixture project, which is the linter's cwd. */
export function syntaxRuleTester(): RuleTester {
  return new RuleTester({
    languageOptions: { parserOptions: { tsconfigRootDir: FIXTURE_PROJECT } },
  });
}

/** Type-aware tester over the fixture project; a test's filename must be one of the project's files. */
export function typedRuleTester(): RuleTester {
  return new RuleTester({
    languageOptions: {
      parserOptions: {
        project: './tsconfig.json',
        tsconfigRootDir: FIXTURE_PROJECT,
      },
    },
  });
}

export function fixturePath(relative: string): string {
  return path.join(FIXTURE_PROJECT, relative);
}
