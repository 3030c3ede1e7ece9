import { externalPackageName } from './externals.js';
import { externalRuleFor, isEntryPoint, isIgnored, layerOf, type LayerPolicy } from './policy.js';
import { BOUNDARIES_RULES } from './rules.js';
import type { ImportKind, ImportRequest, ImportVerdict } from './verdict.js';

/**
 * May `fromLayer` import `toLayer` with an import of this kind? Same layer always;
 * otherwise deny unless listed in `allow` (or, for types, `allowTypes`, or `typeOnly: 'allowed'`).
 */
export function isAllowed(policy: LayerPolicy, fromLayer: string, toLayer: string, kind: ImportKind): boolean {
  if (fromLayer === toLayer) return true;
  const layer = policy.layersByName.get(fromLayer);
  if (layer === undefined) return false;
  if (layer.allow.has(toLayer)) return true;
  if (kind !== 'type') return false;
  return policy.typeOnly === 'allowed' || layer.allowTypes.has(toLayer);
}

/** The one place an import is judged; the CLI check and the ESLint rule both call this. */
export function evaluateImport(policy: LayerPolicy, request: ImportRequest): ImportVerdict {
  const fromLayer = layerOf(policy, request.fromFile)?.layer;
  if (fromLayer === undefined) {
    return { allowed: true, reason: `${request.fromFile} is in no layer, so no import rule applies to it (it is reported as ${BOUNDARIES_RULES.unassignedFile})`, allowedInstead: '' };
  }
  if ('toPackage' in request) {
    const packageName = externalPackageName(request.toPackage);
    return memoized(policy, `package\0${fromLayer}\0${packageName}\0${request.kind}`, () => evaluateExternal(policy, fromLayer, packageName, request.kind));
  }
  const { toFile, kind } = request;
  if (isIgnored(policy, toFile)) {
    return { allowed: true, reason: `${toFile} matches boundaries.ignore`, allowedInstead: '', fromLayer };
  }
  const toLayer = layerOf(policy, toFile)?.layer;
  if (toLayer === undefined) return evaluateUnassignedTarget(policy, fromLayer, toFile, kind);
  // A decorator is reached through the instance, not a module path: there is no entry point to go through.
  const entry = kind === 'decorator' || isEntryPoint(policy, toLayer, toFile);
  return memoized(policy, `file\0${fromLayer}\0${toLayer}\0${kind}\0${entry}`, () => evaluateLocal(policy, fromLayer, toLayer, kind, entry));
}

function memoized(policy: LayerPolicy, key: string, evaluate: () => ImportVerdict): ImportVerdict {
  const known = policy.verdictMemo.get(key);
  if (known !== undefined) return known;
  const verdict = evaluate();
  policy.verdictMemo.set(key, verdict);
  return verdict;
}

/** Files that hold code: anything else (`package.json` through `#package.json`, other JSON) is data. */
const CODE_FILE = /\.(?:[cm]?[jt]sx?)$/;

function evaluateUnassignedTarget(policy: LayerPolicy, fromLayer: string, toFile: string, kind: ImportKind): ImportVerdict {
  // Data in no layer depends on nothing, so reading it cannot cross a layer; put it in a layer to police who reads it.
  if (!CODE_FILE.test(toFile)) {
    return { allowed: true, reason: `${toFile} is data, not code, and in no layer`, allowedInstead: '', fromLayer };
  }
  return {
    allowed: false,
    ruleId: BOUNDARIES_RULES.forbiddenImport,
    reason: `${toFile} is in no layer, and imports are denied unless a layer allows them`,
    allowedInstead: `add ${toFile} to a layer in boundaries.layers that layer ${fromLayer} may import, or move what ${fromLayer} needs into such a layer (${describeAllowed(policy, fromLayer, kind)})`,
    fromLayer,
  };
}

