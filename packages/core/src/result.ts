import type { Finding } from './finding.js';
import type { Block } from './blocks.js';

/** Bumped on any incompatible change of the result object; documented in docs/result.schema.json. */
export const RESULT_SCHEMA_VERSION = 1 as const;

export type RunStatus = 'pass' | 'fail' | 'error';

export interface CheckRun {
  id: string;
  /** `error`: the check could not run (never a silent pass); `skipped`: not selected by `--only` or config. */
  status: 'pass' | 'fail' | 'error' | 'skipped';
  durationMs: number;
  /** Present when status is `error`. */
  error?: { code: string; message: string };
  /** Check-specific summary data (per-route latency table, layer graph...), typed by the check. */
  data?: Record<string, unknown>;
  /** The check's data as neutral blocks (tables, graphs), from its `present`: what reporters show beside findings. */
  view?: Block[];
}

export interface ResultSummary {
  errors: number;
  warnings: number;
  infos: number;
  /** Findings marked `baseline` (already at `--base` or accepted in the baseline file); counted separately. */
  baseline: number;
  filesChecked: number;
}

export interface Result {
  schemaVersion: typeof RESULT_SCHEMA_VERSION;
  tool: { name: 'npvguard'; version: string };
  status: RunStatus;
  summary: ResultSummary;
  checks: CheckRun[];
  findings: Finding[];
}
