import { isRecord } from '@npvguard/harness/contracts';

/** A document that cannot be read as OpenAPI 3.0/3.1 (not JSON or YAML, not OpenAPI, another version, invalid). */
export class DocumentParseError extends Error {
  override readonly name = 'DocumentParseError';
}

export type OpenApiVersion = '3.0' | '3.1';

/** The OpenAPI minor version of a parsed document, after checking it has `openapi` 3.0.x/3.1.x and a `paths` object (in 3.1, or webhooks or components). */
export function checkOpenApiShape(value: unknown, label: string): OpenApiVersion {
  if (!isRecord(value) || (typeof value['openapi'] !== 'string' && typeof value['swagger'] !== 'string')) {
    throw new DocumentParseError(`${label} is not an OpenAPI document (no "openapi" version field).`);
  }
  const version = /^3\.([01])\./.exec(typeof value['openapi'] === 'string' ? value['openapi'] : '');
  if (version === null) {
    throw new DocumentParseError(`${label} is OpenAPI ${String(value['openapi'] ?? value['swagger'])}; npvguard reads OpenAPI 3.0 and 3.1.`);
  }
  // OpenAPI 3.1 makes `paths` optional: a document of webhooks or of components alone is valid.
  const withoutPaths = version[1] === '1' && value['paths'] === undefined && (isRecord(value['webhooks']) || isRecord(value['components']));
  if (!isRecord(value['paths']) && !withoutPaths) throw new DocumentParseError(`${label} has no "paths" object${version[1] === '1' ? ' (nor webhooks or components)' : ''}.`);
  return version[1] === '0' ? '3.0' : '3.1';
}
