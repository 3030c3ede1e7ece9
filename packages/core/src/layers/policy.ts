import type { BoundariesConfig, Globs } from '../config.js';
import { NpvError } from '../errors.js';
import type { ImportVerdict } from './verdict.js';
import { compareSpecificity, compileGlob, globList, isGlobPattern, type GlobMatcher, type Specificity } from './globs.js';

export interface CompiledLayer {
  readonly name: string;
  /** Position in `boundaries.layers`; breaks specificity ties. */
  readonly order: number;
  readonly globs: readonly GlobMatcher[];
  /** Layers it may import at runtime (itself excluded: same-layer imports are always allowed). */
  readonly allow: ReadonlySet<string>;
  /** Extra layers it may import for types only. */
  readonly allowTypes: ReadonlySet<string>;
  /** Empty when the layer declares no entry points (every file is public). */
  readonly entryPoints: readonly GlobMatcher[];
}

export interface ExternalRule {
  /** The key as written in `boundaries.externals`. */
  readonly pattern: string;
  readonly matcher: GlobMatcher;
  readonly exact: boolean;
  readonly order: number;
  readonly layers: ReadonlySet<string>;
}

/** The compiled, validated form of `boundaries`: the single place the boundaries policy is decided. */
export interface LayerPolicy {
  readonly layers: readonly CompiledLayer[];
  readonly layersByName: ReadonlyMap<string, CompiledLayer>;
  readonly externals: readonly ExternalRule[];
  readonly ignore: readonly GlobMatcher[];
  readonly cycles: 'runtime' | 'all' | 'off';
  readonly typeOnly: 'same-rules' | 'allowed';
  /** Memo of `layerOf`; the policy is immutable, so answers never change. */
  readonly layerMemo: Map<string, LayerMatch | null>;
  /** Memo of verdicts that depend only on layers, kind and entry-point status (not on file names). */
  readonly verdictMemo: Map<string, ImportVerdict>;
}

export interface LayerMatch {
  readonly layer: string;
  /** The glob of that layer that matched most specifically. */
  readonly glob: string;
  readonly specificity: Specificity;
  /** Other layers that matched just as specifically; the first declared one wins. */
  readonly ambiguousWith: readonly string[];
}

/**
 * Validates layer names used across the config (NPV1006) and compiles every glob once.
 * Glob-versus-files checks (NPV1005) need the file list and live with the caller.
 */
export function compileLayers(config: BoundariesConfig): LayerPolicy {
  const layerNames = Object.keys(config.layers);
  const known = new Set(layerNames);
  const requireLayer = (name: string, where: string): void => {
    if (!known.has(name)) {
      throw new NpvError('NPV1006', `boundaries.${where} refers to unknown layer "${name}"; known layers: ${layerNames.join(', ') || '(none)'}.`, {
        layer: name,
        path: `boundaries.${where}`,
      });
    }
  };
  const layerSet = (record: Record<string, readonly string[]> | undefined, layer: string, key: string): Set<string> => {
    const names = record?.[layer] ?? [];
    names.forEach((name, index) => requireLayer(name, `${key}.${layer}[${index}]`));
    return new Set(names.filter((name) => name !== layer));
  };

  for (const key of ['allow', 'allowTypes', 'entryPoints'] as const) {
    for (const layer of Object.keys(config[key] ?? {})) requireLayer(layer, `${key}.${layer}`);
  }

  const layers = layerNames.map((name, order): CompiledLayer => ({
    name,
    order,
    globs: compileGlobs(config.layers[name], `boundaries.layers.${name}`),
    allow: layerSet(config.allow, name, 'allow'),
    allowTypes: layerSet(config.allowTypes, name, 'allowTypes'),
    entryPoints: compileGlobs(config.entryPoints?.[name], `boundaries.entryPoints.${name}`, true),
  }));

  const externals = Object.entries(config.externals ?? {}).map(([pattern, allowed], order): ExternalRule => {
    allowed.forEach((name, index) => requireLayer(name, `externals["${pattern}"][${index}]`));
    return { pattern, matcher: compileGlob(pattern), exact: !isGlobPattern(pattern), order, layers: new Set(allowed) };
  });

  return {
    layers,
    layersByName: new Map(layers.map((layer) => [layer.name, layer])),
    externals,
    ignore: compileGlobs(config.ignore, 'boundaries.ignore', true),
    cycles: config.cycles ?? 'runtime',
    typeOnly: config.typeOnly ?? 'same-rules',
    layerMemo: new Map(),
    verdictMemo: new Map(),
  };
}

