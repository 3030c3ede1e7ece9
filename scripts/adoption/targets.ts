/**
 * The real open-source fastify services the adoption trial runs on, and the changes it plants in each.
 *
 * Nothing of the services' code is kept here: a target is a repository and a commit (extract it yourself, see
 * docs/adoption.md), and every planted change is a short edit at an anchor — a few characters of the target's file
 * that locate the edit — plus the line or two an engineer (or an agent) would type there.
 */

/** One edit of one file of the target, relative to the service folder (or, for `root: true`, the repository top). */
export type Edit =
  | {
      kind: 'insert-before' | 'insert-after' | 'replace';
      file: string;
      /** A short string of the file; the edit happens at its `occurrence`-th appearance (1 by default). */
      anchor: string;
      occurrence?: number;
      text: string;
      root?: boolean;
    }
  | { kind: 'prepend'; file: string; text: string; root?: boolean }
  | { kind: 'create'; file: string; text: string; root?: boolean }
  | { kind: 'delete'; file: string; root?: boolean };

/** The six kinds of bad change the acceptance asks for. */
export type ChangeKind = 'decorator-bypass' | 'breaking-response' | 'untimed-call' | 'eslint-disable' | 'deleted-test' | 'loosened-budget';

export interface PlantedChange {
  kind: ChangeKind;
  /** What the change does, in the service's own terms. */
  title: string;
  edits: Edit[];
  /** Rule ids (or `check/` prefixes) that name this failure; another new error still fails the run, and the table says which. */
  expect: string[];
}

export interface Target {
  /** Short name; also the folder name under the targets directory. */
  name: string;
  repo: string;
  /** The commit extracted (`git archive <commit>`). */
  commit: string;
  /** What makes this service a different shape from the others. */
  shape: string;
  /** The service's folder inside the repository (a workspace of a monorepo), '.' for a single package. */
  serviceDir: string;
  /**
   * Changes made before the first commit so that `npm install` can read the repository at all, each with its reason
   * (the table lists them: they are deviations from "as cloned").
   */
  prepare?: {
    rewriteWorkspaceProtocol?: { files: string[]; reason: string };
    /** Dependencies removed from these package.json files before installing. */
    dropDependencies?: { names: string[]; files: string[]; reason: string };
  };
  /** Steps after `npm install` that the service needs to be analysable and that work offline (generated clients, a workspace package's build): a local bin and its arguments, run in `dir`. */
  postInstall?: { dir: string; bin: string; args: string[]; reason: string }[];
  /** What the engineer adds after `npvguard init`, as init's notes and the docs ask: budgets for the service's routes. */
  setup: {
    /** "METHOD /path" → p99 in ms, one per route the service serves (its own routes, not those of third-party plugins). */
    budgets: Record<string, number>;
    /** Edits the engineer makes by hand after init (the ESLint entry init prints for an existing config). */
    edits?: Edit[];
  };
  changes: PlantedChange[];
}

/** The anchor the loosened-budget change edits: setup writes every budget in this form. */
export const BUDGET_ANCHOR = (ms: number): string => `p99Ms: ${ms} }`;

/** The ESLint entry init tells a project with its own flat config to add, for a config exporting an array. */
const ESLINT_ENTRY_IN_ARRAY: Edit[] = [
  { kind: 'prepend', file: 'eslint.config.js', text: "import npvguard from 'eslint-plugin-npvguard'\n" },
  {
    kind: 'insert-after',
    file: 'eslint.config.js',
    anchor: 'export default [',
    text: "\n  { ...npvguard.configs.recommended, files: ['src/**/*.ts'] },",
  },
];

