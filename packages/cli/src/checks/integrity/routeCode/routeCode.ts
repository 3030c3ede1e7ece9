import { readFileSync } from 'node:fs';
import path from 'node:path';
import { routeRoles } from './routeRoles.js';

/** The code behind an app's routes in one tree (the head, or the base checked out). */
export interface RouteCode {
  /** Files that register routes or shared schemas: where the import walk starts. */
  roots: string[];
  /** Files that mount route plugins under a prefix, and the app module: they count themselves, their imports are not followed. */
  mounts: string[];
  /** The roots, everything they import (runtime and type-only, through re-exports), and the mounts. */
  files: ReadonlySet<string>;
  /** Why `files` may lack some: a file that could not be parsed, an import that resolves to nothing. */
  gaps: string[];
}

export interface RouteCodeInput {
  /** The project folder of the tree, absolute. */
  root: string;
  /** Files that may register routes (root-relative POSIX); those absent from the tree are skipped. */
  candidates: readonly string[];
  /** The tsconfig imports resolve with, root-relative. */
  tsconfig: string;
  /** The module `contracts.app` names, root-relative, when there is one. */
  appModule?: string;
}

function readText(root: string, file: string): string | undefined {
  try {
    return readFileSync(path.join(root, file), 'utf8');
  } catch {
    return undefined;
  }
}

function message(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}

/**
 * The files whose change can change what the routes of a tree serve: the files that register routes or add shared
 * schemas, and every module they import (their schemas, handlers and the constants those use), found with the
 * boundaries check's import resolution; plus the files that mount route plugins under a prefix.
 */
export async function routeCodeIn(input: RouteCodeInput): Promise<RouteCode> {
  const roots: string[] = [];
  const mounts = new Set<string>();
  for (const file of input.candidates) {
    const text = readText(input.root, file);
    if (text === undefined) continue;
    const roles = routeRoles(file, text);
    if (roles.registers || roles.addsSchemas) roots.push(file);
    if (roles.mounts) mounts.add(file);
  }
  if (input.appModule !== undefined && readText(input.root, input.appModule) !== undefined) mounts.add(input.appModule);
  if (roots.length === 0) return { roots, mounts: [...mounts], files: mounts, gaps: [] };
  try {
    // Loaded only when a snapshot changed: the resolver and its tsconfig reading cost more than the rest of the check.
    const { importClosure } = await import('../../boundaries/importGraph.js');
    const closure = importClosure(input.root, roots, input.tsconfig);
    return { roots, mounts: [...mounts], files: new Set([...closure.files, ...mounts]), gaps: closure.gaps };
  } catch (error) {
    // The roots and mounts are still route code; what they import is unknown.
    return { roots, mounts: [...mounts], files: new Set([...roots, ...mounts]), gaps: [`no import could be resolved (${message(error)})`] };
  }
}
