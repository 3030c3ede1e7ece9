/**
 * What the composition root and the package entry may use of the clients layer: the adapters behind the pipeline's
 * ports. How each one talks to its store or server (catalog generation, tensor layout, response parsing) stays inside.
 */
export type { CatalogData } from './catalog/catalogData.js';
export { sharedCatalog } from './catalog/generateCatalog.js';
export { InMemoryCatalog } from './catalog/inMemoryCatalog.js';
export type { EventSink } from './events/eventSink.js';
export { MemoryEventSink } from './events/memoryEventSink.js';
export { NdjsonEventSink } from './events/ndjsonEventSink.js';
export { InMemoryFeatureStore } from './features/inMemoryFeatureStore.js';
export { breakerModelScorer } from './model/breakerModelScorer.js';
export { FEATURE_NAMES, MODEL_NAME } from './model/featureSpec.js';
export type { ModelMetadataSource } from './model/modelReadiness.js';
export { ModelReadiness } from './model/modelReadiness.js';
export { OipClient } from './model/oipClient.js';
export { systemClock } from './systemClock.js';
