import { afterAll, describe, expect, it } from 'vitest';
import { routeRoles } from '../../src/checks/integrity/routeCode/routeRoles.js';
import { createRepo, runIntegrity, type TempRepo } from './gitRepo.js';

/**
 * `integrity/snapshot-without-route-change` decides "route code" by imports: what the files registering routes
 * import, at the head and at the base. Each scenario is a small fastify-shaped project committed as the base, a
 * change committed on top, and the check run with `--base HEAD~1`.
 */

const TSCONFIG = '{\n  "compilerOptions": { "module": "nodenext", "moduleResolution": "nodenext", "target": "es2022", "strict": true }\n}\n';
const SNAPSHOT = '{\n  "openapi": "3.1.0",\n  "paths": { "/v1/cards": {} }\n}\n';
const SNAPSHOT_CHANGED = '{\n  "openapi": "3.1.0",\n  "paths": { "/v1/cards": { "post": {} } }\n}\n';

/** A route whose schema reads a domain constant through a barrel, and whose handler types its answer with a type-only import. */
const PROJECT: Record<string, string> = {
  'tsconfig.json': TSCONFIG,
  'contracts/openapi.json': SNAPSHOT,
  'src/domain/markets.ts': "export const MARKETS = ['SE', 'US'] as const;\n",
  'src/domain/kinds.ts': "export type CardKind = 'track' | 'artist';\n",
  'src/domain/index.ts': "export * from './markets.js';\nexport type { CardKind } from './kinds.js';\n",
  'src/domain/internal.ts': 'export const CACHE_SIZE = 100;\n',
  'src/server/schemas.ts': "import { MARKETS } from '../domain/index.js';\n\nexport const cardsSchema = { body: { type: 'object', properties: { market: { enum: [...MARKETS] } } } } as const;\n",
  'src/server/handler.ts': "import type { CardKind } from '../domain/index.js';\n\nexport async function handleCards(): Promise<{ kinds: CardKind[] }> {\n  return { kinds: [] };\n}\n",
  'src/server/routes.ts': "import type { FastifyInstance } from 'fastify';\nimport { cardsSchema } from './schemas.js';\nimport { handleCards } from './handler.js';\n\nexport async function cardsRoutes(app: FastifyInstance): Promise<void> {\n  app.post('/v1/cards', { schema: cardsSchema }, handleCards);\n}\n",
  'src/clients/catalog.ts': "import type { CardKind } from '../domain/index.js';\n\nexport const catalogKinds: CardKind[] = ['track'];\n",
  'src/unused/legacy.ts': 'export const LEGACY_LIMIT = 10;\n',
  'tests/support/requests.ts': "export const request = { market: 'SE' };\n",
};

const repos: TempRepo[] = [];
afterAll(() => repos.forEach((repo) => repo.cleanup()));

interface Outcome {
  code: number;
  findings: Array<{ ruleId: string; file: string; line: number; severity: string; message: string }>;
}

/** The base project, with `change` (files written; `null` deletes) committed on top, checked against the base. */
async function checkChange(change: Record<string, string | null>, base: Record<string, string> = {}, config = 'export default { integrity: {} };\n'): Promise<Outcome> {
  const repo = createRepo({ 'npvguard.config.ts': config, ...PROJECT, ...base }, { linkNodeModules: true });
  repos.push(repo);
  const written = Object.fromEntries(Object.entries(change).filter((entry): entry is [string, string] => entry[1] !== null));
  repo.write(written);
  repo.remove(...Object.keys(change).filter((file) => change[file] === null));
  repo.commit('change');
  const run = await runIntegrity(repo.root);
  expect(run.stderr).toBe('');
  return {
    code: run.code,
    findings: run.findings.map(({ ruleId, file, line, severity, message }) => ({ ruleId, file, line, severity, message })),
  };
}

const bump = (text: string | undefined): string => `${text ?? ''}export const CHANGED = true;\n`;

