/** The only tensor datatype this server accepts and produces. */
export type TensorDatatype = 'FP32';

export type Activation = 'relu' | 'sigmoid' | 'identity';

/** One input or output tensor as the Open Inference Protocol describes it in model metadata. */
export interface TensorMetadata {
  name: string;
  datatype: TensorDatatype;
  /** -1 marks the batch dimension. */
  shape: number[];
  parameters?: { feature_names: string[] };
}

/** The body of `GET /v2/models/{name}`. */
export interface ModelMetadata {
  name: string;
  versions: string[];
  platform: string;
  inputs: TensorMetadata[];
  outputs: TensorMetadata[];
}

/** One dense layer as stored in model.json: `weights[output][input]`. */
export interface ModelFileLayer {
  activation: Activation;
  weights: number[][];
  biases: number[];
}

/** The JSON file a model ships as (`models/<name>/model.json`). */
export interface ModelFile {
  name: string;
  version: string;
  platform: string;
  inputs: TensorMetadata[];
  outputs: TensorMetadata[];
  layers: ModelFileLayer[];
  /** Free-form notes on how the weights were produced; not used for inference. */
  training?: Record<string, unknown>;
}

/** A dense layer ready for inference: weights row-major, `outputSize` rows of `inputSize`. */
export interface DenseLayer {
  inputSize: number;
  outputSize: number;
  weights: Float32Array;
  biases: Float32Array;
  activation: Activation;
}

/** A validated model held in memory. */
export interface LoadedModel {
  name: string;
  version: string;
  metadata: ModelMetadata;
  /** The model's single input tensor and single output tensor. */
  input: TensorMetadata;
  output: TensorMetadata;
  featureCount: number;
  layers: DenseLayer[];
}
