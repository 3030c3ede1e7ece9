export type { FilterFailurePolicy, FilterStage, PipelineDefinition, SourceStage } from './definition.js';
export { runPipeline } from './runPipeline.js';
export { mergeByEntity } from './gather.js';
export { ScorerContractError } from './score.js';
export { StageTimeoutError, untilAborted } from './untilAborted.js';
