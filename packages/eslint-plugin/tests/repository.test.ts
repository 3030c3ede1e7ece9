import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';

/** The repo checks itself: npvguard's own packages and benches pass the plugin's `recommended` config. */
const REPO = fileURLToPath(new URL('../../../', import.meta.url));

describe("the repository's own code", () => {
  it('passes recommended', async () => {
    const eslint = new ESLint({
      cwd: REPO,
      overrideConfigFile: true,
      overrideConfig: [
        { ignores: ['**/dist/**', '**/node_modules/**', '**/fixtures/**'] },
        { files: ['**/*.ts', '**/*.mts'], languageOptions: { parser: tseslint.parser as Linter.Parser } },
        plugin.configs.recommended as Linter.Config,
      ],
    });
    const results = await eslint.lintFiles(['packages/*/src/**/*.ts', 'bench/**/*.ts']);
    const messages = results.flatMap((result) =>
      result.messages.map((message) => `${result.filePath.slice(REPO.length)}:${message.line} ${message.ruleId ?? 'fatal'} ${message.message}`),
    );
    expect(results.length).toBeGreaterThan(100);
    expect(messages).toEqual([]);
  }, 180_000);
});
