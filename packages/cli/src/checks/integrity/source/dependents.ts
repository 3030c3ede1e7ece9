import { readdirSync } from 'node:fs';
import path from 'node:path';
import type * as ts from 'typescript';
import type { ChangedFile } from '@npvguard/core';
import { candidateFiles, type ModuleSources } from '../../../modules/constantValue/index.js';
import type { IntegrityInput } from '../types.js';
import { typescript } from '../../../modules/typescript.js';
import { parseSource, SOURCE_FILE } from './parseSource.js';

/** Folders never holding the project's tests. */
const SKIPPED = new Set(['node_modules', 'dist', 'coverage']);

const listed = new WeakMap<IntegrityInput, string[]>();
/** Texts of head files read for reachability, shared by the rules of one run. */
const headTexts = new WeakMap<IntegrityInput, Map<string, string | undefined>>();

/** Test files under the project root (root-relative POSIX paths), without dependencies, builds and hidden folders. */
function testFilesOnDisk(input: IntegrityInput): string[] {
  const known = listed.get(input);
  if (known !== undefined) return known;
  const found = walkTestFiles(input.root, input.isTest);
  listed.set(input, found);
  return found;
}

function walkTestFiles(root: string, isTest: (file: string) => boolean): string[] {
  const found: string[] = [];
  const pending = [''];
  while (pending.length > 0) {
    const folder = pending.pop() ?? '';
    for (const entry of readdirSync(path.join(root, folder), { withFileTypes: true })) {
      const relative = folder === '' ? entry.name : `${folder}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIPPED.has(entry.name) && !entry.name.startsWith('.')) pending.push(relative);
      } else if (entry.isFile() && SOURCE_FILE.test(relative) && isTest(relative)) {
        found.push(relative);
      }
    }
  }
  return found.sort();
}

/** An unchanged file, in the shape of a changed one: same path on both sides, no line added or removed. */
function unchanged(file: string): ChangedFile {
  return { status: 'modified', oldPath: file, newPath: file, binary: false, added: new Set(), removed: new Set() };
}

/** Relative module specifiers of static imports, re-exports and dynamic imports, read from the text alone. */
const RELATIVE_IMPORT = /(?:\bfrom|\bimport)\s*\(?\s*['"](\.\.?\/[^'"]+)['"]/g;
/** How many files the reachability scan reads before it gives up and lets the file be parsed. */
const SCAN_LIMIT = 300;

/**
 * Whether a file's relative imports reach a changed file, transitively, by scanning texts (no parsing): most test
 * files do not, and parsing every one on each run would cost more than the rest of the check. A scan cut short
 * by the limit answers yes, so the file is then resolved properly.
 */
function reachesChanged(file: string, text: string, changed: ReadonlySet<string>, read: (file: string) => string | undefined): boolean {
  const seen = new Set<string>([file]);
  const pending: { file: string; text: string }[] = [{ file, text }];
  for (let current = pending.pop(); current !== undefined; current = pending.pop()) {
    for (const match of current.text.matchAll(RELATIVE_IMPORT)) {
      for (const candidate of candidateFiles(current.file, match[1] ?? '')) {
        if (changed.has(candidate)) return true;
        if (seen.has(candidate)) break;
        const found = read(candidate);
        if (found === undefined) continue;
        if (seen.size >= SCAN_LIMIT) return true;
        seen.add(candidate);
        pending.push({ file: candidate, text: found });
        break;
      }
    }
  }
  return false;
}

/**
 * What of a module a value can be read from: every top-level statement but function bodies, classes and types
 * (the resolver reads declarations, never code that runs later). A module with a top-level `let` or `var` counts
 * whole, as a function may assign it.
 */
function valueShape(source: ts.SourceFile): string {
  const statements = source.statements.filter((statement) =>
    !(typescript.isFunctionDeclaration(statement) && statement.body !== undefined) &&
    !typescript.isClassDeclaration(statement) &&
    !typescript.isInterfaceDeclaration(statement) &&
    !typescript.isTypeAliasDeclaration(statement));
  const mutable = source.statements.some((statement) => typescript.isVariableStatement(statement) && (statement.declarationList.flags & (typescript.NodeFlags.Const | typescript.NodeFlags.Using)) === 0);
  return mutable ? source.getFullText() : statements.map((statement) => statement.getText(source)).join('\n');
}

const valueChangedFiles = new WeakMap<IntegrityInput, Promise<Set<string>>>();

/** Changed source files whose values may differ (both paths): a file added or deleted, or one whose declarations changed. */
function filesWithChangedValues(input: IntegrityInput): Promise<Set<string>> {
  const known = valueChangedFiles.get(input);
  if (known !== undefined) return known;
  const finding = (async () => {
    const found = new Set<string>();
    for (const file of input.changed) {
      const paths = [file.oldPath, file.newPath].filter((entry): entry is string => entry !== undefined && SOURCE_FILE.test(entry));
      if (paths.length === 0) continue;
      const versions = await input.versions(file);
      if (versions.base === undefined || versions.head === undefined || valueShape(versions.base) !== valueShape(versions.head)) paths.forEach((entry) => found.add(entry));
    }
    return found;
  })();
  valueChangedFiles.set(input, finding);
  return finding;
}

export interface Dependent {
  file: ChangedFile;
  /** The changed files its values resolve through. */
  through: string[];
}

/**
 * Test files the change did not touch whose values resolve through a file it did: a `numRuns` or a test table
 * imported from a shared constant that the change lowered. `mentions` picks the files worth parsing; `resolve`
 * resolves a file's values at head, through the head modules (whose reading is recorded).
 */
export async function unchangedDependents(input: IntegrityInput, mentions: RegExp, resolve: (source: ts.SourceFile, sources: ModuleSources) => unknown): Promise<Dependent[]> {
  const touched = new Set(input.changed.flatMap((file) => [file.oldPath, file.newPath]).filter((file): file is string => file !== undefined));
  // Only a change to what values are read from can change a value: edits inside functions need no test parsed.
  const changed = await filesWithChangedValues(input);
  if (changed.size === 0) return [];
  const dependents: Dependent[] = [];
  const reader = input.modules('head');
  const texts = headTexts.get(input) ?? new Map<string, string | undefined>();
  headTexts.set(input, texts);
  const read = (file: string): string | undefined => {
    if (!texts.has(file)) texts.set(file, SOURCE_FILE.test(file) ? input.change.readHead(file) : undefined);
    return texts.get(file);
  };
  for (const file of testFilesOnDisk(input)) {
    if (touched.has(file)) continue;
    const text = read(file);
    if (text === undefined || !mentions.test(text) || !reachesChanged(file, text, changed, read)) continue;
    const source = reader.parsed(file) ?? parseSource(file, text);
    reader.add(source);
    const { modules } = await reader.settle(() => resolve(source, reader));
    const through = [...modules].filter((module) => changed.has(module));
    if (through.length > 0) dependents.push({ file: unchanged(file), through });
  }
  return dependents;
}
