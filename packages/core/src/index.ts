export type { Severity, Finding, FindingInput } from './finding.js';
export { SEVERITIES } from './finding.js';
export type { Result, RunStatus, CheckRun, ResultSummary } from './result.js';
export { RESULT_SCHEMA_VERSION } from './result.js';
export type { ErrorCode, ErrorCodeInfo } from './errors.js';
export { ERROR_CODES, NpvError, isNpvError } from './errors.js';
export type { Check, CheckContext, CheckMeta, RuleMeta } from './check.js';
export type { NpvConfig, BoundariesConfig, Globs } from './config.js';
export { defineConfig } from './config.js';
