import type { KindEntry } from './kind.js';

/** Tags, operation ids and component schemas: the document's names for things (ids as oasdiff's, all safe). */
export const DOCUMENT_PART_KINDS: readonly KindEntry[] = [
  { id: 'api-tag-added', level: 'info', description: 'a tag was added to an operation' },
  { id: 'api-tag-removed', level: 'info', description: 'a tag was removed from an operation' },
  { id: 'api-operation-id-added', level: 'info', description: 'an operation got an operationId' },
  { id: 'api-operation-id-removed', level: 'info', description: 'an operation\'s operationId was removed or changed' },
  { id: 'api-schema-removed', level: 'info', description: 'a schema was removed from components.schemas' },
];
