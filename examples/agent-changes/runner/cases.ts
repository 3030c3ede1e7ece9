import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const CATEGORIES = ['boundary', 'contract', 'latency', 'correctness', 'privacy', 'integrity', 'benign'] as const;
export type Category = (typeof CATEGORIES)[number];
export type Kind = 'bad' | 'benign';
/** Who wrote a case: the people who wrote the rules, or someone who had read only the rule's doc page. */
export const ORIGINS = ['authored', 'from-doc-page'] as const;
export type Origin = (typeof ORIGINS)[number];

/** One realistic agent change: a patch against the reference service and what npvguard must say about it. */
export interface AgentCase {
  id: string;
  kind: Kind;
  category: Category;
  description: string;
  /** Rule ids of which at least one must fire for a bad case; empty for a benign case. */
  expect: string[];
  /** How the failure (or the look-alike) is written, in kebab-case: `direct`, `local-alias`, `destructuring`, `cross-file-call`... */
  form: string;
  origin: Origin;
  /** For a benign case: the rule ids it looks like a violation of (optional). */
  resembles: string[];
  /** Absolute path of the case folder. */
  folder: string;
  patchFile: string;
}

const CASE_FILE = 'case.json';
const PATCH_FILE = 'change.patch';
const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCategory(value: unknown): value is Category {
  return typeof value === 'string' && (CATEGORIES as readonly string[]).includes(value);
}

/**
 * Reads one case folder; returns the problems found instead of throwing, so one broken case is reported with
 * all the others rather than hiding them.
 */
export function readCase(folder: string): AgentCase | { folder: string; problems: string[] } {
  const problems: string[] = [];
  const name = path.basename(folder);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path.join(folder, CASE_FILE), 'utf8'));
  } catch (error) {
    return { folder, problems: [`${CASE_FILE} is not readable JSON: ${(error as Error).message}`] };
  }
  if (!isRecord(parsed)) return { folder, problems: [`${CASE_FILE} is not an object`] };
  const { id, kind, category, description, expect, form, origin, resembles } = parsed;
  const known = new Set(['id', 'kind', 'category', 'description', 'expect', 'form', 'origin', 'resembles']);
  for (const key of Object.keys(parsed)) if (!known.has(key)) problems.push(`unknown key "${key}"`);
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) problems.push('id must be kebab-case');
  else if (id !== name) problems.push(`id "${id}" differs from its folder "${name}"`);
  if (kind !== 'bad' && kind !== 'benign') problems.push('kind must be "bad" or "benign"');
  if (!isCategory(category)) problems.push(`category must be one of ${CATEGORIES.join(', ')}`);
  else if ((kind === 'benign') !== (category === 'benign')) problems.push('benign cases, and only they, have the category "benign"');
  if (typeof description !== 'string' || description.trim().length < 20) problems.push('description must say what the change does (≥ 20 characters)');
  if (!Array.isArray(expect) || !expect.every((entry): entry is string => typeof entry === 'string')) problems.push('expect must be an array of rule ids');
  else if (kind === 'bad' && expect.length === 0) problems.push('a bad case expects at least one rule id');
  else if (kind === 'benign' && expect.length > 0) problems.push('a benign case expects no rule id');
  if (typeof form !== 'string' || !ID_PATTERN.test(form)) problems.push('form must be kebab-case (how the change is written: direct, local-alias, cross-file-call...)');
  if (!(ORIGINS as readonly unknown[]).includes(origin)) problems.push(`origin must be one of ${ORIGINS.join(', ')}`);
  if (resembles !== undefined) {
    if (!Array.isArray(resembles) || !resembles.every((entry): entry is string => typeof entry === 'string')) problems.push('resembles must be an array of rule ids');
    else if (kind !== 'benign' && resembles.length > 0) problems.push('only a benign case resembles a rule');
  }
  let patchSize = 0;
  try {
    patchSize = statSync(path.join(folder, PATCH_FILE)).size;
  } catch {
    problems.push(`${PATCH_FILE} is missing`);
  }
  if (patchSize === 0 && problems.length === 0) problems.push(`${PATCH_FILE} is empty`);
  if (problems.length > 0) return { folder, problems };
  return {
    id: id as string,
    kind: kind as Kind,
    category: category as Category,
    description: description as string,
    expect: expect as string[],
    form: form as string,
    origin: origin as Origin,
    resembles: (resembles as string[] | undefined) ?? [],
    folder,
    patchFile: path.join(folder, PATCH_FILE),
  };
}

export interface CaseCatalogue {
  cases: AgentCase[];
  invalid: { folder: string; problems: string[] }[];
}

/** Every folder of `root` that holds a case.json, sorted by id. */
export function loadCases(root: string): CaseCatalogue {
  const cases: AgentCase[] = [];
  const invalid: { folder: string; problems: string[] }[] = [];
  const folders = readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(root, entry.name))
    .filter((folder) => {
      try {
        return statSync(path.join(folder, CASE_FILE)).isFile();
      } catch {
        return false;
      }
    })
    .sort();
  for (const folder of folders) {
    const read = readCase(folder);
    if ('problems' in read) invalid.push(read);
    else cases.push(read);
  }
  return { cases, invalid };
}

/**
 * The rule family a case belongs to: a lint rule of the plugin is a family of its own (`no-pii-in-logs`), a check's
 * rule belongs to its check (`integrity`, `contracts`...). A bad case counts under its first expected id, a benign one
 * under the first rule it resembles (`benign` when it names none).
 */
export function ruleFamily(agentCase: Pick<AgentCase, 'kind' | 'expect' | 'resembles'>): string {
  const ruleId = agentCase.kind === 'bad' ? agentCase.expect[0] : agentCase.resembles[0];
  if (ruleId === undefined) return 'benign';
  const lint = /^lint\/npvguard\/(.+)$/.exec(ruleId);
  if (lint?.[1] !== undefined) return lint[1];
  return ruleId.split('/')[0] ?? ruleId;
}
