import fs from 'node:fs';
import { extractFile } from './extract/extractFile.js';
import { readSource } from './extract/readSource.js';
import { absolutePath } from './resolve/paths.js';
import { createProjectResolver } from './resolve/projectResolver.js';
import { loadProjects, type ProjectSet } from './resolve/projects.js';
import { resolveImports } from './resolve/resolveImports.js';
import { findWorkspaces } from './resolve/workspaces.js';
import type { ResolvedImports, SourceFile, Stages } from './types.js';

/** A project ready for the pipeline: its stages, and the files that decide how its imports resolve. */
export interface ImportProject {
  stages: Stages;
  /** Every tsconfig, package.json and lockfile read: a cache of resolutions is only valid while they are unchanged. */
  inputFiles: readonly string[];
  /** The tsconfig projects, for the stages that need a program (decorators). */
  projectSet: ProjectSet;
}

/**
 * Loads the tsconfig (absolute, with the projects it references) and the npm workspace around `root`
 * (absolute POSIX), and builds the stages over them: read from disk, extract, resolve as the compiler does.
 */
export function openImportProject(root: string, tsconfig: string): ImportProject {
  const projectSet = loadProjects(tsconfig);
  const workspaces = findWorkspaces(root);
  const lockfile = absolutePath(root, 'package-lock.json');
  return {
    stages: {
      read: (file) => readSource(root, file),
      extract: extractFile,
      resolver: createProjectResolver(root, projectSet, workspaces),
    },
    projectSet,
    inputFiles: [...new Set([...projectSet.configFiles, ...workspaces.inputFiles, ...(fs.existsSync(lockfile) ? [lockfile] : [])])].sort(),
  };
}

/** extract → resolve: every import of the read files and where it leads. */
export function runPipeline(sources: readonly SourceFile[], stages: Stages): ResolvedImports {
  const files = sources.map((source) => stages.extract(source));
  return { files, edges: resolveImports(files, stages.resolver) };
}
