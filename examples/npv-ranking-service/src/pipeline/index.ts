/** What the server may use of the pipeline layer: the pipeline and the ports it is built from. */
export type { NpvPipeline, NpvPipelinePorts, NpvPipelineSettings } from './npvPipeline.js';
export { createNpvPipeline } from './npvPipeline.js';
export type {
  CatalogPort,
  Clock,
  EventSinkPort,
  ExperimentAssignerPort,
  FeatureStorePort,
  ModelScorerPort,
  PipelineObserver,
  PseudonymiserPort,
} from '../core/ports.js';
