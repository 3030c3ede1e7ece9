import fs from 'node:fs';

/** Local file → local file pairs, `from\0to`. */
export type EdgeSet = Set<string>;

export function npvguardEdges(file: string): EdgeSet {
  const pairs: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!Array.isArray(pairs)) throw new Error(`${file} does not hold an edge list`);
  return new Set(pairs.filter((pair): pair is [string, string] => Array.isArray(pair) && pair.length === 2).map(([from, to]) => `${from}\0${to}`));
}

interface CruiseDependency {
  resolved?: string;
  coreModule?: boolean;
  couldNotResolve?: boolean;
  dependencyTypes?: string[];
}

interface CruiseModule {
  source: string;
  dependencies?: CruiseDependency[];
}

/** dependency-cruiser's JSON output: local edges only (no core modules, no npm packages, nothing unresolved). */
export function dependencyCruiserEdges(file: string): EdgeSet {
  const result: { modules?: CruiseModule[] } = JSON.parse(fs.readFileSync(file, 'utf8'));
  const edges: EdgeSet = new Set();
  for (const module of result.modules ?? []) {
    for (const dependency of module.dependencies ?? []) {
      if (dependency.coreModule === true || dependency.couldNotResolve === true || dependency.resolved === undefined) continue;
      if (dependency.resolved.includes('node_modules/') || (dependency.dependencyTypes ?? []).some((type) => type.startsWith('npm'))) continue;
      edges.add(`${module.source}\0${dependency.resolved}`);
    }
  }
  return edges;
}

export interface Agreement {
  both: number;
  onlyNpvguard: string[];
  onlyDependencyCruiser: string[];
  /** |both| / |union|. */
  ratio: number;
}

export function compareEdges(npvguard: EdgeSet, dependencyCruiser: EdgeSet): Agreement {
  const onlyNpvguard = [...npvguard].filter((edge) => !dependencyCruiser.has(edge)).sort();
  const onlyDependencyCruiser = [...dependencyCruiser].filter((edge) => !npvguard.has(edge)).sort();
  const both = npvguard.size - onlyNpvguard.length;
  const union = both + onlyNpvguard.length + onlyDependencyCruiser.length;
  return { both, onlyNpvguard, onlyDependencyCruiser, ratio: union === 0 ? 1 : both / union };
}
