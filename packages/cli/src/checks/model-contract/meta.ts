import type { CheckMeta } from '@npvguard/core';

export const MODEL_CONTRACT_RULES = {
  snapshotMissing: 'model-contract/snapshot-missing',
} as const;

export const modelContractMeta: CheckMeta = {
  description: 'The service-to-model contract: the OIP v2 tensors the service declares (names, feature order, datatype, shape, outputs) against each model\'s metadata snapshot.',
  docs: 'checks/contracts.md',
  rules: [
  { id: MODEL_CONTRACT_RULES.snapshotMissing, description: 'The model metadata snapshot does not exist.', defaultSeverity: 'error' },
  { id: 'model-contract/input-missing', description: 'The service sends an input tensor the model does not declare.', defaultSeverity: 'error' },
  { id: 'model-contract/input-not-sent', description: 'The model declares an input tensor the service does not send.', defaultSeverity: 'error' },
  { id: 'model-contract/datatype-mismatch', description: 'A tensor\'s datatype differs between the service and the model.', defaultSeverity: 'error' },
  { id: 'model-contract/shape-mismatch', description: 'A tensor\'s shape differs between the service and the model.', defaultSeverity: 'error' },
  { id: 'model-contract/feature-order-changed', description: 'The same features in another order: values would reach the model in the wrong columns.', defaultSeverity: 'error' },
  { id: 'model-contract/feature-mismatch', description: 'The service and the model name different features.', defaultSeverity: 'error' },
  { id: 'model-contract/output-missing', description: 'The service reads an output the model does not declare.', defaultSeverity: 'error' },
  { id: 'model-contract/model-name-mismatch', description: 'The snapshot describes another model than the one the service calls.', defaultSeverity: 'error' },
  ],
};
