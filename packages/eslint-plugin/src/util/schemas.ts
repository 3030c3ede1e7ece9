import type { JSONSchema } from '@typescript-eslint/utils';

/** JSON schemas for options several rules share, so their descriptions stay identical. */

export const GLOBS_SCHEMA = (description: string): JSONSchema.JSONSchema4 => ({
  type: 'array',
  items: { type: 'string' },
  description,
});

export const NAMES_SCHEMA = (description: string): JSONSchema.JSONSchema4 => ({
  type: 'array',
  items: { type: 'string' },
  description,
});

export const CLIENTS_SCHEMA: JSONSchema.JSONSchema4 = {
  type: 'array',
  description:
    'Client receivers and methods that make outbound calls: `{ receiver: "*Client", methods: ["infer"] }` (name patterns, case-insensitive).',
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['receiver', 'methods'],
    properties: {
      receiver: { type: 'string', description: 'Receiver name pattern, e.g. `*Client`.' },
      methods: { type: 'array', items: { type: 'string' }, description: 'Method name patterns, e.g. `infer`.' },
    },
  },
};

export const REQUEST_PATH_SCHEMA = GLOBS_SCHEMA(
  'Globs (relative to the ESLint cwd) of files whose code runs while a request is served. Default: `settings.npvguard.requestPath`, else the reference layout (`**/src/server/**`, `**/src/pipeline/**`, ...).',
);