describe('snapshot-without-route-change: route code is what the routes import', () => {
  it('a domain constant a route schema imports through a barrel justifies the snapshot change', async () => {
    const outcome = await checkChange({ 'src/domain/markets.ts': "export const MARKETS = ['SE', 'US', 'BR'] as const;\n", 'contracts/openapi.json': SNAPSHOT_CHANGED });
    expect(outcome).toEqual({ code: 0, findings: [] });
  });

  it('a module beside the barrel that the barrel does not re-export does not', async () => {
    const outcome = await checkChange({ 'src/domain/internal.ts': 'export const CACHE_SIZE = 200;\n', 'contracts/openapi.json': SNAPSHOT_CHANGED });
    expect(outcome.code).toBe(1);
    expect(outcome.findings).toEqual([
      {
        ruleId: 'integrity/snapshot-without-route-change',
        file: 'contracts/openapi.json',
        line: 3,
        severity: 'error',
        message: 'The change edits this contract snapshot but no route code (the files registering routes, src/server/routes.ts, and every module they import), so the snapshot no longer describes what the code serves.',
      },
    ]);
  });

  it('a route schema whose comments alone changed does not justify it; the same file with a code change does', async () => {
    const schema = PROJECT['src/server/schemas.ts'] ?? '';
    const commented = await checkChange({ 'src/server/schemas.ts': `/**\n * Markets may grow; clients should accept any string.\n */\n${schema.replace('as const;', 'as const; // the enum the body validates')}`, 'contracts/openapi.json': SNAPSHOT_CHANGED });
    expect(commented.code).toBe(1);
    expect(commented.findings.map((finding) => `${finding.ruleId} ${finding.severity} ${finding.message}`)).toEqual([
      'integrity/snapshot-without-route-change error The change edits this contract snapshot, and of the code only comments or layout (in src/server/schemas.ts), so the snapshot no longer describes what the code serves.',
    ]);
    const coded = await checkChange({ 'src/server/schemas.ts': schema.replace("{ enum: [...MARKETS] }", "{ enum: [...MARKETS, 'BR'] }"), 'contracts/openapi.json': SNAPSHOT_CHANGED });
    expect(coded).toEqual({ code: 0, findings: [] });
  });

  it('a type a handler imports with `import type` justifies it', async () => {
    const outcome = await checkChange({ 'src/domain/kinds.ts': "export type CardKind = 'track' | 'artist' | 'episode';\n", 'contracts/openapi.json': SNAPSHOT_CHANGED });
    expect(outcome).toEqual({ code: 0, findings: [] });
  });

  it('a module that imports those types, but that no route imports, does not', async () => {
    const outcome = await checkChange({ 'src/clients/catalog.ts': "import type { CardKind } from '../domain/index.js';\n\nexport const catalogKinds: CardKind[] = ['track', 'artist'];\n", 'contracts/openapi.json': SNAPSHOT_CHANGED });
    expect(outcome.findings.map((finding) => `${finding.ruleId} ${finding.file}:${finding.line} ${finding.severity}`)).toEqual(['integrity/snapshot-without-route-change contracts/openapi.json:3 error']);
  });

  it('an unused module or a test helper changed beside the snapshot does not', async () => {
    const unused = await checkChange({ 'src/unused/legacy.ts': 'export const LEGACY_LIMIT = 20;\n', 'contracts/openapi.json': SNAPSHOT_CHANGED });
    expect(unused.findings.map((finding) => finding.ruleId)).toEqual(['integrity/snapshot-without-route-change']);
    const helper = await checkChange({ 'tests/support/requests.ts': "export const request = { market: 'BR' };\n", 'contracts/openapi.json': SNAPSHOT_CHANGED });
    expect(helper.findings.map((finding) => finding.ruleId)).toEqual(['integrity/snapshot-without-route-change']);
  });

  it('a route file changed justifies it, and so does a module only the base imported (a deleted route and its constant)', async () => {
    const route = await checkChange({ 'src/server/routes.ts': bump(PROJECT['src/server/routes.ts']), 'contracts/openapi.json': SNAPSHOT_CHANGED });
    expect(route).toEqual({ code: 0, findings: [] });
    const legacy = {
      'src/server/legacyRoutes.ts': "import type { FastifyInstance } from 'fastify';\nimport { LEGACY_LIMIT } from '../unused/legacy.js';\n\nexport async function legacyRoutes(app: FastifyInstance): Promise<void> {\n  app.get('/v0/cards', async () => ({ limit: LEGACY_LIMIT }));\n}\n",
    };
    const deleted = await checkChange({ 'src/server/legacyRoutes.ts': null, 'src/unused/legacy.ts': null, 'contracts/openapi.json': SNAPSHOT_CHANGED }, legacy);
    expect(deleted).toEqual({ code: 0, findings: [] });
  });

  it('the file mounting the routes under a prefix counts, the clients it imports do not', async () => {
    const app = {
      'src/app.ts': "import Fastify from 'fastify';\nimport { catalogKinds } from './clients/catalog.js';\nimport { cardsRoutes } from './server/routes.js';\n\nexport function buildApp() {\n  const app = Fastify();\n  app.decorate('kinds', catalogKinds);\n  void app.register(cardsRoutes, { prefix: '/api' });\n  return app;\n}\n",
    };
    const prefix = await checkChange({ 'src/app.ts': app['src/app.ts'].replace("'/api'", "'/api/v2'"), 'contracts/openapi.json': SNAPSHOT_CHANGED }, app);
    expect(prefix).toEqual({ code: 0, findings: [] });
    const client = await checkChange({ 'src/clients/catalog.ts': bump(PROJECT['src/clients/catalog.ts']), 'contracts/openapi.json': SNAPSHOT_CHANGED }, app);
    expect(client.findings.map((finding) => finding.ruleId)).toEqual(['integrity/snapshot-without-route-change']);
  });

  it('`integrity.routes` adds route code the imports do not reach', async () => {
    const config = "export default { integrity: { routes: 'src/unused/**' } };\n";
    const outcome = await checkChange({ 'src/unused/legacy.ts': 'export const LEGACY_LIMIT = 20;\n', 'contracts/openapi.json': SNAPSHOT_CHANGED }, {}, config);
    expect(outcome).toEqual({ code: 0, findings: [] });
  });
});

