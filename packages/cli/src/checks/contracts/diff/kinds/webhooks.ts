import type { KindEntry } from './kind.js';

/** Requests the API sends: OpenAPI 3.1 webhooks (oasdiff's ids) and the callbacks of operations (npvguard's ids). */
export const WEBHOOK_KINDS: readonly KindEntry[] = [
  { id: 'webhook-removed', level: 'error', description: 'a webhook (an operation of the document\'s webhooks) was removed: subscribers no longer get those requests' },
  { id: 'webhook-added', level: 'info', description: 'a webhook was added' },
  { id: 'callback-removed', level: 'warning', description: 'a callback operation of an operation was removed: clients that registered for it no longer get those requests' },
  { id: 'callback-added', level: 'info', description: 'a callback operation was added to an operation' },
];
