import { isWithinPaths, compileGlob, globList, NpvError, type ChangedFile, type CheckContext } from '@npvguard/core';

import { parseSource, SOURCE_FILE } from './source/parseSource.js';
import { applyJustification } from './justify.js';
import { suppressionFindings } from './rules/suppressions.js';
import { testFindings } from './rules/tests.js';
import { propertyRunFindings } from './rules/propertyRuns.js';
import { configFindings } from './rules/configs/configFindings.js';
import { snapshotFindings } from './rules/snapshots.js';
import { acknowledgementFindings } from './rules/acknowledgements.js';
import { ModuleReader } from '../../modules/constantValue/index.js';
import type { IntegrityData } from './data.js';
import type { IntegrityInput, RawFinding, Versions } from './types.js';

export { integrityMeta, INTEGRITY_RULES } from './meta.js';

export const DEFAULT_TEST_FILES = ['**/*.{test,spec}.{ts,tsx,mts,cts,js,jsx,mjs,cjs}', '**/{tests,test,__tests__}/**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'];

function matcher(globs: readonly string[]): (file: string) => boolean {
  const compiled = globs.map((glob) => compileGlob(glob));
  return (file) => compiled.some((glob) => glob.matches(file));
}

/**
 * The integrity check: reads the change (against --base, or without it the uncommitted work against HEAD) and
 * reports what weakens the guardrails. Default severities a config may lower are those of every registered rule.
 */
export async function runIntegrity(context: CheckContext<IntegrityData>): Promise<void> {
  const integrity = context.config.integrity;
  if (integrity === undefined) throw new NpvError('NPV1008', 'The integrity check needs an `integrity` section in the config.');
  const change = await context.change.read();
  const ignored = matcher(globList(integrity.ignore));
  const changed = change.files.filter((file) => !ignored(file.newPath ?? file.oldPath ?? ''));
  const cache = new Map<ChangedFile, Promise<Versions>>();
  const parse = (file: string | undefined, text: string | undefined) =>
    file !== undefined && text !== undefined && SOURCE_FILE.test(file) ? parseSource(file, text) : undefined;
  // Imports resolve on the side they are read from: the base file's imports against the base commit.
  const readers = {
    base: new ModuleReader((file) => change.readBase(file), parseSource),
    head: new ModuleReader((file) => change.readHead(file), parseSource),
  };
  const remember = (side: keyof Versions, source: ReturnType<typeof parse>) => {
    if (source !== undefined) readers[side].add(source);
    return source;
  };
  const input: IntegrityInput = {
    root: context.root,
    config: context.config,
    files: context.files,
    change,
    changed,
    withBaseTree: (work) => context.change.withBaseTree(work),
    isTest: matcher(globList(integrity.tests ?? DEFAULT_TEST_FILES)),
    knownRules: context.rules,
    versions(file) {
      const known = cache.get(file);
      if (known !== undefined) return known;
      const loading = (async (): Promise<Versions> => ({
        base: file.binary || file.oldPath === undefined ? undefined : (readers.base.parsed(file.oldPath) ?? remember('base', parse(file.oldPath, await change.readBase(file.oldPath)))),
        head: file.binary || file.newPath === undefined ? undefined : (readers.head.parsed(file.newPath) ?? remember('head', parse(file.newPath, change.readHead(file.newPath)))),
      }))();
      cache.set(file, loading);
      return loading;
    },
    modules: (side) => readers[side],
  };
  const findings: RawFinding[] = [
    ...(await suppressionFindings(input)),
    ...(await testFindings(input)),
    ...(await propertyRunFindings(input)),
    ...(await configFindings(input)),
    ...(await snapshotFindings(input)),
    ...(await acknowledgementFindings(input)),
  ];
  for (const finding of findings) {
    if (!isWithinPaths(finding.file, context.paths)) continue;
    context.report(applyJustification(finding, change.readHead(finding.file)));
  }
  context.setData({ against: change.against, sha: change.base.sha, filesChanged: changed.length });
}
