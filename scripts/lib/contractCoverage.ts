import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHANGE_KINDS, isChangeId } from '../../packages/cli/src/checks/contracts/diff/catalogue.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** oasdiff's public list of checks: id and level (ERR, WARN, INFO), one per line. */
export const OASDIFF_LEVELS: ReadonlyMap<string, string> = new Map(
  readFileSync(path.join(HERE, 'oasdiff-checks.txt'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.trim().split(/\s+/) as [string, string]),
);

/**
 * oasdiff ids npvguard reports under another id, with the reason. An alias must name an id npvguard has (the
 * coverage test checks it).
 */
export const ALIASES: Readonly<Record<string, { id: string; why: string }>> = {
  'new-request-path-parameter': { id: 'api-path-removed-without-deprecation', why: 'a new path parameter makes another path: the old one is reported removed (and the new one added), each operation with its witness' },
  'request-body-type-compatible': { id: 'request-body-type-generalized', why: 'a type change every old value passes (integer to number) is a widening' },
  'request-property-type-compatible': { id: 'request-property-type-generalized', why: 'a type change every old value passes (integer to number) is a widening' },
  'response-body-type-compatible': { id: 'response-body-type-specialized', why: 'a type change every new answer was allowed by (number to integer) is a narrowing' },
  'response-property-type-compatible': { id: 'response-property-type-specialized', why: 'a type change every new answer was allowed by (number to integer) is a narrowing' },
  'response-required-property-removed': { id: 'response-property-removed', why: 'one id for a removed answer property, required or optional (the message says which); an error with a witness' },
  'response-optional-property-removed': { id: 'response-property-removed', why: 'one id for a removed answer property; an error when a witness shows an answer old clients refuse, else a warning' },
  'response-optional-property-added': { id: 'response-property-added', why: 'one id for an added answer property, required or optional' },
  'response-required-property-added': { id: 'response-property-added', why: 'one id for an added answer property, required or optional' },
  'new-required-request-default-parameter-to-existing-path': { id: 'new-required-request-parameter', why: 'path-level parameters are merged into each operation, so each operation reports its new required parameter' },
  'new-optional-request-default-parameter-to-existing-path': { id: 'new-optional-request-parameter', why: 'path-level parameters are merged into each operation' },
  'request-parameter-property-type-changed': { id: 'request-parameter-type-changed', why: 'a property of an object parameter is reported at the parameter' },
  'request-parameter-property-type-specialized': { id: 'request-parameter-type-changed', why: 'a narrowed type refuses old values: reported as a type change of the parameter, with a witness' },
  'response-mediatype-enum-value-removed': { id: 'response-property-enum-value-removed', why: 'the same change of the answer\'s schema, whatever its media type' },
  'request-property-pattern-generalized': { id: 'request-property-pattern-changed', why: 'whether one pattern covers another is not decided; a changed pattern is a warning, with a witness when one is found' },
  'request-parameter-pattern-generalized': { id: 'request-parameter-pattern-changed', why: 'whether one pattern covers another is not decided' },
};

/** Where npvguard's level differs from oasdiff's on purpose. */
const LEVEL_NOTES: Readonly<Record<string, string>> = {};

const LEVEL_OF: Readonly<Record<string, string>> = { ERR: 'error', WARN: 'warning', INFO: 'info' };

export interface CoverageRow {
  id: string;
  oasdiffLevel: string;
  status: 'same id' | 'alias' | 'not yet';
  npvguardId?: string;
  npvguardLevel?: string;
  note?: string;
}

export function coverageRows(): CoverageRow[] {
  const levels = new Map(CHANGE_KINDS.map((kind) => [kind.id, kind.level]));
  return [...OASDIFF_LEVELS].map(([id, oasdiffLevel]): CoverageRow => {
    if (isChangeId(id)) return { id, oasdiffLevel, status: 'same id', npvguardId: id, npvguardLevel: levels.get(id) ?? '', ...(LEVEL_NOTES[id] === undefined ? {} : { note: LEVEL_NOTES[id] }) };
    const alias = ALIASES[id];
    if (alias !== undefined && isChangeId(alias.id)) return { id, oasdiffLevel, status: 'alias', npvguardId: alias.id, npvguardLevel: levels.get(alias.id) ?? '', note: alias.why };
    return { id, oasdiffLevel, status: 'not yet' };
  });
}

export function coverageTable(): string {
  const rows = coverageRows();
  const count = (level: string, statuses: readonly string[]): number => rows.filter((row) => row.oasdiffLevel === level && statuses.includes(row.status)).length;
  const total = (level: string): number => rows.filter((row) => row.oasdiffLevel === level).length;
  const summary = ['ERR', 'WARN', 'INFO'].map((level) => `| ${level} | ${total(level)} | ${count(level, ['same id'])} | ${count(level, ['alias'])} | ${count(level, ['not yet'])} |`).join('\n');
  const body = rows
    .map((row) => {
      const ours = row.npvguardId === undefined ? '' : `[\`${row.npvguardId}\`](../rules/contracts/${row.npvguardId}.md)`;
      const level = row.npvguardLevel === undefined ? '' : row.npvguardLevel === LEVEL_OF[row.oasdiffLevel] ? row.npvguardLevel : `**${row.npvguardLevel}**`;
      return `| \`${row.id}\` | ${row.oasdiffLevel} | ${row.status} | ${ours} | ${level} | ${row.note ?? ''} |`;
    })
    .join('\n');
  return `# Contract diff coverage of oasdiff's checks

Every check id in oasdiff's public list of breaking and non-breaking changes, and what \`npvguard contracts diff\` (and the
contracts check's \`--base\` diff) reports for it: the **same id**, an **alias** (another npvguard id, for the reason
given), or **not yet**. Each id npvguard reports has its own rule page with a base/revision example that the docs tests
run and that asserts the id and its level. oasdiff's levels map ERR → error, WARN → warning, INFO → info; a level in
**bold** is where npvguard differs: an error npvguard proves with a witness, or a warning where no request can be
refused (a default, an annotation validators do not enforce).

This page is written by \`npx tsx scripts/contract-pages.ts\`; a test fails when it is out of date.

| oasdiff level | ids | same id | alias | not yet |
| --- | --- | --- | --- | --- |
${summary}

| oasdiff id | oasdiff level | npvguard | npvguard id | npvguard level | note |
| --- | --- | --- | --- | --- | --- |
${body}
`;
}