function evaluateLocal(policy: LayerPolicy, fromLayer: string, toLayer: string, kind: ImportKind, entry: boolean): ImportVerdict {
  if (fromLayer === toLayer) {
    return { allowed: true, reason: `same layer (${fromLayer})`, allowedInstead: '', fromLayer, toLayer };
  }
  if (kind === 'type' && policy.typeOnly === 'allowed') {
    return { allowed: true, reason: `type-only imports are allowed (boundaries.typeOnly: 'allowed')`, allowedInstead: '', fromLayer, toLayer };
  }
  if (!isAllowed(policy, fromLayer, toLayer, kind)) {
    const typeOnlyWouldPass = kind === 'runtime' && isAllowed(policy, fromLayer, toLayer, 'type');
    return {
      allowed: false,
      ruleId: BOUNDARIES_RULES.forbiddenImport,
      reason: describeAllowed(policy, fromLayer, kind),
      allowedInstead: typeOnlyWouldPass
        ? `layer ${fromLayer} may import layer ${toLayer} for types only: use \`import type\` and no runtime value from it`
        : dependInstead(policy, fromLayer, toLayer, kind),
      fromLayer,
      toLayer,
    };
  }
  if (!entry) {
    const entryPoints = policy.layersByName.get(toLayer)?.entryPoints.map((glob) => glob.glob) ?? [];
    return {
      allowed: false,
      ruleId: BOUNDARIES_RULES.privateImport,
      reason: `layer ${toLayer} is imported only through its entry point ${entryPoints.join(', ')} (boundaries.entryPoints.${toLayer})`,
      allowedInstead: `import it from ${entryPoints.join(' or ')}, exporting it there if it is meant to be public`,
      fromLayer,
      toLayer,
    };
  }
  return { allowed: true, reason: `layer ${fromLayer} may import layer ${toLayer}`, allowedInstead: '', fromLayer, toLayer };
}

function evaluateExternal(policy: LayerPolicy, fromLayer: string, packageName: string, kind: ImportKind): ImportVerdict {
  const rule = externalRuleFor(policy, packageName);
  if (rule === undefined) {
    return { allowed: true, reason: `no boundaries.externals rule matches ${packageName}`, allowedInstead: '', fromLayer, packageName };
  }
  if (rule.layers.has(fromLayer)) {
    return { allowed: true, reason: `boundaries.externals["${rule.pattern}"] allows layer ${fromLayer}`, allowedInstead: '', fromLayer, packageName };
  }
  if (kind === 'type' && policy.typeOnly === 'allowed') {
    return { allowed: true, reason: `type-only imports are allowed (boundaries.typeOnly: 'allowed')`, allowedInstead: '', fromLayer, packageName };
  }
  const layers = [...rule.layers];
  return {
    allowed: false,
    ruleId: BOUNDARIES_RULES.externalNotAllowed,
    reason: `boundaries.externals["${rule.pattern}"] allows ${packageName} ${layers.length === 0 ? 'in no layer' : `only in ${layerList(layers, ', ')}`}`,
    allowedInstead:
      layers.length === 0
        ? `do not import ${packageName}; use what the project provides instead`
        : `move the code that needs ${packageName} into ${layerList(layers, ' or ')} and reach it through an interface layer ${fromLayer} may import`,
    fromLayer,
    packageName,
  };
}

/** `layer server may import: pipeline, domain plus, for types only, experiments` */
function describeAllowed(policy: LayerPolicy, fromLayer: string, kind: ImportKind): string {
  const layer = policy.layersByName.get(fromLayer);
  const runtime = [...(layer?.allow ?? [])];
  const typesOnly = [...(layer?.allowTypes ?? [])].filter((name) => !runtime.includes(name));
  if (runtime.length === 0 && typesOnly.length === 0) return `layer ${fromLayer} may import no other layer`;
  const parts = [`layer ${fromLayer} may import: ${runtime.length === 0 ? 'no other layer at runtime' : runtime.join(', ')}`];
  if (typesOnly.length > 0) parts.push(`${kind === 'type' && runtime.length > 0 ? 'and' : 'plus, for types only,'} ${typesOnly.join(', ')}`);
  return parts.join(' ');
}

function dependInstead(policy: LayerPolicy, fromLayer: string, toLayer: string, kind: ImportKind): string {
  const layer = policy.layersByName.get(fromLayer);
  const reachable = [...(layer?.allow ?? []), ...(kind === 'type' ? (layer?.allowTypes ?? []) : [])];
  if (reachable.length === 0) {
    return `keep layer ${fromLayer} independent of layer ${toLayer}: take what it needs as a parameter or an interface declared in ${fromLayer}, and let a layer allowed to import ${toLayer} pass it in`;
  }
  return `depend on an interface from a layer ${fromLayer} may import (${reachable.join(', ')}) and let a layer allowed to import ${toLayer} pass the implementation in`;
}

function layerList(layers: readonly string[], separator: string): string {
  return `${layers.length === 1 ? 'layer' : 'layers'} ${layers.join(separator)}`;
}
