export type {
  OutboundCallable,
  OutboundClient,
  OutboundInstances,
  SignalFactory,
  TimeoutCarrier,
  TimeoutOption,
  TimeoutValueType,
} from './model.js';
export { GLOBAL_SCOPE } from './model.js';
export { GLOBAL_FETCH, NODE_HTTP, OUTBOUND_CLIENTS, UNDICI } from './clients.js';
export {
  DEADLINE_SCOPE_METHODS,
  PROJECT_CLIENT_TIMEOUT_OPTIONS,
  SIGNAL_FACTORIES,
  TIMEOUT_VALUE_NAMES,
  TIMEOUT_VALUE_TYPES,
} from './timeouts.js';
export type { OutboundMatch } from './lookup.js';
export {
  findOutboundFunction,
  findOutboundMethod,
  findSignalFactory,
  findTimeoutOption,
  matchesNamePattern,
  normalizeModuleSpecifier,
  outboundCallableNames,
  packageOfFile,
  receiverConventions,
  timeoutValueCarrier,
} from './lookup.js';