export const TARGETS: Target[] = [
  {
    name: 'fastify-demo',
    repo: 'fastify/demo',
    commit: '1f50cc1dc6c22c27da937eb96a0ce048ebab23a9',
    shape:
      'official demo: @fastify/autoload routes and plugins, repositories injected as decorators, TypeBox, knex/MySQL, ' +
      'ESLint 9 (neostandard), node:test',
    serviceDir: '.',
    setup: {
      budgets: {
        'GET /': 1000,
        'GET /api': 1000,
        'POST /api/auth/login': 1000,
        'PUT /api/users/update-password': 1000,
        'GET /api/tasks': 1000,
        'GET /api/tasks/:id': 1000,
        'POST /api/tasks': 1000,
        'PATCH /api/tasks/:id': 1000,
        'DELETE /api/tasks/:id': 1000,
        'POST /api/tasks/:id/assign': 1000,
        'POST /api/tasks/:id/upload': 1000,
        'GET /api/tasks/:filename/image': 1000,
        'DELETE /api/tasks/:filename/image': 1000,
        'GET /api/tasks/download/csv': 1000,
      },
      edits: ESLINT_ENTRY_IN_ARRAY,
    },
    changes: [
      {
        kind: 'decorator-bypass',
        title: 'GET /api/tasks/:id queries fastify.knex directly instead of the tasks repository',
        edits: [
          {
            kind: 'replace',
            file: 'src/routes/api/tasks/index.ts',
            anchor: 'await tasksRepository.findById(id)',
            text: "await fastify.knex('tasks').where({ id }).first()",
          },
        ],
        expect: ['boundaries/'],
      },
      {
        kind: 'breaking-response',
        title: 'the task response renames `name` to `title`',
        edits: [{ kind: 'replace', file: 'src/schemas/tasks.ts', anchor: 'name: StringSchema,', occurrence: 1, text: 'title: StringSchema,' }],
        expect: ['contracts/response-property-removed', 'contracts/'],
      },
      {
        kind: 'untimed-call',
        title: 'GET /api/tasks/:id awaits a fetch with no signal',
        edits: [
          {
            kind: 'insert-after',
            file: 'src/routes/api/tasks/index.ts',
            anchor: 'const { id } = request.params',
            text: "\n      await fetch(`https://audit.example.com/tasks/${id}`)",
          },
        ],
        expect: ['latency/missing-timeout', 'latency/', 'lint/npvguard/require-timeout', 'lint/'],
      },
      {
        kind: 'eslint-disable',
        title: 'an eslint-disable comment in the tasks routes',
        edits: [
          {
            kind: 'insert-before',
            file: 'src/routes/api/tasks/index.ts',
            anchor: 'const plugin: FastifyPluginAsyncTypebox',
            text: '// eslint-disable-next-line @typescript-eslint/no-unused-vars\n',
          },
        ],
        expect: ['integrity/eslint-disable'],
      },
      {
        kind: 'deleted-test',
        title: 'the tasks route tests are deleted',
        edits: [{ kind: 'delete', file: 'test/routes/api/tasks/tasks.test.ts' }],
        expect: ['integrity/deleted-test-file'],
      },
      {
        kind: 'loosened-budget',
        title: 'one route budget (the 200 ms init wrote) raised to 5000 ms',
        edits: [{ kind: 'replace', file: 'npvguard.config.ts', anchor: BUDGET_ANCHOR(200), text: BUDGET_ANCHOR(5000) }],
        expect: ['integrity/npvguard-config-loosened'],
      },
    ],
  },
  {
    name: 'nlw-pocket-js-node',
    repo: 'rocketseat-education/nlw-pocket-js-node',
    commit: '1a4f355a93578987e7ee3ec004af3643fc7522f8',
    shape:
      'fastify-type-provider-zod, drizzle/postgres, GitHub OAuth over fetch, @fastify/jwt, swagger; no ESLint (Biome), ' +
      'vitest 2, app built at module top level (no factory), CommonJS tsconfig (node16)',
    serviceDir: '.',
    setup: {
      budgets: {
        'POST /goals': 1000,
        'POST /completions': 1000,
        'GET /pending-goals': 1000,
        'GET /summary': 1000,
        'POST /auth/github': 1000,
        'GET /profile': 1000,
        'GET /profile/gamification': 1000,
      },
    },
    changes: [
      {
        kind: 'decorator-bypass',
        title: 'the server decorates the app with the drizzle client and GET /pending-goals queries it directly',
        edits: [
          { kind: 'prepend', file: 'src/http/server.ts', text: "import { db } from '../db'\n" },
          {
            kind: 'insert-after',
            file: 'src/http/server.ts',
            anchor: '.withTypeProvider<ZodTypeProvider>()',
            text: "\napp.decorate('db', db)",
          },
          {
            kind: 'insert-before',
            file: 'src/http/routes/get-pending-goals.ts',
            anchor: 'return { pendingGoals }',
            text: 'const allGoals = await app.db.query.goals.findMany()\n      request.log.info({ goals: allGoals.length })\n      ',
          },
        ],
        expect: ['boundaries/'],
      },
      {
        kind: 'breaking-response',
        title: 'GET /pending-goals renames `desiredWeeklyFrequency` to `weeklyFrequency` in its response',
        edits: [
          {
            kind: 'replace',
            file: 'src/http/routes/get-pending-goals.ts',
            anchor: 'desiredWeeklyFrequency: z.number(),',
            text: 'weeklyFrequency: z.number(),',
          },
        ],
        expect: ['contracts/response-property-removed', 'contracts/'],
      },
      {
        kind: 'untimed-call',
        title: 'GET /pending-goals awaits a fetch to the GitHub API with no signal',
        edits: [
          {
            kind: 'insert-before',
            file: 'src/http/routes/get-pending-goals.ts',
            anchor: 'return { pendingGoals }',
            text: "await fetch('https://api.github.com/rate_limit')\n      ",
          },
        ],
        expect: ['latency/missing-timeout', 'latency/', 'lint/npvguard/require-timeout', 'lint/'],
      },
      {
        kind: 'eslint-disable',
        title: 'an eslint-disable comment on the server start log',
        edits: [
          {
            kind: 'insert-before',
            file: 'src/http/server.ts',
            anchor: "console.log('HTTP server running!')",
            text: '// eslint-disable-next-line no-console\n    ',
          },
        ],
        expect: ['integrity/eslint-disable'],
      },
      {
        kind: 'deleted-test',
        title: 'the create-goal tests are deleted',
        edits: [{ kind: 'delete', file: 'src/functions/create-goal.spec.ts' }],
        expect: ['integrity/deleted-test-file'],
      },
      {
        kind: 'loosened-budget',
        title: 'one route budget (the 200 ms init wrote) raised to 5000 ms',
        edits: [{ kind: 'replace', file: 'npvguard.config.ts', anchor: BUDGET_ANCHOR(200), text: BUDGET_ANCHOR(5000) }],
        expect: ['integrity/npvguard-config-loosened'],
      },
    ],
  },
  {
    name: 'fastify-turbo-monorepo',
    repo: 'theogravity/fastify-starter-turbo-monorepo',
    commit: 'cb1677da30b3525dddf73a22c60cd116b8bb2607',
    shape:
      'workspace monorepo (apps/backend + packages/*), TypeBox with $ref schemas, @fastify/swagger, kysely/pg ' +
      'repositories and services reached through a request decorator (request.ctx), tsconfig paths (@/*), vitest 4, ' +
      'no ESLint (Biome)',
    serviceDir: 'apps/backend',
    prepare: {
      rewriteWorkspaceProtocol: {
        files: ['package.json', 'apps/backend/package.json', 'packages/backend-client/package.json', 'packages/backend-errors/package.json'],
        reason: 'the repository is managed with bun; npm cannot read the `workspace:*` protocol, so it becomes `*` (same packages, npm workspaces)',
      },
      dropDependencies: {
        names: ['hash-runner'],
        files: ['packages/backend-client/package.json', 'packages/backend-errors/package.json'],
        reason: 'hash-runner (a build cache for the shared packages, not used by the service) is not on the registry this machine reaches',
      },
    },
    postInstall: [
      {
        dir: 'packages/backend-errors',
        bin: 'tsdown',
        args: [],
        reason: 'the service imports @internal/backend-errors, whose package entry is its build output (dist/)',
      },
    ],
    setup: {
      budgets: {
        'GET /': 1000,
        'POST /users/email': 1000,
      },
    },
    changes: [
      {
        kind: 'decorator-bypass',
        title: 'the context plugin hangs the kysely db on the request and POST /users/email queries it, skipping the users service',
        edits: [
          { kind: 'insert-after', file: 'src/plugins/context.plugin.ts', anchor: 'userId: string;', text: '\n    db: typeof db;' },
          {
            kind: 'insert-before',
            file: 'src/plugins/context.plugin.ts',
            anchor: 'request.ctx = new ApiContext({',
            text: 'request.db = db;\n    ',
          },
          {
            kind: 'insert-before',
            file: 'src/api/users/create-email-user.route.ts',
            anchor: 'const user = await request.ctx.services.users.createEMailUser({',
            text: 'const taken = await request.db.selectFrom("users").select("id").executeTakeFirst();\n  request.log.info(`taken: ${Boolean(taken)}`);\n  ',
          },
        ],
        expect: ['boundaries/'],
      },
      {
        kind: 'breaking-response',
        title: 'the User schema renames `givenName` to `firstName`',
        edits: [{ kind: 'replace', file: 'src/api-lib/types/user.type.ts', anchor: 'givenName: Type.String({', text: 'firstName: Type.String({' }],
        expect: ['contracts/response-property-removed', 'contracts/'],
      },
      {
        kind: 'untimed-call',
        title: 'POST /users/email awaits a fetch with no signal before answering',
        edits: [
          {
            kind: 'insert-before',
            file: 'src/api/users/create-email-user.route.ts',
            anchor: 'reply.send(response);',
            text: 'await fetch("https://hooks.example.com/user-created", { method: "POST", body: JSON.stringify(response) });\n  ',
          },
        ],
        expect: ['latency/missing-timeout', 'latency/', 'lint/npvguard/require-timeout', 'lint/'],
      },
      {
        kind: 'eslint-disable',
        title: 'an eslint-disable comment in the users route',
        edits: [
          {
            kind: 'insert-before',
            file: 'src/api/users/create-email-user.route.ts',
            anchor: 'request.log.info(`Creating e-mail user',
            text: '// eslint-disable-next-line no-console\n  ',
          },
        ],
        expect: ['integrity/eslint-disable'],
      },
      {
        kind: 'deleted-test',
        title: 'the users route test is deleted',
        edits: [{ kind: 'delete', file: 'src/api/users/__tests__/create-email-user.route.test.ts' }],
        expect: ['integrity/deleted-test-file'],
      },
      {
        kind: 'loosened-budget',
        title: 'one route budget (the 200 ms init wrote) raised to 5000 ms',
        edits: [{ kind: 'replace', file: 'npvguard.config.ts', anchor: BUDGET_ANCHOR(200), text: BUDGET_ANCHOR(5000) }],
        expect: ['integrity/npvguard-config-loosened'],
      },
    ],
  },
];
