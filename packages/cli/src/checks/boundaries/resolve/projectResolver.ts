import { externalPackageName, isRelativeSpecifier, NpvError } from '@npvguard/core';
import type { FileProject, ImportResolver, ImportTarget } from '../types.js';
import { absolutePath, relativePath } from './paths.js';
import type { Project, ProjectSet } from './projects.js';
import { createModuleResolver, type ModuleResolver, type Resolution } from './resolver.js';
import type { Workspaces } from './workspaces.js';

/** Resolves imports of files under `root` (absolute POSIX) as the compiler does in their tsconfig project. */
export function createProjectResolver(root: string, projectSet: ProjectSet, workspaces: Workspaces): ImportResolver {
  const fileProjects = new Map<Project, FileProject>(
    projectSet.projects.map((project, index) => [
      project,
      { index, verbatimModuleSyntax: project.options.verbatimModuleSyntax === true, emitDecoratorMetadata: project.options.emitDecoratorMetadata === true },
    ]),
  );
  // Built on the first resolution: a warm cache may answer them all, sparing typescript's resolution machinery.
  let resolver: ModuleResolver | undefined;
  return {
    projectOf(file) {
      const project = fileProjects.get(projectSet.projectFor(absolutePath(root, file)));
      if (project === undefined) throw new NpvError('NPV9001', `${file} was assigned a tsconfig project that was never loaded.`);
      return project;
    },
    resolve({ file, specifier, form }) {
      resolver ??= createModuleResolver(root, projectSet, workspaces);
      return toTarget(root, resolver.resolve(specifier, absolutePath(root, file), form), specifier);
    },
  };
}

/** A package that resolves to sources outside the project (a sibling workspace package) is external to it. */
function toTarget(root: string, resolution: Resolution, specifier: string): ImportTarget {
  if (resolution.type !== 'file') return resolution;
  const file = relativePath(root, resolution.path);
  if (file.startsWith('../') && !isRelativeSpecifier(specifier)) return { type: 'package', name: externalPackageName(specifier) };
  return { type: 'file', file };
}
