import type { Check } from '@npvguard/core';
import { loadProject, type Project } from '../load/loadProject.js';
import { resolvePathArguments } from '../load/resolvePaths.js';
import { analyze, type Analysis } from '../run/analyze.js';

export interface AgentAnalysisRequest {
  /** The folder the agent works in; config discovery starts here and every path must stay under the project root. */
  cwd: string;
  checks: readonly Check[];
  /** Files or folders, relative to `cwd` or absolute; outside the project root → NpvError NPV2007. */
  files?: readonly string[];
  only?: readonly string[];
  base?: string;
  /** Cancels the run (the hook's time bound, an MCP request the client cancelled). */
  signal?: AbortSignal;
}

/**
 * The same load → analyze the `check` command runs, for the MCP server and the hook adapters, so an agent
 * gets the verdict CI will give (baseline file included).
 */
export async function analyzeForAgent(request: AgentAnalysisRequest): Promise<Analysis & { project: Project }> {
  const project = await loadProject({ processCwd: request.cwd, checks: request.checks });
  const paths = resolvePathArguments(request.files ?? [], project.cwd, project.root);
  const analysis = await analyze({
    project,
    checks: request.checks,
    only: request.only ?? [],
    paths,
    useBaselineFile: true,
    ...(request.base === undefined ? {} : { base: request.base }),
    ...(request.signal === undefined ? {} : { signal: request.signal }),
  });
  return { ...analysis, project };
}
