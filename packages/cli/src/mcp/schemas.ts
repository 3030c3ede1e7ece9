import { z } from 'zod';

/** The finding object as every reporter sees it (`Finding` in @npvguard/core); extra fields pass through. */
export const findingSchema = z.looseObject({
  ruleId: z.string(),
  check: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  file: z.string(),
  line: z.number(),
  column: z.number(),
  message: z.string(),
  hint: z.string(),
  docsUrl: z.string(),
  fingerprint: z.string(),
  baseline: z.enum(['base', 'file']).optional(),
});

/** The result object of `npvguard check --format json` (docs/result.schema.json), as a tool's structured output. */
export const resultShape = {
  schemaVersion: z.number(),
  tool: z.looseObject({ name: z.string(), version: z.string() }),
  status: z.string(),
  summary: z.looseObject({ errors: z.number(), warnings: z.number(), infos: z.number(), baseline: z.number(), filesChecked: z.number() }),
  checks: z.array(
    z.looseObject({
      id: z.string(),
      status: z.enum(['pass', 'fail', 'error', 'skipped']),
      durationMs: z.number(),
      error: z.object({ code: z.string(), message: z.string() }).optional(),
    }),
  ),
  findings: z.array(findingSchema),
};

export const ruleShape = z.object({
  id: z.string(),
  check: z.string(),
  description: z.string(),
  defaultSeverity: z.enum(['error', 'warning', 'info']),
  docs: z.string(),
});

export const explanationShape = {
  rule: ruleShape,
  markdown: z.string(),
  source: z.string(),
  note: z.string().optional(),
};

export const rulesShape = { rules: z.array(ruleShape) };
