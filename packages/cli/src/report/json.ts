import type { Reporter } from './reporter.js';

/** The result object itself, versioned by `schemaVersion`; its schema is docs/result.schema.json. */
export const jsonReporter: Reporter = (result) => `${JSON.stringify(result, null, 2)}\n`;
