import { describe, expect, it } from 'vitest';
import type { ProjectShape } from '../../src/init/inspectProject.js';
import { configTemplate } from '../../src/init/templates.js';

const shape = { root: '/p', layers: { routes: ['src/routes/**'] }, appCandidates: [], routes: [], sources: [], esm: true, hasEslint: false } as unknown as ProjectShape;

describe('configTemplate', () => {
  it('writes the integrity section at the section indentation in a git repository', () => {
    const text = configTemplate(shape, { allow: { routes: [] }, externals: {} }, true);
    expect(text).toContain(`  lint: {},
  // Guardrails the change must not weaken (suppressions, skipped tests, loosened configs).
  integrity: {},
  // contracts:`);
  });

  it('outside git, comments the integrity section out at the same indentation and says why', () => {
    const text = configTemplate(shape, { allow: { routes: [] }, externals: {} }, false);
    expect(text).toContain(`  lint: {},
  // Guardrails the change must not weaken (suppressions, skipped tests, loosened configs).
  // Needs a git repository: the change is compared with --base (or HEAD).
  // integrity: {},
  // contracts:`);
  });
});
