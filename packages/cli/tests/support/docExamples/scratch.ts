import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../cli.js';

const folders: string[] = [];

/** A temporary folder holding `files`, removed by removeScratchFolders() (call it in afterAll). */
export function scratchProject(prefix: string, files: Record<string, string>, options: { linkNodeModules?: boolean } = {}): string {
  const root = mkdtempSync(path.join(tmpdir(), `npvguard-${prefix}-`));
  folders.push(root);
  if (options.linkNodeModules === true) symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  writeFiles(root, files);
  return root;
}

export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
}

export function removeScratchFolders(): void {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
}
