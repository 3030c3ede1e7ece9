import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RECOMMENDED_RULES, RECOMMENDED_TYPE_CHECKED_RULES, RULES_LEFT_OUT_OF_CONFIGS, TEST_FILES } from '../src/configs.js';
import plugin, { PLUGIN_VERSION } from '../src/index.js';
import { ruleDocsUrl } from '../src/util/create-rule.js';
import { DOCS_FOLDER, parseRuleDoc } from './support/rule-docs.js';

const PACKAGE_FOLDER = fileURLToPath(new URL('../', import.meta.url));
const ruleNames = Object.keys(plugin.rules).sort();
type RuleName = keyof typeof plugin.rules;

function filesIn(folder: string, suffix: string): string[] {
  return fs
    .readdirSync(`${PACKAGE_FOLDER}${folder}`)
    .filter((file) => file.endsWith(suffix))
    .map((file) => file.slice(0, -suffix.length))
    .sort();
}

/** Option names of a rule's first (object) schema entry. */
function optionSchemas(name: RuleName): Record<string, { description?: string }> {
  const schema = plugin.rules[name].meta.schema;
  const first = Array.isArray(schema) ? schema[0] : undefined;
  return (first?.properties ?? {}) as Record<string, { description?: string }>;
}

describe('rule files, tests and docs share one name', () => {
  it('every file in src/rules is a rule of the plugin, under its file name', () => {
    expect(filesIn('src/rules', '.ts').filter((file) => file !== 'index')).toEqual(ruleNames);
    for (const name of ruleNames) expect(plugin.rules[name as RuleName].name).toBe(name);
  });

  it('every rule has a test file and nothing else is in tests/rules', () => {
    expect(filesIn('tests/rules', '.test.ts')).toEqual(ruleNames);
  });

  it('every rule has a doc and nothing else is in docs/rules', () => {
    expect(filesIn('docs/rules', '.md')).toEqual(ruleNames);
    expect(fs.existsSync(DOCS_FOLDER)).toBe(true);
  });
});

describe.each(ruleNames)('%s', (name) => {
  const rule = plugin.rules[name as RuleName];
  const doc = parseRuleDoc(name);

  it('has a doc titled with its name whose description equals meta.docs.description', () => {
    expect(doc.title).toBe(name);
    expect(doc.description).toBe(rule.meta.docs?.description);
  });

  it('links to its doc', () => {
    expect(rule.meta.docs?.url).toBe(ruleDocsUrl(name));
  });

  it('has the doc sections every rule needs', () => {
    for (const section of ['Rule Details', 'Examples', 'Options', 'When Not To Use It']) {
      expect(doc.sections).toContain(section);
    }
  });

  it('describes every option in its schema and gives it a heading in the doc', () => {
    const options = optionSchemas(name as RuleName);
    for (const [option, schema] of Object.entries(options)) {
      expect(schema.description, option).toMatch(/\S/);
    }
    expect([...doc.optionHeadings].sort()).toEqual(Object.keys(options).sort());
  });

  it('says in its docs whether it needs type information, and where it is configured', () => {
    const typed = rule.meta.docs?.requiresTypeChecking === true;
    expect(name.endsWith('-type-checked')).toBe(typed);
    const inRecommended = RECOMMENDED_RULES[name as RuleName] !== undefined;
    if (typed) expect(inRecommended).toBe(false);
  });
});

describe('configs', () => {
  it('puts every rule in a config or lists why it is left out, never both', () => {
    for (const name of ruleNames) {
      const configured =
        RECOMMENDED_RULES[name as RuleName] !== undefined || RECOMMENDED_TYPE_CHECKED_RULES[name as RuleName] !== undefined;
      const leftOut = RULES_LEFT_OUT_OF_CONFIGS[name as RuleName];
      expect(configured !== (leftOut !== undefined), name).toBe(true);
      if (leftOut !== undefined) expect(leftOut).toMatch(/\S/);
    }
  });

  it('keeps syntax-only rules in recommended and type-aware rules only in recommended-type-checked', () => {
    for (const [name, severity] of Object.entries(RECOMMENDED_RULES)) {
      expect(plugin.rules[name as RuleName].meta.docs?.requiresTypeChecking, name).not.toBe(true);
      expect(severity).not.toBe('off');
    }
    for (const name of ruleNames) {
      const typed = plugin.rules[name as RuleName].meta.docs?.requiresTypeChecking === true;
      if (typed) expect(RECOMMENDED_TYPE_CHECKED_RULES[name as RuleName], name).toBe('error');
    }
  });

  it('turns a syntax-only rule off in recommended-type-checked only where its type-checked variant replaces it', () => {
    for (const [name, severity] of Object.entries(RECOMMENDED_TYPE_CHECKED_RULES)) {
      if (severity !== 'off') continue;
      expect(RECOMMENDED_TYPE_CHECKED_RULES[`${name}-type-checked` as RuleName], name).toBe('error');
    }
    for (const name of Object.keys(RECOMMENDED_RULES)) {
      expect(RECOMMENDED_TYPE_CHECKED_RULES[name as RuleName], name).toBeDefined();
    }
  });

  it('exposes flat configs that register the plugin and name only its rules', () => {
    for (const config of Object.values(plugin.configs)) {
      expect(config.plugins?.['npvguard']).toBe(plugin);
      expect(config.ignores).toEqual(TEST_FILES);
      for (const ruleId of Object.keys(config.rules ?? {})) {
        expect(ruleNames).toContain(ruleId.replace(/^npvguard\//, ''));
      }
    }
    expect(Object.keys(plugin.configs).sort()).toEqual(['recommended', 'recommended-type-checked']);
  });
});

describe('plugin meta', () => {
  it('matches package.json', () => {
    const packageJson = JSON.parse(fs.readFileSync(`${PACKAGE_FOLDER}package.json`, 'utf8')) as { name: string; version: string };
    expect(plugin.meta).toEqual({ name: packageJson.name, version: packageJson.version });
    expect(PLUGIN_VERSION).toBe(packageJson.version);
  });
});

describe('README', () => {
  const readme = fs.readFileSync(`${PACKAGE_FOLDER}README.md`, 'utf8');
  it.each(ruleNames)('lists %s with its description and doc link', (name) => {
    const row = readme.split('\n').find((line) => line.startsWith(`| [\`${name}\`](docs/rules/${name}.md) |`));
    expect(row, name).toBeDefined();
    expect(row).toContain(plugin.rules[name as RuleName].meta.docs?.description);
  });
});
