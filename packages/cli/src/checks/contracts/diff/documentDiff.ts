import type { Operation } from '@npvguard/harness/contracts';
import { compareResponseHeaders } from './headers.js';
import type { LifecycleContext } from './lifecycle.js';
import { compareComponentSchemas, compareOperationNames } from './names.js';
import { compareOperationLifecycle } from './operationLifecycle.js';
import { compareGlobalSecurity, compareOperationSecurity, compareSecuritySchemes } from './security.js';
import type { ContractChange, OperationPair } from './types.js';
import { compareCallbacks, compareWebhooks } from './webhooks.js';

export interface DocumentPartsInput {
  oldRoot: unknown;
  newRoot: unknown;
  /** The operations both documents have, matched. */
  pairs: ReadonlyArray<{ old: Operation; new: Operation }>;
  lifecycle: LifecycleContext;
  report(change: ContractChange, pair: OperationPair): void;
}

const NO_OPERATION: OperationPair = { old: undefined, new: undefined };

/**
 * What the document says beside the exchanges' schemas: the lifecycle of each operation (deprecation, sunset,
 * stability), security, callbacks and response headers, tags and operation ids; and, for the document itself, its
 * security, security schemes, webhooks and component schemas.
 */
export function compareDocumentParts(input: DocumentPartsInput): void {
  const { oldRoot, newRoot } = input;
  for (const pair of input.pairs) {
    const report = (change: ContractChange): void => input.report(change, pair);
    compareOperationLifecycle(pair.old, pair.new, oldRoot, newRoot, input.lifecycle, report);
    compareOperationSecurity(pair.old, pair.new, oldRoot, newRoot, report);
    compareCallbacks(pair.old, pair.new, oldRoot, newRoot, report);
    compareResponseHeaders(pair.old, pair.new, oldRoot, newRoot, report);
    compareOperationNames(pair.old, pair.new, oldRoot, newRoot, report);
  }
  const report = (change: ContractChange): void => input.report(change, NO_OPERATION);
  compareGlobalSecurity(oldRoot, newRoot, report);
  compareSecuritySchemes(oldRoot, newRoot, report);
  compareWebhooks(oldRoot, newRoot, report);
  compareComponentSchemas(oldRoot, newRoot, report);
}
