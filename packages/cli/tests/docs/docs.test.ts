import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BOUNDARIES_KEYS, CONFIG_KEYS, validateConfig } from '@npvguard/core';
import { CHECKS } from '../../src/checks/index.js';
import { BASELINE_OPTIONS, CHECK_OPTIONS, CONTRACTS_DIFF_OPTIONS } from '../../src/cli/options.js';
import { CONTRACTS_KEYS } from '../../src/checks/contracts/config.js';
import { REPORT_FORMATS } from '../../src/report/formats.js';
import { CONFIG_FILE_NAMES } from '../../src/load/findConfig.js';
import { DEFAULT_INCLUDE } from '../../src/load/listFiles.js';
import { loadConfigFile } from '../../src/modules/loadConfigFile.js';
import { REPO_ROOT } from '../support/cli.js';

const cliDoc = readFileSync(path.join(REPO_ROOT, 'docs', 'cli.md'), 'utf8');
const configurationDoc = readFileSync(path.join(REPO_ROOT, 'docs', 'configuration.md'), 'utf8');
const boundariesDoc = readFileSync(path.join(REPO_ROOT, 'docs', 'checks', 'boundaries.md'), 'utf8');

/** The fenced code blocks of a Markdown document with the given language. */
function codeBlocks(markdown: string, language: string): string[] {
  return [...markdown.matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((match) => match[1] ?? '');
}

describe('docs/cli.md', () => {
  it('documents every option of check, baseline and contracts diff with its exact flags', () => {
    for (const spec of [...Object.values(CHECK_OPTIONS), ...Object.values(BASELINE_OPTIONS), ...Object.values(CONTRACTS_DIFF_OPTIONS)]) {
      expect(cliDoc).toContain(`\`${spec.flags}\``);
    }
  });

  it('documents every format and every command', () => {
    for (const format of REPORT_FORMATS) expect(cliDoc).toContain(`| \`${format}\` |`);
    for (const command of ['npvguard check [paths...]', 'npvguard boundaries [paths...]', 'npvguard baseline']) expect(cliDoc).toContain(`## \`${command}`);
  });
});

describe('docs/configuration.md', () => {
  it('documents every top-level key, every check\'s section and the boundaries keys in its tables', () => {
    const sectionKeys = CHECKS.flatMap((check) => (check.config === undefined ? [] : [check.config.key]));
    expect(sectionKeys).toEqual(['boundaries', 'lint', 'integrity', 'contracts', 'latency']);
    for (const key of [...CONFIG_KEYS, ...sectionKeys, ...BOUNDARIES_KEYS, ...CONTRACTS_KEYS]) expect(configurationDoc).toContain(`| \`${key}\` |`);
  });

  it('lists the discovery order and the default include as the code has them', () => {
    const listed = [...configurationDoc.matchAll(/^\d\. `(npvguard\.config\.\w+)`$/gm)].map((match) => match[1]);
    expect(listed).toEqual([...CONFIG_FILE_NAMES]);
    expect(configurationDoc).toContain(`\`['${DEFAULT_INCLUDE.join("', '")}']\``);
  });

  it('has examples that load and validate', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'npvguard-docs-'));
    try {
      const [typescript] = codeBlocks(configurationDoc, 'ts');
      const [json] = codeBlocks(configurationDoc, 'json');
      writeFileSync(path.join(folder, 'npvguard.config.ts'), typescript ?? '');
      const loaded = await loadConfigFile(path.join(folder, 'npvguard.config.ts'));
      const config = validateConfig(loaded, { file: 'example', knownRuleIds: ['boundaries/private-import'] });
      expect(Object.keys(config.boundaries?.layers ?? {})).toHaveLength(7);
      expect(validateConfig(JSON.parse(json ?? ''), { file: 'example.json' }).boundaries?.allow).toEqual({ server: ['core'] });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('docs/checks/boundaries.md', () => {
  it('documents every boundaries config key', () => {
    for (const key of ['layers', 'allow', 'allowTypes', 'entryPoints', 'externals', 'cycles', 'typeOnly', 'ignore']) {
      expect(boundariesDoc).toContain(`| \`${key}\` |`);
    }
  });
});

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function headingAnchor(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-');
}

function anchorsOf(markdown: string): Set<string> {
  const withoutCode = markdown.replace(/```[\s\S]*?```/g, '');
  const headings = [...withoutCode.matchAll(/^#{1,6}\s+(.*)$/gm)].map((match) => headingAnchor(match[1] ?? ''));
  const explicit = [...withoutCode.matchAll(/<a id="([^"]+)"><\/a>/g)].map((match) => match[1] ?? '');
  return new Set([...headings, ...explicit]);
}

function markdownFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.md'))
    .map((file) => path.join(folder, file));
}

describe('links between the docs', () => {
  it('every relative link of docs/ and the README names a file that exists, and a heading it has', () => {
    const broken: string[] = [];
    for (const file of [...markdownFiles(path.join(REPO_ROOT, 'docs')), path.join(REPO_ROOT, 'README.md')]) {
      const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
      for (const match of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = match[1] ?? '';
        if (/^[a-z]+:/.test(target)) continue;
        const [linked = '', anchor] = target.split('#');
        const linkedFile = linked === '' ? file : path.resolve(path.dirname(file), linked);
        if (!existsSync(linkedFile)) broken.push(`${path.relative(REPO_ROOT, file)}: ${target}`);
        else if (anchor !== undefined && linkedFile.endsWith('.md') && !anchorsOf(readFileSync(linkedFile, 'utf8')).has(anchor)) broken.push(`${path.relative(REPO_ROOT, file)}: ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
