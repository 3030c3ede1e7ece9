export type { Severity, Finding, FindingInput } from './finding.js';
export { SEVERITIES } from './finding.js';
export type { Result, RunStatus, CheckRun, ResultSummary } from './result.js';
export { RESULT_SCHEMA_VERSION } from './result.js';
export type { ErrorCode, ErrorCodeInfo } from './errors.js';
export { ERROR_CODES, NpvError, isNpvError } from './errors.js';
export type { Check, CheckContext, CheckMeta, RuleMeta } from './check.js';
export type { NpvConfig, BoundariesConfig, Globs } from './config.js';
export type { ContractsConfig, ContractsModelConfig, ContractsPropertiesConfig, ContractsScenarioConfig } from './config.js';
export type { LatencyConfig, LatencyBudget, LatencyMeasureConfig } from './config.js';
export { LATENCY_KEYS, ROUTE_KEY } from './validate/latency.js';
export type { LintConfig, IntegrityConfig, EslintRuleSetting } from './config.js';
export { LINT_KEYS } from './validate/lint.js';
export { INTEGRITY_KEYS } from './validate/integrity.js';
export { defineConfig } from './config.js';
export * from './layers/index.js';
export type { ValidateConfigOptions } from './validate/validateConfig.js';
export { validateConfig, CONFIG_KEYS } from './validate/validateConfig.js';
export { BOUNDARIES_KEYS } from './validate/boundaries.js';
export { closestMatch, levenshtein } from './validate/suggest.js';
export { describeValue, formatConfigPath } from './validate/describe.js';
export type { ConfigPathSegment } from './validate/describe.js';
export { fingerprint, FINGERPRINT_LENGTH } from './fingerprint.js';
export { docsUrlFor, pluginRuleDocsUrl, errorDocsPath, DOCS_BASE_URL, PLUGIN_DOCS_BASE_URL } from './docsUrl.js';
export type { ExitCode, ExitCodeOptions } from './summary.js';
export { summarize, exitCodeFor, statusForExitCode, compareFindings } from './summary.js';
export type { CompareWithBaselineOutcome } from './baseline/compare.js';
export { compareWithBaseline } from './baseline/compare.js';
export type { BaselineEntry, BaselineFile, BaselineUpdate, UpdateBaselineOptions } from './baseline/baselineFile.js';
export {
  validateBaselineFile,
  updateBaseline,
  BASELINE_FILE_VERSION,
  DEFAULT_BASELINE_FILE,
} from './baseline/baselineFile.js';
export { CONTRACTS_KEYS } from './validate/contracts.js';
