export type { Severity, Finding, FindingInput } from './finding.js';
export { SEVERITIES } from './finding.js';
export type { Result, RunStatus, CheckRun, ResultSummary } from './result.js';
export { RESULT_SCHEMA_VERSION } from './result.js';
export type { ErrorCode, ErrorCodeInfo } from './errors.js';
export { ERROR_CODES, NpvError, isNpvError } from './errors.js';
export type { Check, CheckContext, CheckMeta, CheckTraits, ConfigSection, RuleMeta } from './check.js';
export type { Block, Cell, GraphBlock, GraphEdge, RowDetail, TableBlock, TableRow } from './blocks.js';
export { blocksOf } from './blocks.js';
export type { BaseCommit, Change, ChangedFile, ChangeSource, FileStatus, RepositoryChange } from './change.js';
export type { NpvConfig, BoundariesConfig, Globs, AgentConfig } from './config.js';
export type { ContractsConfig, ContractsEnvSource, ContractsLifecycleConfig, ContractsModelConfig, ContractsPropertiesConfig, ContractsScenarioConfig, StabilityLevel } from './config.js';
export type { ClosedSchemasPolicy } from './config.js';
export { CLOSED_SCHEMAS_POLICIES, DEFAULT_MIN_SUNSET_DAYS, STABILITY_LEVELS } from './config.js';
export type { LatencyConfig, LatencyBudget, LatencyClientConfig, LatencyMeasureConfig } from './config.js';
export type { LintConfig, IntegrityConfig, EslintRuleSetting } from './config.js';
export { defineConfig } from './config.js';
export * from './layers/index.js';
export type { ValidateConfigOptions } from './validate/validateConfig.js';
export { validateConfig, CONFIG_KEYS } from './validate/validateConfig.js';
export { BOUNDARIES_KEYS, BOUNDARIES_SECTION } from './validate/boundaries.js';
export type { ConfigPath, PlainRecord, ValidationScope } from './validate/primitives.js';
export {
  emptyRecord,
  expectArray,
  expectEnum,
  expectGlobs,
  expectObject,
  expectString,
  isPlainRecord,
  rejectUnknownKeys,
  typeError,
  unknownKeyError,
} from './validate/primitives.js';
export { closestMatch, levenshtein } from './validate/suggest.js';
export { describeValue, formatConfigPath } from './validate/describe.js';
export type { ConfigPathSegment } from './validate/describe.js';
export { fingerprint, FINGERPRINT_LENGTH } from './fingerprint.js';
export { isWithinPaths } from './paths.js';
export { docsUrlFor, pluginRuleDocsUrl, errorDocsPath, errorDocsUrl, errorDocsLine, DOCS_BASE_URL, PLUGIN_DOCS_BASE_URL } from './docsUrl.js';
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
export type {
  OutboundCallable,
  OutboundClient,
  OutboundInstances,
  OutboundMatch,
  SignalFactory,
  TimeoutCarrier,
  TimeoutOption,
  TimeoutValueType,
} from './outbound/index.js';
export {
  DEADLINE_SCOPE_METHODS,
  findOutboundFunction,
  findOutboundMethod,
  findSignalFactory,
  findTimeoutOption,
  GLOBAL_FETCH,
  GLOBAL_SCOPE,
  matchesNamePattern,
  NODE_HTTP,
  normalizeModuleSpecifier,
  OUTBOUND_CLIENTS,
  outboundCallableNames,
  packageOfFile,
  PROJECT_CLIENT_TIMEOUT_OPTIONS,
  receiverConventions,
  SIGNAL_FACTORIES,
  TIMEOUT_VALUE_NAMES,
  TIMEOUT_VALUE_TYPES,
  timeoutValueCarrier,
  UNDICI,
} from './outbound/index.js';
export type { ClientFactory, ConstructionTimeouts, DeclaredCalls, OutboundKind } from './outbound/index.js';
export {
  AMQPLIB,
  AWS_SDK,
  AXIOS,
  clientFromConfig,
  clientHasModule,
  DRIZZLE,
  findClientFactory,
  findDeclaredCall,
  findListedCall,
  findModuleMember,
  findOutboundClient,
  GOT,
  IOREDIS,
  KAFKAJS,
  KNEX,
  KYSELY,
  MONGODB,
  MYSQL2,
  PG,
  PRISMA,
  REDIS,
  TYPEORM,
} from './outbound/index.js';
