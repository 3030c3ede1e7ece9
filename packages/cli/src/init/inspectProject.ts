import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { NpvError } from '@npvguard/core';
import { walkFiles } from '../load/listFiles.js';
import { discoverApp, openProject, type AppCandidate, type ListenSetup, type StaticRoute } from './findApp.js';
import { findStaticRoutes } from '../checks/latency/analyze.js';
import type { Project } from 'ts-morph';

/** The factory module init writes when the app is a plugin: it builds the instance as the entry does, without listening. */
export const FACTORY_MODULE = 'npvguard.app.ts';
export const FACTORY_EXPORT = 'buildApp';

/** How contracts and latency will build the app, and why that one. */
export interface AppChoice {
  /** `contracts.app`: `./<file>#<export>`. */
  reference: string;
  /** The candidate it comes from. */
  candidate: AppCandidate;
  /** When the app is a plugin, the factory module to write (root-relative file and its text). */
  factory?: { file: string; content: string };
}

/** What init learns from a project before writing anything. */
export interface ProjectShape {
  root: string;
  /** Layer name → globs (root-relative): one per folder under src/, `entry` for files directly in src/. */
  layers: Record<string, string[]>;
  /** The app contracts and latency use, when one was found that can be built without listening. */
  app?: AppChoice;
  /** Every way of building the app that was found, best first. */
  appCandidates: AppCandidate[];
  /** Why no app was chosen, when none was. */
  noAppReason?: string;
  /** Routes found in the sources (autoload folder prefixes applied). */
  routes: StaticRoute[];
  /** Root-relative sources of src/ (no tests, no declarations). */
  sources: string[];
  /** `boundaries.ignore`: the test files among the sources, when there are some. */
  testIgnore?: string[];
  tsconfig?: string;
  eslintConfig?: string;
  /** package.json says "type": "module". */
  esm: boolean;
  /** The project can load ESLint (a dependency, or installed where it resolves from the root). */
  hasEslint: boolean;
  /** A ts-morph project over the sources, reused for the import graph. */
  project: Project;
}

const SOURCE = /\.(ts|tsx|mts|cts)$/;
const TEST = /\.(test|spec)\.[cm]?tsx?$/;
/** Test files: `*.test.ts`, `*.spec.ts`, anything in a `__tests__/` folder. */
const TEST_FILE = /(\.(test|spec)\.[cm]?tsx?$)|(^|\/)__tests__\//;
const TS_EXTENSIONS = '{ts,tsx,mts,cts}';
export const ESLINT_CONFIGS = ['eslint.config.js', 'eslint.config.mjs', 'eslint.config.cjs', 'eslint.config.ts', 'eslint.config.mts'];
/** Root files that configure tools, never the app. */
const TOOL_FILES = /^(npvguard|eslint|vitest|vite|jest|tsup|prettier)\.config\.|^npvguard\.app\./;

/** Whether a package resolves from the project root the way Node would find it (node_modules up the tree). */
export function resolvesFrom(root: string, name: string): boolean {
  for (let dir = root; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'node_modules', name, 'package.json'))) return true;
    if (path.dirname(dir) === dir) return false;
  }
}

export function readPackageJson(root: string): { type?: string; dependencies?: Record<string, string>; devDependencies?: Record<string, string>; imports?: unknown } {
  try {
    return JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as ReturnType<typeof readPackageJson>;
  } catch (error) {
    throw new NpvError('NPV2404', `${path.join(root, 'package.json')} could not be read as JSON: ${(error as Error).message}`, { root });
  }
}

function moduleSpecifier(fromFile: string, target: string, extension: string): string {
  const withoutExtension = target.replace(/\.[cm]?tsx?$/, '');
  const spec = path.posix.relative(path.posix.dirname(fromFile), withoutExtension);
  return `${spec.startsWith('.') ? spec : `./${spec}`}${extension}`;
}

/** The factory module for an app that is a plugin: `fastify()` with the entry's literal options, the plugin registered, no listen. */
function factoryModule(candidate: AppCandidate, extension: string): string {
  const registration = candidate.registration;
  const wrapped = registration?.wrapped === true;
  const local = candidate.exportName === 'default' || candidate.exportName === undefined ? 'app' : candidate.exportName;
  const importLine = candidate.exportName === 'default' || candidate.exportName === undefined
    ? `import app from '${moduleSpecifier(FACTORY_MODULE, candidate.file, extension)}';`
    : `import { ${candidate.exportName} } from '${moduleSpecifier(FACTORY_MODULE, candidate.file, extension)}';`;
  const serverOptions = registration?.serverOptions ?? [];
  const pluginOptions = registration?.pluginOptions ?? [];
  const how = registration === undefined ? `the plugin ${candidate.file} registered on a new instance` : `as ${registration.file} does: ${candidate.file} registered on a new instance`;
  return `// Written by \`npvguard init\`: builds the app ${how}, and returns it without
// listening, for \`npvguard check\` (contracts, latency). \`contracts.appOptions\` is passed to the plugin as its options.
// An app whose routes need a database: give it fakes here (docs/checks/contracts.md, "Apps that need a database").
import fastify from 'fastify';
${wrapped ? "import fp from 'fastify-plugin';\n" : ''}${importLine}

export function ${FACTORY_EXPORT}(options: Record<string, unknown> = {}) {
  const instance = fastify(${serverOptions.length === 0 ? '' : `{\n    ${serverOptions.join(',\n    ')},\n  }`});
  instance.register(${wrapped ? `fp(${local})` : local}, { ${pluginOptions.length === 0 ? '' : `${pluginOptions.join(', ')}, `}...options });
  return instance;
}
`;
}

