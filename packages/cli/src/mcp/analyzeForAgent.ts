import type { Check } from '@npvguard/core';
import { loadProject, type Project } from '../load/loadProject.js';
import { resolvePathArguments } from '../load/resolvePaths.js';
import { analyze, type Analysis } from '../run/analyze.js';
import { agentBase, type AgentBase } from '../base/mergeBase.js';

export interface AgentAnalysisRequest {
  /** The folder the agent works in; config discovery starts here and every path must stay under the project root. */
  cwd: string;
  checks: readonly Check[];
  /** Files or folders, relative to `cwd` or absolute; outside the project root → NpvError NPV2007. */
  files?: readonly string[];
  only?: readonly string[];
  base?: string;
  /**
   * Without `base`: compare with the merge base of the default branch (config `agent.base`) once commits were made
   * on top of it, so what was committed on the way (an eslint-disable, a deleted test) is part of the change.
   */
  sinceMergeBase?: boolean;
  /** Cancels the run (the hook's time bound, an MCP request the client cancelled). */
  signal?: AbortSignal;
}

/**
 * The same load → analyze the `check` command runs, for the MCP server and the hook adapters, so an agent
 * gets the verdict CI will give (baseline file included).
 */
export async function analyzeForAgent(request: AgentAnalysisRequest): Promise<Analysis & { project: Project; mergeBase?: AgentBase }> {
  const project = await loadProject({ processCwd: request.cwd, checks: request.checks });
  const paths = resolvePathArguments(request.files ?? [], project.cwd, project.root);
  const mergeBase = request.base === undefined && request.sinceMergeBase === true ? await agentBase(project.root, project.config.agent?.base) : undefined;
  const base = request.base ?? mergeBase?.sha;
  const analysis = await analyze({
    project,
    checks: request.checks,
    only: request.only ?? [],
    paths,
    useBaselineFile: true,
    ...(base === undefined ? {} : { base }),
    ...(request.signal === undefined ? {} : { signal: request.signal }),
  });
  return { ...analysis, project, ...(mergeBase === undefined ? {} : { mergeBase }) };
}
