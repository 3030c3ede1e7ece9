import { readChange } from './readChange.js';

/** Lines added or modified since `base`, per root-relative file (untracked files count as wholly added). */
export async function changedLinesSince(root: string, base: string): Promise<Map<string, ReadonlySet<number>>> {
  const change = await readChange(root, base);
  const lines = new Map<string, ReadonlySet<number>>();
  for (const file of change.files) {
    if (file.newPath !== undefined) lines.set(file.newPath, file.added);
  }
  return lines;
}
