/** What the composition root may use of the experiments layer: the assigner and the registry it assigns from. */
export { createExperimentAssigner } from './assignment.js';
export { NPV_EXPERIMENTS } from './npvExperiments.js';
export type { Arm, Experiment, ExperimentRegistry, Layer, ParameterOverrides } from './registry.js';
