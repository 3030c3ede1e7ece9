import { BOUNDARIES_RULES, layerOf, type FindingInput, type LayerPolicy } from '@npvguard/core';
import type { ExtractedFile } from '../types.js';

const DECLARATION_FILE = /\.d\.[cm]?ts$/;

function isDeclarationFile(file: string): boolean {
  return DECLARATION_FILE.test(file);
}

/** Files in no layer (default deny has nothing to apply to them) and files with syntax errors. */
export function fileFindings(policy: LayerPolicy, files: readonly ExtractedFile[]): FindingInput[] {
  const findings: FindingInput[] = [];
  for (const { file, extraction } of files) {
    // A declaration file (module augmentation, global types) compiles to no JavaScript: it loads nothing at run
    // time, so it needs no layer. In a layer, its imports are judged like any other file's.
    if (layerOf(policy, file) === undefined && !isDeclarationFile(file)) {
      findings.push({
        ruleId: BOUNDARIES_RULES.unassignedFile,
        file,
        line: 1,
        column: 1,
        message: `${file} is in no layer. Rule: every analysed file must match a glob under boundaries.layers, so its imports can be checked.`,
        hint: 'Add a glob that matches it to a layer in boundaries.layers, or list it under boundaries.ignore if it is generated.',
        fingerprintParts: [BOUNDARIES_RULES.unassignedFile, file],
        data: {},
      });
    }
    const error = extraction.parseError;
    if (error !== undefined) {
      const more = extraction.parseErrorCount > 1 ? ` (${extraction.parseErrorCount} syntax errors in the file)` : '';
      findings.push({
        ruleId: BOUNDARIES_RULES.parseError,
        file,
        line: error.line,
        column: error.column,
        message: `${file}:${error.line} does not parse: ${error.message}${more}. Rule: files must parse so every import is seen; the imports that could be read are still checked.`,
        hint: 'Fix the syntax error; imports after it may be missing from the dependency graph until then.',
        fingerprintParts: [BOUNDARIES_RULES.parseError, file],
        data: { errors: extraction.parseErrorCount },
      });
    }
  }
  return findings;
}
