import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import type * as ts from 'typescript';
import { typescript } from '../../../modules/typescript.js';
import type { CompilerProject, DecoratorAnalysis, DecoratorEdge, DecoratorProvider, DecoratorTarget, UnnamedDecorator } from '../types.js';
import { collectProvisions, collectUses, type CollectedUse, type Provision } from './collect.js';
import { declaredCapabilities, isInFastifyPackage, type DeclaredCapability } from './fastifyTypes.js';
import { packageProviders } from './packageProviders.js';

const CODE_FILE = /\.(?:[cm]?tsx?|[cm]?jsx?)$/;
/** A project wired through fastify: some file imports fastify or one of its plugins, or calls a `decorate*` method. */
const USES_FASTIFY = /(?:from|import|require)\s*\(?\s*['"](?:fastify|@fastify\/[^'"]+|fastify-[^'"]+)['"]|\.decorate(?:Request|Reply)?\s*[<(]/;
const FASTIFY_MODULES = new Set(['fastify', 'fastify-plugin']);
const DECORATES = /\.decorate(?:Request|Reply)?\s*[<(]/;
/** Bare specifiers of imports and requires (`pkg`, `@scope/pkg`, subpaths dropped). */
const PACKAGE_SPECIFIER = /(?:from|import|require)\s*\(?\s*['"]((?:@[\w.-]+\/)?[A-Za-z0-9_][\w.-]*)(?:\/[^'"]*)?['"]/g;
/** A declaration file that adds members to fastify's instance, request or reply. */
const AUGMENTS_FASTIFY = /declare\s+module\s+['"]fastify['"]/;
const augmentsByPackage = new Map<string, boolean>();

/**
 * Whether the source imports a package whose type declarations augment fastify (a plugin that decorates). A
 * package whose declarations cannot be read counts as one that may: the program is then built (fail closed).
 */
function importsAugmentingPackage(root: string, text: string): boolean {
  for (const match of text.matchAll(PACKAGE_SPECIFIER)) {
    const name = match[1] ?? '';
    if (name === 'fastify' || name === 'fastify-plugin' || name.startsWith('node:') || builtinModules.includes(name)) continue;
    const key = `${root}\0${name}`;
    let augments = augmentsByPackage.get(key);
    if (augments === undefined) {
      augments = packageAugmentsFastify(root, name);
      augmentsByPackage.set(key, augments);
    }
    if (augments) return true;
  }
  return false;
}

/** The installed package's manifest, found as Node finds packages: node_modules folders from the root upwards. */
function findManifest(root: string, name: string): string | undefined {
  for (let folder = root; ; folder = path.dirname(folder)) {
    const candidate = path.join(folder, 'node_modules', name, 'package.json');
    if (existsSync(candidate)) return candidate;
    if (path.dirname(folder) === folder) return undefined;
  }
}

function packageAugmentsFastify(root: string, name: string): boolean {
  const manifestPath = findManifest(root, name);
  // Not an installed package (a path alias such as `@/lib`, a missing dependency): it may be anything, so the
  // program is built unless the name is plainly no package.
  if (manifestPath === undefined) return true;
  try {
    const folder = path.dirname(manifestPath);
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { types?: string; typings?: string; dependencies?: Record<string, string>; peerDependencies?: Record<string, string> };
    const dependsOnFastify = ['fastify', 'fastify-plugin'].some((dep) => manifest.dependencies?.[dep] !== undefined || manifest.peerDependencies?.[dep] !== undefined);
    if (!dependsOnFastify && !name.includes('fastify')) return false;
    const typesFile = path.join(folder, manifest.types ?? manifest.typings ?? 'index.d.ts');
    if (!existsSync(typesFile)) return true;
    return AUGMENTS_FASTIFY.test(readFileSync(typesFile, 'utf8'));
  } catch {
    return true;
  }
}

/** Whether the file imports fastify or fastify-plugin in code (a static import or re-export), not in a string or comment. */
function importsFastify(sourceFile: ts.SourceFile): boolean {
  return sourceFile.statements.some((statement) => {
    const specifier = typescript.isImportDeclaration(statement) || typescript.isExportDeclaration(statement) ? statement.moduleSpecifier : undefined;
    return specifier !== undefined && typescript.isStringLiteral(specifier) && FASTIFY_MODULES.has(specifier.text);
  });
}

/**
 * The capabilities files provide to each other through fastify decorators, and who provides each one a file uses.
 * Needs the type checker (a receiver is judged by its type), so it builds one program per tsconfig project over
 * the analysed files. Nothing is built when no file imports fastify or a fastify plugin, or calls `decorate*`.
 */
export function analyzeDecorators(
  root: string,
  files: readonly string[],
  projectOf: (file: string) => CompilerProject,
  readText: (file: string) => string | undefined,
): DecoratorAnalysis {
  const absolute = (file: string): string => path.posix.join(root, file);
  const code = files.filter((file) => CODE_FILE.test(file) && !/\.d\.[cm]?ts$/.test(file));
  // Uses may sit in files that import nothing from fastify (a service typed by a local alias), so once one file
  // does, every file is looked at.
  if (!code.some((file) => USES_FASTIFY.test(readText(file) ?? ''))) return { edges: [], unnamed: [], untyped: [] };
  // With no `decorate*` call and no augmentation of fastify's types in the project, and no imported package that adds capabilities to fastify's types,
  // there is nothing a file could use through the instance but fastify's own members: no program to build.
  const augmentsOrDecorates = (text: string): boolean => DECORATES.test(text) || AUGMENTS_FASTIFY.test(text);
  if (!files.some((file) => augmentsOrDecorates(readText(file) ?? '')) && !code.some((file) => importsAugmentingPackage(root, readText(file) ?? ''))) {
    return { edges: [], unnamed: [], untyped: [] };
  }

  // The program takes every file of the project (declarations included, for augmentations); the walks take the code files.
  const byProject = new Map<CompilerProject, string[]>();
  for (const file of files.filter((entry) => CODE_FILE.test(entry))) {
    const project = projectOf(file);
    const list = byProject.get(project);
    if (list === undefined) byProject.set(project, [file]);
    else list.push(file);
  }
  const walked = new Set(code);
  const programs = [...byProject].map(([project, projectFiles]) => {
    // JavaScript sources too: their JSDoc types can name the fastify instance.
    const options: ts.CompilerOptions = { ...project.options, noEmit: true, skipLibCheck: true, allowJs: true, checkJs: false };
    const program = typescript.createProgram({ rootNames: projectFiles.map((file) => absolute(file)), options, host: typescript.createCompilerHost(options, true) });
    return { program, checker: program.getTypeChecker(), files: projectFiles.filter((file) => walked.has(file)) };
  });

  const provisions: Provision[] = [];
  const unnamed: UnnamedDecorator[] = [];
  const untyped: string[] = [];
  const declared: DeclaredCapability[] = [];
  for (const { program, checker, files: projectFiles } of programs) {
    const capabilities = declaredCapabilities(program, checker);
    const typed = hasFastifyTypes(program);
    declared.push(...capabilities);
    for (const file of projectFiles) {
      const sourceFile = program.getSourceFile(absolute(file));
      if (sourceFile === undefined) continue;
      if (!typed && importsFastify(sourceFile)) untyped.push(file);
      const found = collectProvisions(sourceFile, file, checker);
      provisions.push(...found.provisions);
      unnamed.push(...found.unnamed);
    }
  }

  const names = new Set([...provisions.map((provision) => provision.name), ...declared.map((capability) => capability.name)]);
  const providerFiles = new Map<string, Set<string>>();
  for (const provision of provisions) {
    const key = capabilityKey(provision.target, provision.name);
    const set = providerFiles.get(key) ?? new Set<string>();
    set.add(provision.file);
    providerFiles.set(key, set);
  }

  const edges: DecoratorEdge[] = [];
  const relative = (fileName: string): string => path.posix.relative(root, fileName.replace(/\\/g, '/'));
  for (const { program, checker, files: projectFiles } of programs) {
    for (const file of projectFiles) {
      const sourceFile = program.getSourceFile(absolute(file));
      if (sourceFile === undefined) continue;
      const uses = collectUses(sourceFile, file, checker, names);
      for (const group of groupUses(uses)) {
        const [first] = group;
        if (first === undefined) continue;
        const own = providerFiles.get(capabilityKey(first.target, first.name));
        if (own?.has(file) === true) continue;
        const providers: DecoratorProvider[] =
          own === undefined
            ? packageProviders(checker.getPropertyOfType(checker.getApparentType(first.receiver), first.name) ?? propertyOf(declared, first), first.name, checker, relative)
            : [...own].sort().map((providerFile) => ({ type: 'file', file: providerFile }));
        const { receiver: _receiver, ...use } = first;
        edges.push({ use, otherLines: [...new Set(group.slice(1).map((other) => other.line))].filter((line) => line !== first.line), providers });
      }
    }
  }
  return { edges, unnamed, untyped, programBuilt: true };
}

function capabilityKey(target: DecoratorTarget, name: string): string {
  return `${target}\0${name}`;
}

/** A file's uses per capability, in source order. */
function groupUses(uses: readonly CollectedUse[]): CollectedUse[][] {
  const groups = new Map<string, CollectedUse[]>();
  for (const use of [...uses].sort((left, right) => left.line - right.line || left.column - right.column)) {
    const key = capabilityKey(use.target, use.name);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [use]);
    else group.push(use);
  }
  return [...groups.values()];
}

function propertyOf(declared: readonly DeclaredCapability[], use: CollectedUse): ts.Symbol | undefined {
  return declared.find((capability) => capability.target === use.target && capability.name === use.name)?.symbol;
}

function hasFastifyTypes(program: ts.Program): boolean {
  return program.getSourceFiles().some((file) => isInFastifyPackage(file.fileName));
}
