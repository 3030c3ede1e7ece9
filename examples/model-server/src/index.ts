export { buildModelServer, SERVER_NAME, SERVER_VERSION } from './server.js';
export type { ModelServerOptions } from './server.js';
export { loadModel, loadModelDirectory, parseModelFile, ModelFileError } from './model/load-model.js';
export { predict } from './model/forward.js';
export type {
  Activation,
  DenseLayer,
  LoadedModel,
  ModelFile,
  ModelFileLayer,
  ModelMetadata,
  TensorDatatype,
  TensorMetadata,
} from './model/types.js';
export { parseInferRequest, InferRequestError, MAX_BATCH_ROWS } from './protocol/infer-request.js';
export type { InferRequest } from './protocol/infer-request.js';
export { createFaultInjector, resolveFaultOptions } from './faults/faults.js';
export type { FaultInjector, FaultOptions } from './faults/faults.js';
export { seededRandom } from './faults/random.js';
export { ModelServerConfigError } from './config-error.js';
export { parseModelServerArgs, DEFAULT_MODEL_DIR, USAGE } from './cli/parse-args.js';
export type { ModelServerCliOptions } from './cli/parse-args.js';