describe('snapshot-without-route-change: when imports cannot tell, the globs decide and the finding says so', () => {
  const WITHOUT_ROUTES = { 'src/server/routes.ts': "export const routes = ['/v1/cards'];\n" };

  it('no route registered anywhere: a source file changed is a warning naming the reason', async () => {
    const outcome = await checkChange({ 'src/unused/legacy.ts': 'export const LEGACY_LIMIT = 20;\n', 'contracts/openapi.json': SNAPSHOT_CHANGED }, WITHOUT_ROUTES);
    expect(outcome.code).toBe(0);
    expect(outcome.findings).toHaveLength(1);
    expect(outcome.findings[0]).toMatchObject({ ruleId: 'integrity/snapshot-without-route-change', severity: 'warning', file: 'contracts/openapi.json' });
    expect(outcome.findings[0]?.message).toContain('could not be told from imports (no source file registers a route)');
    expect(outcome.findings[0]?.message).toContain("src/unused/legacy.ts changed and is route code by the project's source files");
  });

  it('a file the routes import that does not parse, with a change outside the `integrity.routes` globs: an error naming the reason', async () => {
    const config = "export default { integrity: { routes: 'src/server/**' } };\n";
    const broken = { 'src/domain/markets.ts': "export const MARKETS = ['SE', 'US' as const;\n" };
    const outcome = await checkChange({ 'src/unused/legacy.ts': 'export const LEGACY_LIMIT = 20;\n', 'contracts/openapi.json': SNAPSHOT_CHANGED }, broken, config);
    expect(outcome.code).toBe(1);
    expect(outcome.findings).toHaveLength(1);
    expect(outcome.findings[0]?.severity).toBe('error');
    expect(outcome.findings[0]?.message).toMatch(/Route code was told by the `integrity.routes` globs, because imports could not tell: some imports could not be followed: src\/domain\/markets\.ts:1: /);
  });

  it('an import that resolves to nothing is a gap, not a pass', async () => {
    const outcome = await checkChange(
      { 'src/unused/legacy.ts': 'export const LEGACY_LIMIT = 20;\n', 'contracts/openapi.json': SNAPSHOT_CHANGED },
      { 'src/server/handler.ts': `import { LIMITS } from './limits.js';\n${PROJECT['src/server/handler.ts'] ?? ''}export const limits = LIMITS;\n` },
    );
    expect(outcome.findings.map((finding) => finding.severity)).toEqual(['warning']);
    expect(outcome.findings[0]?.message).toMatch(/some imports could not be followed: src\/server\/handler\.ts:1: no file found for '\.\/limits\.js'/);
  });

  it('a tsconfig that cannot be read: a changed route file still counts, any other change is a warning naming the reason', async () => {
    const unreadable = { 'tsconfig.json': '{ "references": [{ "path": "./packages/missing" }] }\n' };
    const route = await checkChange({ 'src/server/routes.ts': bump(PROJECT['src/server/routes.ts']), 'contracts/openapi.json': SNAPSHOT_CHANGED }, unreadable);
    expect(route).toEqual({ code: 0, findings: [] });
    const domain = await checkChange({ 'src/domain/markets.ts': "export const MARKETS = ['SE'] as const;\n", 'contracts/openapi.json': SNAPSHOT_CHANGED }, unreadable);
    expect(domain.findings.map((finding) => finding.severity)).toEqual(['warning']);
    expect(domain.findings[0]?.message).toMatch(/some imports could not be followed: no import could be resolved \(tsconfig not found: .*packages\/missing/);
    expect(domain.findings[0]?.message).not.toContain('npvguard-base-');
  });

  it('nothing but the snapshot and tests changed: an error, whatever the imports', async () => {
    const outcome = await checkChange({ 'tests/support/requests.ts': "export const request = { market: 'BR' };\n", 'contracts/openapi.json': SNAPSHOT_CHANGED }, WITHOUT_ROUTES);
    expect(outcome.findings.map((finding) => `${finding.severity} ${finding.message}`)).toEqual([
      'error The change edits this contract snapshot but no route code, so the snapshot no longer describes what the code serves.',
    ]);
  });
});

describe('routeRoles: which files register routes, add schemas or mount plugins, from their syntax', () => {
  it.each([
    ["app.get('/cards', async () => [])", true],
    ["app.post('/cards', { schema }, handler)", true],
    ['app.get(CARDS_URL, async () => [])', true],
    ["app.route({ method: 'GET', url: '/cards', handler })", true],
    ['fastify.delete(`/cards/${id}`, remove)', true],
    ["headers.get('content-type')", false],
    ['cache.get(key, fallback)', false],
    ["router.route('/cards')", false],
  ])('%s → registers: %s', (call, expected) => {
    expect(routeRoles('src/a.ts', `${call};\n`).registers).toBe(expected);
  });

  it('adding a shared schema, mounting under a prefix and autoloading are told apart', () => {
    expect(routeRoles('src/a.ts', "app.addSchema({ $id: 'Card' });\n")).toEqual({ registers: false, addsSchemas: true, mounts: false });
    expect(routeRoles('src/a.ts', "app.register(cards, { prefix: '/v1' });\n")).toEqual({ registers: false, addsSchemas: false, mounts: true });
    expect(routeRoles('src/a.ts', 'app.register(cors);\n')).toEqual({ registers: false, addsSchemas: false, mounts: false });
    expect(routeRoles('src/a.ts', "import autoload from '@fastify/autoload';\n").mounts).toBe(true);
    expect(routeRoles('src/a.js', "const autoload = require('@fastify/autoload');\n").mounts).toBe(true);
    expect(routeRoles('src/a.ts', "const text = \"app.get('/cards', handler)\";\n").registers).toBe(false);
  });
});
