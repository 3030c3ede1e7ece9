import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/boundaries.js';
import '../support/rule-tester.js';

/** A small project on disk (see tests/fixtures/boundaries): imports are resolved against its files and tsconfig. */
const PROJECT = fileURLToPath(new URL('../fixtures/boundaries', import.meta.url));

const boundaries = {
  layers: {
    core: 'src/core/**',
    domain: 'src/domain/**',
    components: 'src/components/**',
    clients: 'src/clients/**',
    server: 'src/server/**',
  },
  allow: {
    domain: ['core'],
    components: ['core', 'domain'],
    clients: ['core', 'domain'],
    server: ['domain', 'components', 'clients'],
  },
  allowTypes: { components: ['clients'] },
  entryPoints: { clients: 'src/clients/index.ts' },
  externals: { 'node:*': ['clients', 'server'], undici: ['clients'] },
  ignore: 'src/generated/**',
};
const settings = { npvguard: { boundaries } };
const components = 'src/components/filter.ts';

const ruleTester = new RuleTester({ languageOptions: { parserOptions: { tsconfigRootDir: PROJECT } } });

ruleTester.run('boundaries', rule, {
  valid: [
    { code: "import type { Clock } from '../core/ports.js';\nimport { type Card } from '../domain/card.js';", filename: components, settings },
    { code: "import { keep } from '../components/filter.js';\nimport { ModelClient } from '../clients/index.js';", filename: 'src/server/app.ts', settings },
    // `import type` of a layer allowed for types only.
    { code: "import type { ModelClient } from '../clients/index.js';", filename: components, settings },
    { code: "export type { ModelClient } from '../clients/index.js';", filename: components, settings },
    { code: "type Client = import('../clients/index.js').ModelClient;", filename: components, settings },
    // Declaration files never run: their imports are type-only.
    { code: "import { ModelClient } from '../clients/index.js';\nexport declare const client: ModelClient;", filename: 'src/components/types.d.ts', settings },
    // A tsconfig `paths` alias resolves to the domain layer.
    { code: "import type { Card } from '@domain/card.js';", filename: components, settings },
    // Externals: allowed where listed, unlisted packages everywhere.
    { code: "import { request } from 'undici';\nimport fs from 'node:fs';", filename: 'src/clients/model-client.ts', settings },
    { code: "import picomatch from 'picomatch';", filename: components, settings },
    // Same layer, ignored files, files outside `include`.
    { code: "import { ModelClient } from './model-client.js';", filename: 'src/clients/index.ts', settings },
    { code: "import { ModelClient } from '../clients/model-client.js';", filename: 'src/generated/gen.ts', settings },
    { code: "import { ModelClient } from '../src/clients/model-client.js';", filename: 'tests/x.ts', settings },
  ],
  invalid: [
    {
      code: "import { ModelClient } from '../clients/index.js';\nexport const client = new ModelClient();",
      filename: components,
      settings,
      errors: [
        {
          messageId: 'forbiddenImport',
          line: 1,
          column: 1,
          data: {
            target: 'Import of `../clients/index.js` (layer clients) from layer components',
            kind: 'runtime',
            reason: 'layer components may import: core, domain plus, for types only, clients',
            allowedInstead: 'layer components may import layer clients for types only: use `import type` and no runtime value from it',
          },
        },
      ],
    },
    {
      // verbatimModuleSyntax (see the fixture's tsconfig) keeps `import { type X }` as `import {}`: a runtime edge.
      code: "import { type ModelClient } from '../clients/index.js';",
      filename: components,
      settings,
      errors: [
        {
          messageId: 'forbiddenImport',
          line: 1,
          column: 1,
          data: {
            target: 'Import of `../clients/index.js` (layer clients) from layer components',
            kind: 'runtime',
            reason: 'layer components may import: core, domain plus, for types only, clients',
            allowedInstead: 'layer components may import layer clients for types only: use `import type` and no runtime value from it',
          },
        },
      ],
    },
    {
      code: "import type { ModelClient } from '../clients/index.js';",
      filename: 'src/domain/card.ts',
      settings,
      errors: [
        {
          messageId: 'forbiddenImport',
          line: 1,
          column: 1,
          data: {
            target: 'Import of `../clients/index.js` (layer clients) from layer domain',
            kind: 'type-only',
            reason: 'layer domain may import: core',
            allowedInstead:
              'depend on an interface from a layer domain may import (core) and let a layer allowed to import clients pass the implementation in',
          },
        },
      ],
    },
    {
      code: "export * from '../clients/index.js';\nexport const load = () => import('../clients/index.js');\nconst client = require('../clients/index.js');",
      filename: components,
      settings,
      errors: [
        { messageId: 'forbiddenImport', line: 1, column: 1 },
        { messageId: 'forbiddenImport', line: 2, column: 27 },
        { messageId: 'forbiddenImport', line: 3, column: 16 },
      ],
    },
    {
      code: "import { ModelClient } from '../clients/model-client.js';",
      filename: 'src/server/app.ts',
      settings,
      errors: [
        {
          messageId: 'privateImport',
          line: 1,
          column: 1,
          data: {
            target: 'Import of `../clients/model-client.js` (layer clients) from layer server',
            kind: 'runtime',
            reason: 'layer clients is imported only through its entry point src/clients/index.ts (boundaries.entryPoints.clients)',
            allowedInstead: 'import it from src/clients/index.ts, exporting it there if it is meant to be public',
          },
        },
      ],
    },
    {
      code: "import fs from 'node:fs';\nimport { request } from 'undici';",
      filename: components,
      settings,
      errors: [
        {
          messageId: 'externalNotAllowed',
          line: 1,
          column: 1,
          data: {
            target: 'Import of package node:fs from layer components',
            kind: 'runtime',
            reason: 'boundaries.externals["node:*"] allows node:fs only in layers clients, server',
            allowedInstead:
              'move the code that needs node:fs into layers clients or server and reach it through an interface layer components may import',
          },
        },
        { messageId: 'externalNotAllowed', line: 2, column: 1 },
      ],
    },
    {
      code: "import { missing } from '../core/missing.js';\nconst name = 'x';\nrequire(name);",
      filename: components,
      settings,
      errors: [
        { messageId: 'unresolvedImport', line: 1, column: 1, data: { specifier: '../core/missing.js' } },
        { messageId: 'unresolvedImport', line: 3, column: 1, data: { specifier: 'name' } },
      ],
    },
    {
      code: 'export const orphan = 1;',
      filename: 'src/orphan/x.ts',
      settings,
      errors: [{ messageId: 'unassignedFile', line: 1, column: 1, data: { file: 'src/orphan/x.ts' } }],
    },
    {
      code: "import { keep } from '../components/filter.js';",
      filename: components,
      errors: [{ messageId: 'notConfigured', line: 1, column: 1 }],
    },
    {
      code: 'export const x = 1;',
      filename: components,
      settings: { npvguard: { boundaries: { ...boundaries, allow: { components: ['nowhere'] } } } },
      errors: [{ messageId: 'invalidConfig', line: 1, column: 1 }],
    },
  ],
});

/**
 * A second project below the cwd (tests/fixtures/boundaries/legacy): layer globs are relative to `root`,
 * and its tsconfig has no verbatimModuleSyntax, so imports used only as types are erased.
 */
const legacySettings = { npvguard: { boundaries, root: 'legacy' } };
const legacyComponent = 'legacy/src/components/a.ts';

ruleTester.run('boundaries (root below the cwd, imports erased)', rule, {
  valid: [
    { code: "import { type ModelClient } from '../clients/index.js';", filename: legacyComponent, settings: legacySettings },
    { code: "import { ModelClient } from '../clients/index.js';\nexport let client: ModelClient;", filename: legacyComponent, settings: legacySettings },
    // Outside `root`: no opinion.
    { code: "import { ModelClient } from '../clients/index.js';", filename: components, settings: legacySettings },
  ],
  invalid: [
    {
      code: "import { ModelClient } from '../clients/index.js';\nexport const client = new ModelClient();",
      filename: legacyComponent,
      settings: legacySettings,
      errors: [{ messageId: 'forbiddenImport', line: 1, column: 1 }],
    },
  ],
});
