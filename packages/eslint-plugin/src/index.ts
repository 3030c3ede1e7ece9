import type { TSESLint } from '@typescript-eslint/utils';
import { prefixed, RECOMMENDED_RULES, RECOMMENDED_TYPE_CHECKED_RULES, TEST_FILES, type ConfigName } from './configs.js';
import { rules } from './rules/index.js';

/** Kept equal to package.json's version by a test. */
export const PLUGIN_VERSION = '0.1.0';

export interface NpvguardPlugin {
  meta: { name: string; version: string };
  rules: typeof rules;
  configs: Record<ConfigName, TSESLint.FlatConfig.Config>;
}

const configs = {} as Record<ConfigName, TSESLint.FlatConfig.Config>;

const plugin: NpvguardPlugin = {
  meta: { name: 'eslint-plugin-npvguard', version: PLUGIN_VERSION },
  rules,
  configs,
};

// The configs refer to the plugin object itself, as flat configs require.
configs.recommended = {
  name: 'npvguard/recommended',
  ignores: [...TEST_FILES],
  plugins: { npvguard: plugin },
  rules: prefixed(RECOMMENDED_RULES),
};
configs['recommended-type-checked'] = {
  name: 'npvguard/recommended-type-checked',
  ignores: [...TEST_FILES],
  plugins: { npvguard: plugin },
  rules: prefixed(RECOMMENDED_TYPE_CHECKED_RULES),
};

export default plugin;
export { rules };
export type { ConfigName };
export type { NpvguardSettings } from './util/settings.js';
