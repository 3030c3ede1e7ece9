import type { ImportRuleId } from './rules.js';

/**
 * `type`: erased at compile time (`import type`, or every binding used only as a type).
 * `decorator`: no import at all: the file uses a capability another file decorates the fastify instance,
 * request or reply with; judged like a runtime import, except that entry points do not apply.
 */
export type ImportKind = 'runtime' | 'type' | 'decorator';

export type ImportRequest =
  | { fromFile: string; toFile: string; kind: ImportKind }
  | { fromFile: string; toPackage: string; kind: ImportKind };

/** Verdicts are shared between imports with the same layers and kind: treat them as immutable. */
export interface ImportVerdict {
  readonly allowed: boolean;
  /** Set when not allowed. */
  readonly ruleId?: ImportRuleId;
  /** The policy rule that decided, in words (`layer server may import: pipeline, domain`). */
  readonly reason: string;
  /** What the importing file may do instead; empty when allowed. */
  readonly allowedInstead: string;
  readonly fromLayer?: string;
  readonly toLayer?: string;
  /** Package name for external imports (`node:fs`, `@scope/name`). */
  readonly packageName?: string;
}