function compileGlobs(globs: Globs | undefined, path: string, optional = false): GlobMatcher[] {
  const list = globList(globs);
  if (!optional && list.length === 0) {
    throw new NpvError('NPV1003', `${path} must be a glob or a non-empty list of globs.`, { path });
  }
  return list.map((glob, index) => {
    if (typeof glob !== 'string' || glob.trim() === '') {
      throw new NpvError('NPV1003', `${path}[${index}] must be a non-empty glob string.`, { path: `${path}[${index}]` });
    }
    return compileGlob(glob);
  });
}

/** The layer a file belongs to: the most specific matching glob wins; equal specificity → first declared layer. */
export function layerOf(policy: LayerPolicy, file: string): LayerMatch | undefined {
  const memo = policy.layerMemo.get(file);
  if (memo !== undefined) return memo ?? undefined;
  let best: { layer: CompiledLayer; glob: GlobMatcher } | undefined;
  const ties: string[] = [];
  for (const layer of policy.layers) {
    const glob = mostSpecificMatch(layer.globs, file);
    if (glob === undefined) continue;
    const comparison = best === undefined ? 1 : compareSpecificity(glob.specificity, best.glob.specificity);
    if (comparison > 0) {
      best = { layer, glob };
      ties.length = 0;
    } else if (comparison === 0) {
      ties.push(layer.name);
    }
  }
  const match = best === undefined ? null : { layer: best.layer.name, glob: best.glob.glob, specificity: best.glob.specificity, ambiguousWith: [...ties] };
  policy.layerMemo.set(file, match);
  return match ?? undefined;
}

export function isIgnored(policy: LayerPolicy, file: string): boolean {
  return policy.ignore.some((glob) => glob.matches(file));
}

/** True when the layer declares no entry points, or the file is one of them. */
export function isEntryPoint(policy: LayerPolicy, layer: string, file: string): boolean {
  const entryPoints = policy.layersByName.get(layer)?.entryPoints ?? [];
  return entryPoints.length === 0 || entryPoints.some((glob) => glob.matches(file));
}

/** The externals rule for a package: an exact name beats a glob; then the more specific glob; then the first declared. */
export function externalRuleFor(policy: LayerPolicy, packageName: string): ExternalRule | undefined {
  let best: ExternalRule | undefined;
  for (const rule of policy.externals) {
    const matches = rule.exact ? rule.pattern === packageName : rule.matcher.matches(packageName);
    if (!matches) continue;
    if (best === undefined || ranksAbove(rule, best)) best = rule;
  }
  return best;
}

function ranksAbove(candidate: ExternalRule, current: ExternalRule): boolean {
  if (candidate.exact !== current.exact) return candidate.exact;
  const comparison = compareSpecificity(candidate.matcher.specificity, current.matcher.specificity);
  return comparison > 0 || (comparison === 0 && candidate.order < current.order);
}

function mostSpecificMatch(globs: readonly GlobMatcher[], file: string): GlobMatcher | undefined {
  let best: GlobMatcher | undefined;
  for (const glob of globs) {
    if (!glob.matches(file)) continue;
    if (best === undefined || compareSpecificity(glob.specificity, best.specificity) > 0) best = glob;
  }
  return best;
}
