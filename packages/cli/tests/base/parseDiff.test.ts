import { mkdirSync, writeFileSync, rmSync, renameSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { DiffParseError, parseDiff, unquotePath, type FileDiff, type Hunk } from '../../src/base/parseDiff.js';
import { addedLineNumbers, removedLineNumbers } from '../../src/base/parseDiff.js';
import { createRepo, git } from '../integrity/gitRepo.js';

/** Git's quoting of a path (core.quotePath=false): quotes only when a byte needs an escape. */
function quote(file: string): string {
  const escapes: Record<string, string> = { '\t': '\\t', '\n': '\\n', '"': '\\"', '\\': '\\\\' };
  return /[\t\n"\\]/.test(file) ? `"${[...file].map((character) => escapes[character] ?? character).join('')}"` : file;
}

function header(prefix: string, file: string | undefined): string {
  if (file === undefined) return '/dev/null';
  const quoted = quote(`${prefix}${file}`);
  return file.includes(' ') ? `${quoted}\t` : quoted;
}

/** Renders a model of a diff the way `git diff --unified=0` prints it. */
function render(files: readonly FileDiff[]): string {
  const out: string[] = [];
  for (const file of files) {
    const oldPath = file.oldPath ?? file.newPath ?? '';
    const newPath = file.newPath ?? file.oldPath ?? '';
    out.push(`diff --git ${quote(`a/${oldPath}`)} ${quote(`b/${newPath}`)}`);
    if (file.status === 'added') out.push('new file mode 100644');
    if (file.status === 'deleted') out.push('deleted file mode 100644');
    if (file.status === 'renamed') out.push('similarity index 90%', `rename from ${quote(oldPath)}`, `rename to ${quote(newPath)}`);
    out.push('index 1234567..89abcde');
    if (file.hunks.length > 0) out.push(`--- ${header('a/', file.oldPath)}`, `+++ ${header('b/', file.newPath)}`);
    for (const hunk of file.hunks) {
      out.push(`@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@ function context()`);
      out.push(...hunk.removed.map((line) => `-${line}`), ...hunk.added.map((line) => `+${line}`));
    }
  }
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}

const name = fc.stringMatching(/^[a-z0-9 _"\\\t.-]{1,8}$/).filter((segment) => segment.trim() === segment && segment !== '.' && segment !== '..');
const filePath = fc.array(name, { minLength: 1, maxLength: 3 }).map((segments) => segments.join('/'));
// Any line text, including ones that look like diff headers (`-- x`, `++ y`, `@@`).
const lineText = fc.oneof(fc.string({ maxLength: 20 }).map((text) => text.replace(/\n/g, ' ')), fc.constantFrom('-- a/x', '++ b/y', '@@ -1 +1 @@', ' ', ''));
const hunk: fc.Arbitrary<Hunk> = fc
  .record({ oldStart: fc.nat(500), newStart: fc.nat(500), removed: fc.array(lineText, { maxLength: 4 }), added: fc.array(lineText, { maxLength: 4 }) })
  .filter((draft) => draft.removed.length + draft.added.length > 0)
  .map((draft) => ({ ...draft, oldLines: draft.removed.length, newLines: draft.added.length }));

const fileDiff: fc.Arbitrary<FileDiff> = fc.oneof(
  fc.record({ path: filePath, hunks: fc.array(hunk, { minLength: 1, maxLength: 3 }) }).map(({ path: file, hunks }): FileDiff => ({ status: 'modified', oldPath: file, newPath: file, binary: false, hunks })),
  fc.record({ path: filePath, added: fc.array(lineText, { minLength: 1, maxLength: 5 }) }).map(({ path: file, added }): FileDiff => ({
    status: 'added',
    newPath: file,
    binary: false,
    hunks: [{ oldStart: 0, oldLines: 0, newStart: 1, newLines: added.length, removed: [], added }],
  })),
  fc.record({ path: filePath, removed: fc.array(lineText, { minLength: 1, maxLength: 5 }) }).map(({ path: file, removed }): FileDiff => ({
    status: 'deleted',
    oldPath: file,
    binary: false,
    hunks: [{ oldStart: 1, oldLines: removed.length, newStart: 0, newLines: 0, removed, added: [] }],
  })),
  fc.record({ from: filePath, to: filePath, hunks: fc.array(hunk, { maxLength: 2 }) }).filter(({ from, to }) => from !== to).map(({ from, to, hunks }): FileDiff => ({ status: 'renamed', oldPath: from, newPath: to, binary: false, hunks })),
);

describe('parseDiff', () => {
  it('reads back every diff it is given, whatever the paths and line texts', () => {
    fc.assert(
      fc.property(fc.array(fileDiff, { maxLength: 5 }), (files) => {
        expect(parseDiff(render(files))).toEqual(files);
      }),
      { numRuns: 300 },
    );
  });

  it('unquotes C-style paths, octal bytes included', () => {
    expect(unquotePath('"a/tab\\there"')).toBe('a/tab\there');
    expect(unquotePath('"b/caf\\303\\251.ts"')).toBe('b/café.ts');
    expect(unquotePath('plain/path.ts')).toBe('plain/path.ts');
    expect(() => unquotePath('"a/unterminated')).toThrow(DiffParseError);
  });

  it('fails loudly on a truncated hunk or a hunk with context lines', () => {
    const truncated = 'diff --git a/x.ts b/x.ts\n--- a/x.ts\n+++ b/x.ts\n@@ -1,2 +1 @@\n-one\n';
    expect(() => parseDiff(truncated)).toThrow(/has 1 removed and 0 added/);
    expect(() => parseDiff('diff --git a/x.ts b/x.ts\n--- a/x.ts\n+++ b/x.ts\n@@ -1 +1 @@\n context\n')).toThrow(DiffParseError);
    expect(() => parseDiff('@@ -1 +1 @@\n')).toThrow(/before the first file header/);
  });

  it('numbers added and removed lines from the hunk headers', () => {
    const [file] = parseDiff('diff --git a/x.ts b/x.ts\n--- a/x.ts\n+++ b/x.ts\n@@ -3,2 +3 @@\n-a\n-b\n+c\n@@ -9,0 +9,2 @@\n+d\n+e\n');
    expect(file === undefined ? [] : [...addedLineNumbers(file)]).toEqual([3, 9, 10]);
    expect(file === undefined ? [] : [...removedLineNumbers(file)]).toEqual([3, 4]);
  });
});

describe('parseDiff on real git output', () => {
  const repo = createRepo({ 'keep.ts': 'a\nb\nc\n', 'gone.ts': 'x\ny\n', 'move me.ts': 'same\ncontent\nhere\nfor\nrename\n', 'tab\there.ts': 'q\n' });
  afterAll(() => repo.cleanup());

  it('matches what git prints for edits, additions, deletions and renames with awkward names', () => {
    repo.write({ 'keep.ts': 'a\nB\nc\nd\n', 'new file.ts': 'n1\nn2\n', 'café.ts': 'é\n', 'tab\there.ts': 'q\nr\n' });
    rmSync(path.join(repo.root, 'gone.ts'));
    mkdirSync(path.join(repo.root, 'moved'), { recursive: true });
    renameSync(path.join(repo.root, 'move me.ts'), path.join(repo.root, 'moved', 'move me.ts'));
    writeFileSync(path.join(repo.root, 'moved', 'move me.ts'), 'same\ncontent\nhere\nfor\nrename\nplus\n');
    repo.commit('change');
    const text = git(repo.root, '-c', 'core.quotePath=false', 'diff', '--unified=0', '--no-color', '--find-renames', '--src-prefix=a/', '--dst-prefix=b/', 'HEAD~1', 'HEAD');
    const parsed = parseDiff(text).map((file) => ({ status: file.status, oldPath: file.oldPath, newPath: file.newPath, added: [...addedLineNumbers(file)], removed: [...removedLineNumbers(file)] }));
    expect(parsed).toEqual([
      { status: 'added', oldPath: undefined, newPath: 'café.ts', added: [1], removed: [] },
      { status: 'deleted', oldPath: 'gone.ts', newPath: undefined, added: [], removed: [1, 2] },
      { status: 'modified', oldPath: 'keep.ts', newPath: 'keep.ts', added: [2, 4], removed: [2] },
      { status: 'renamed', oldPath: 'move me.ts', newPath: 'moved/move me.ts', added: [6], removed: [] },
      { status: 'added', oldPath: undefined, newPath: 'new file.ts', added: [1, 2], removed: [] },
      { status: 'modified', oldPath: 'tab\there.ts', newPath: 'tab\there.ts', added: [2], removed: [] },
    ]);
  });
});
