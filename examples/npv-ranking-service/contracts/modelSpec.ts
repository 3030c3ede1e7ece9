import { FEATURE_NAMES, INPUT_NAME, INPUT_SHAPE, MODEL_NAME, OUTPUT_NAME, OUTPUT_SHAPE, TENSOR_DATATYPE } from '../src/clients/model/featureSpec.js';

/**
 * The service's side of the npv-ranker contract, as npvguard's contracts check reads it: built from the
 * feature spec the OIP client uses, so a change there (a datatype, the feature order) is compared with
 * the model's metadata snapshot (contracts/model-npv-ranker.json).
 */
export const npvRankerContract = {
  name: MODEL_NAME,
  inputs: [{ name: INPUT_NAME, datatype: TENSOR_DATATYPE, shape: INPUT_SHAPE, features: FEATURE_NAMES }],
  outputs: [{ name: OUTPUT_NAME, datatype: TENSOR_DATATYPE, shape: OUTPUT_SHAPE }],
};
