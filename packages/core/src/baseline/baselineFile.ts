import { NpvError } from '../errors.js';
import type { Finding } from '../finding.js';
import { describeValue } from '../validate/describe.js';

export const BASELINE_FILE_VERSION = 1 as const;
export const DEFAULT_BASELINE_FILE = 'npvguard.baseline.json';

/** One accepted finding: what it was, and why it is accepted. */
export interface BaselineEntry {
  ruleId: string;
  file: string;
  fingerprint: string;
  message: string;
  reason: string;
}

export interface BaselineFile {
  version: typeof BASELINE_FILE_VERSION;
  findings: BaselineEntry[];
}

const ENTRY_KEYS = ['ruleId', 'file', 'fingerprint', 'message', 'reason'] as const;

function invalid(file: string, where: string, expected: string, value: unknown): NpvError {
  const found = describeValue(value);
  return new NpvError('NPV2005', `Invalid baseline file ${file} at ${where}: expected ${expected}, found ${found}.`, {
    file,
    path: where,
    expected,
    found,
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks a parsed baseline file; throws NPV2005 on anything but `{ version: 1, findings: [...] }`. */
export function validateBaselineFile(value: unknown, options: { file: string }): BaselineFile {
  const { file } = options;
  if (!isRecord(value)) throw invalid(file, '(the file itself)', 'an object { version: 1, findings: [...] }', value);
  if (value.version !== BASELINE_FILE_VERSION) throw invalid(file, 'version', 'the number 1', value.version);
  if (!Array.isArray(value.findings)) throw invalid(file, 'findings', 'an array', value.findings);
  const findings = value.findings.map((entry: unknown, index): BaselineEntry => {
    if (!isRecord(entry)) throw invalid(file, `findings[${index}]`, 'an object', entry);
    for (const key of Object.keys(entry)) {
      if (!(ENTRY_KEYS as readonly string[]).includes(key)) {
        throw invalid(file, `findings[${index}].${key}`, `only the keys ${ENTRY_KEYS.join(', ')}`, key);
      }
    }
    const fields = ENTRY_KEYS.map((key) => {
      const field = entry[key];
      if (typeof field !== 'string' || (key !== 'message' && field === '')) {
        throw invalid(file, `findings[${index}].${key}`, 'a non-empty string', field);
      }
      return field;
    });
    const [ruleId = '', entryFile = '', fingerprint = '', message = '', reason = ''] = fields;
    return { ruleId, file: entryFile, fingerprint, message, reason };
  });
  return { version: BASELINE_FILE_VERSION, findings };
}

function compareEntries(left: BaselineEntry, right: BaselineEntry): number {
  const keys = ['file', 'ruleId', 'fingerprint', 'message', 'reason'] as const;
  for (const key of keys) {
    if (left[key] !== right[key]) return left[key] < right[key] ? -1 : 1;
  }
  return 0;
}

export interface BaselineUpdate {
  baseline: BaselineFile;
  /** Findings not accepted before: the baseline grows by these. */
  added: BaselineEntry[];
  /** Accepted entries no finding matches any more: the baseline shrinks by these. */
  removed: BaselineEntry[];
}

export interface UpdateBaselineOptions {
  /** Reason recorded on added entries. */
  reason: string;
  /** Entries this run could judge (their check ran, their file was in scope); others are kept untouched. */
  inScope(entry: BaselineEntry): boolean;
}

/** Only findings that can fail a run are worth accepting; info findings never fail. */
function isAcceptable(finding: Finding): boolean {
  return finding.severity !== 'info' && finding.baseline !== 'base';
}

/**
 * The baseline after accepting exactly the current findings: matched entries keep their reason,
 * new findings are added with `reason`, entries in scope that no finding matches are removed.
 * Output is sorted so the file diffs cleanly.
 */
export function updateBaseline(
  existing: BaselineFile | undefined,
  findings: readonly Finding[],
  options: UpdateBaselineOptions,
): BaselineUpdate {
  const previous = existing?.findings ?? [];
  const outOfScope = previous.filter((entry) => !options.inScope(entry));
  const candidates = previous.filter((entry) => options.inScope(entry));
  const pool = new Map<string, BaselineEntry[]>();
  for (const entry of candidates) {
    const list = pool.get(entry.fingerprint);
    if (list === undefined) pool.set(entry.fingerprint, [entry]);
    else list.push(entry);
  }
  const kept: BaselineEntry[] = [];
  const added: BaselineEntry[] = [];
  for (const finding of findings.filter(isAcceptable)) {
    const match = pool.get(finding.fingerprint)?.shift();
    const entry = {
      ruleId: finding.ruleId,
      file: finding.file,
      fingerprint: finding.fingerprint,
      message: finding.message,
      reason: match?.reason ?? options.reason,
    };
    if (match === undefined) added.push(entry);
    else kept.push(entry);
  }
  const removed = [...pool.values()].flat().sort(compareEntries);
  const all = [...outOfScope, ...kept, ...added].sort(compareEntries);
  return { baseline: { version: BASELINE_FILE_VERSION, findings: all }, added: added.sort(compareEntries), removed };
}
