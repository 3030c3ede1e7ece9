import { readdirSync } from 'node:fs';
import path from 'node:path';
import type * as ts from 'typescript';
import type { ChangedFile } from '@npvguard/core';
import type { ModuleSources } from '../../../modules/constantValue/index.js';
import type { IntegrityInput } from '../types.js';
import { parseSource, SOURCE_FILE } from './parseSource.js';

/** Folders never holding the project's tests. */
const SKIPPED = new Set(['node_modules', 'dist', 'coverage']);

const listed = new WeakMap<IntegrityInput, string[]>();

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

export interface Dependent {
  file: ChangedFile;
  /** The changed files its values resolve through. */
  through: string[];
}

/**
 * Test files the change did not touch whose values resolve through a file it did: a `numRuns` or a test table
 * imported from a shared constant that the change lowered. `mentions` picks the files worth parsing; `read`
 * resolves a file's values at head, through the head modules (whose reading is recorded).
 */
export async function unchangedDependents(input: IntegrityInput, mentions: RegExp, read: (source: ts.SourceFile, sources: ModuleSources) => unknown): Promise<Dependent[]> {
  const changed = new Set(input.changed.flatMap((file) => [file.oldPath, file.newPath]).filter((file): file is string => file !== undefined && SOURCE_FILE.test(file)));
  if (changed.size === 0) return [];
  const dependents: Dependent[] = [];
  const reader = input.modules('head');
  for (const file of testFilesOnDisk(input)) {
    if (changed.has(file)) continue;
    const text = input.change.readHead(file);
    if (text === undefined || !mentions.test(text) || !/\bfrom\s+['"]\.|import\(\s*['"]\./.test(text)) continue;
    const source = parseSource(file, text);
    reader.add(source);
    const { modules } = await reader.settle(() => read(source, reader));
    const through = [...modules].filter((module) => changed.has(module));
    if (through.length > 0) dependents.push({ file: unchanged(file), through });
  }
  return dependents;
}
