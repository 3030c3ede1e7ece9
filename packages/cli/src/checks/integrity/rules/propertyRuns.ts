import { INTEGRITY_RULES } from '../meta.js';
import { propertyRuns } from '../source/propertyRuns.js';
import type { IntegrityInput, RawFinding } from '../types.js';

/** Properties that run fewer times than at the base, matched by enclosing test title and position within it. */
export async function propertyRunFindings(input: IntegrityInput): Promise<RawFinding[]> {
  const findings: RawFinding[] = [];
  for (const file of input.changed) {
    if (file.oldPath === undefined || file.newPath === undefined) continue;
    const versions = await input.versions(file);
    if (versions.base === undefined || versions.head === undefined) continue;
    const before = new Map(propertyRuns(versions.base).map((found) => [found.key, found]));
    for (const after of propertyRuns(versions.head)) {
      const earlier = before.get(after.key);
      if (earlier?.runs === undefined || after.runs === undefined || after.runs >= earlier.runs) continue;
      const scope = after.key.replace(/#\d+$/, '');
      findings.push({
        ruleId: INTEGRITY_RULES.fewerPropertyRuns,
        file: file.newPath,
        line: after.line,
        column: after.column,
        message: `A fast-check property in ${scope} now runs ${after.runs} time(s), down from ${earlier.runs}${earlier.explicit ? '' : ' (fast-check\'s default)'}: fewer generated cases, fewer bugs found.`,
        hint: 'Keep numRuns; if the property is slow, make each run cheaper or justify with `// npvguard-justify: <reason>`.',
        fingerprintParts: [after.key, String(earlier.runs), String(after.runs)],
        data: { before: earlier.runs, after: after.runs },
      });
    }
  }
  return findings;
}
