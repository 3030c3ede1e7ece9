import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { REPO_ROOT } from './cli.js';

function isUri(text: string): boolean {
  try {
    return new URL(text).protocol.length > 1;
  } catch {
    return false;
  }
}

/** A relative reference: no scheme, characters a URI may hold (spaces and such percent-encoded). */
function isUriReference(text: string): boolean {
  return isUri(text) || /^[A-Za-z0-9\-._~!$&'()*+,;=:@/%]*$/.test(text);
}

/** Compiles a JSON Schema (draft 2020-12) strictly; `required` inside if/then and anyOf names properties declared beside it. */
export function compileSchema(file: string): ValidateFunction {
  const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
  ajv.addFormat('uri', isUri);
  ajv.addFormat('uri-reference', isUriReference);
  return ajv.compile(JSON.parse(readFileSync(file, 'utf8')) as object);
}

export const RESULT_SCHEMA_FILE = path.join(REPO_ROOT, 'docs', 'result.schema.json');