/** The factory module for an entry that builds the app and listens: the same creation and setup calls, returned unstarted. */
function listenFactoryModule(candidate: AppCandidate, setup: Extract<ListenSetup, { reproducible: true }>): string {
  const entryDir = path.posix.dirname(candidate.file);
  const imports = setup.imports.map(({ text, specifier }) => {
    if (!specifier.startsWith('.')) return text;
    const rewritten = path.posix.normalize(path.posix.join(entryDir, specifier));
    const relativeSpecifier = rewritten.startsWith('.') ? rewritten : `./${rewritten}`;
    return text.replace(/(['"])[^'"]*\1(\s*(?:with|assert)\s*\{[^}]*\})?(\s*;?)\s*$/, (_match, quote: string, attributes: string | undefined, end: string) => `${quote}${relativeSpecifier}${quote}${attributes ?? ''}${end}`);
  });
  const body = setup.statements.map((statement) => statement.split('\n').map((line) => (line === '' ? line : `  ${line}`)).join('\n'));
  return `// Written by \`npvguard init\`: builds the app as ${candidate.file} does (lines ${setup.firstLine}–${setup.lastLine}: the
// instance and the calls on it before listen), and returns it without listening, for \`npvguard check\` (contracts,
// latency). When that setup changes, change this module the same way (or run \`npvguard init --force\`).
// An app whose routes need a database: give it fakes here (docs/checks/contracts.md, "Apps that need a database").
${imports.join('\n')}

export function ${FACTORY_EXPORT}() {
  const ${setup.variable} = ${setup.creation};
${body.join('\n')}
  return ${setup.variable};
}
`;
}

/**
 * The factory module for an exported function that builds the app and listens (`startServer({ port })`): it runs
 * the function and takes the app when it would listen, with `appBuiltBy` (it never listens). Parameters it
 * destructures get an empty object, others undefined: only listening used them.
 */
function captureFactoryModule(candidate: AppCandidate, capture: NonNullable<AppCandidate['capture']>, extension: string): string {
  const name = capture.exportName === 'default' ? 'start' : capture.exportName;
  const importLine = capture.exportName === 'default'
    ? `import start from '${moduleSpecifier(FACTORY_MODULE, candidate.file, extension)}';`
    : `import { ${capture.exportName} } from '${moduleSpecifier(FACTORY_MODULE, candidate.file, extension)}';`;
  const args = capture.parameters.map((kind, index) => `${kind === 'object' ? '{}' : 'undefined'} as unknown as Parameters<typeof ${name}>[${index}]`);
  return `// Written by \`npvguard init\`: the app ${candidate.file}#${capture.exportName} builds, taken at the moment it would
// listen: ${name} runs as it is, its \`listen\` never starts a server, and what it does after listening does not run.
// For \`npvguard check\` (contracts, latency). Arguments it destructures get an empty object, others undefined.
// An app whose routes need a database: give it fakes here (docs/checks/contracts.md, "Apps that need a database").
import { appBuiltBy } from 'npvguard/app';
${importLine}

export function ${FACTORY_EXPORT}() {
  return appBuiltBy(() => ${name}(${args.join(', ')}));
}
`;
}

function chooseApp(candidates: readonly AppCandidate[], extension: string): { app?: AppChoice; reason?: string } {
  // The best ranked that can be built without listening: a factory or a plugin (never one a test runner must load),
  // an entry whose setup a factory module can repeat, or an exported function that listens, run with listen held.
  const usable = candidates.find((candidate) => (candidate.kind === 'listen-entry' ? candidate.setup?.reproducible === true || candidate.capture !== undefined : candidate.testFramework === undefined && candidate.part !== true));
  if (usable?.kind === 'listen-entry' && usable.setup?.reproducible === true) {
    return { app: { reference: `./${FACTORY_MODULE}#${FACTORY_EXPORT}`, candidate: usable, factory: { file: FACTORY_MODULE, content: listenFactoryModule(usable, usable.setup) } } };
  }
  if (usable?.kind === 'listen-entry' && usable.capture !== undefined) {
    return { app: { reference: `./${FACTORY_MODULE}#${FACTORY_EXPORT}`, candidate: usable, factory: { file: FACTORY_MODULE, content: captureFactoryModule(usable, usable.capture, extension) } } };
  }
  if ((usable?.kind === 'factory' || usable?.kind === 'async-factory') && usable.exportName !== undefined) return { app: { reference: `./${usable.file}#${usable.exportName}`, candidate: usable } };
  if (usable?.kind === 'plugin') {
    return { app: { reference: `./${FACTORY_MODULE}#${FACTORY_EXPORT}`, candidate: usable, factory: { file: FACTORY_MODULE, content: factoryModule(usable, extension) } } };
  }
  const best = candidates.find((candidate) => candidate.kind === 'listen-entry');
  if (best !== undefined) {
    const testSupport = candidates.find((candidate) => candidate.testFramework !== undefined);
    const why = `${best.setup?.reproducible === false ? ` (${best.setup.reason})` : ''}${testSupport === undefined ? '' : `; ${testSupport.exportName ?? 'the factory'} in ${testSupport.file} returns an instance, but its module imports ${testSupport.testFramework}, which runs only under the test runner`}`;
    return { reason: `${best.file} builds the app and calls listen, with nothing exported to reuse, and its setup cannot be repeated without running it${why}. Move the building into an exported function that returns the instance without listening` };
  }
  return { reason: 'no exported function returning a fastify() instance and no exported fastify plugin was found. Export a function that builds the app and returns it without listening' };
}

/**
 * `boundaries.ignore` for the test files among the sources (`*.spec.ts`, `*.test.ts`, `__tests__/`): tests exercise
 * every layer and import test support from outside src/, so judging them by the service's layers only reports
 * noise. One glob per form, under src/, so deleting tests never leaves a glob of the config without a file.
 */
function testIgnore(files: readonly string[]): string[] {
  const globs: string[] = [];
  const inSource = files.filter((file) => file.startsWith('src/'));
  if (inSource.some((file) => TEST.test(file))) globs.push(`src/**/*.{spec,test}.${TS_EXTENSIONS}`);
  if (inSource.some((file) => file.includes('/__tests__/'))) globs.push('src/**/__tests__/**');
  return globs;
}

/**
 * The routes to propose budgets for, found as the latency check finds them (the same keys, so a budget init writes
 * names a route the check knows); init's own search when the latency analysis cannot open the project.
 */
function latencyRoutes(root: string, sources: readonly string[], fallback: StaticRoute[]): StaticRoute[] {
  if (!existsSync(path.join(root, 'tsconfig.json'))) return fallback;
  try {
    const seen = new Set<string>();
    return findStaticRoutes(root, sources)
      .filter((route) => !seen.has(route.key) && seen.add(route.key))
      .map(({ method, url, file, line }) => ({ method, url, file, line }));
  } catch {
    return fallback;
  }
}

export function inspectProject(root: string): ProjectShape {
  if (!existsSync(path.join(root, 'package.json'))) {
    throw new NpvError('NPV2404', `${root} has no package.json: run npvguard init in the service's folder.`, { root });
  }
  const walked = walkFiles(root).filter((file) => SOURCE.test(file) && !/\.d\.[cm]?ts$/.test(file));
  const all = walked.filter((file) => !TEST.test(file));
  const sources = all.filter((file) => file.startsWith('src/') && !TEST_FILE.test(file)).sort();
  if (sources.length === 0) {
    throw new NpvError('NPV2404', `${root} has no TypeScript sources under src/: npvguard init describes the layers of src/.`, { root });
  }
  const folderLayers: Record<string, string[]> = {};
  for (const file of sources) {
    const parts = file.split('/');
    if (parts.length === 2) (folderLayers.entry ??= []).push(file);
    else if (parts[1] !== undefined && folderLayers[parts[1]] === undefined) folderLayers[parts[1]] = [`src/${parts[1]}/**`];
  }
  const layers = folderLayers;
  const ignoredTests = testIgnore(walked);
  // The app can be built at the top (server.ts), in src/ or in a test helper (test/helper.ts).
  const scanned = [...sources, ...all.filter((file) => (!file.includes('/') && !TOOL_FILES.test(file)) || /^(test|tests|__tests__)\/.*helper/i.test(file))].sort();
  const project = openProject(root, scanned);
  const discovery = discoverApp(root, scanned, project);
  const { app, reason } = chooseApp(discovery.candidates, discovery.importExtension);
  const packageJson = readPackageJson(root);
  const shape: ProjectShape = {
    root,
    layers,
    appCandidates: discovery.candidates,
    routes: latencyRoutes(root, sources, discovery.routes),
    sources,
    esm: packageJson.type === 'module',
    hasEslint: packageJson.devDependencies?.eslint !== undefined || packageJson.dependencies?.eslint !== undefined,
    project,
  };
  if (ignoredTests.length > 0) shape.testIgnore = ignoredTests;
  if (app !== undefined) shape.app = app;
  if (reason !== undefined) shape.noAppReason = reason;
  if (statSync(path.join(root, 'tsconfig.json'), { throwIfNoEntry: false })?.isFile() === true) shape.tsconfig = 'tsconfig.json';
  const eslintConfig = ESLINT_CONFIGS.find((name) => existsSync(path.join(root, name)));
  if (eslintConfig !== undefined) shape.eslintConfig = eslintConfig;
  return shape;
}
