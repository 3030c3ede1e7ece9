export type { GlobMatcher, Specificity } from './globs.js';
export { compileGlob, compareSpecificity, globList, globSpecificity, isGlobPattern, normalizeGlob } from './globs.js';
export { externalPackageName, isBuiltinSpecifier, isRelativeSpecifier } from './externals.js';
export type { CompiledLayer, ExternalRule, LayerMatch, LayerPolicy } from './policy.js';
export { compileLayers, externalRuleFor, isEntryPoint, isIgnored, layerOf } from './policy.js';
export type { ImportKind, ImportRequest, ImportVerdict } from './verdict.js';
export { evaluateImport, isAllowed } from './evaluate.js';
export type { BoundariesRuleId, ImportRuleId } from './rules.js';
export { BOUNDARIES_RULES } from './rules.js';
