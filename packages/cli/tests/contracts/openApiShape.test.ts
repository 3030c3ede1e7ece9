import { describe, expect, it } from 'vitest';
import { checkOpenApiShape, DocumentParseError } from '../../src/checks/contracts/load/openApiShape.js';

describe('which documents are OpenAPI 3.0/3.1', () => {
  const info = { title: 'hooks', version: '1' };
  it('3.1 makes paths optional when webhooks or components are there; 3.0 does not', () => {
    expect(checkOpenApiShape({ openapi: '3.1.0', info, webhooks: { paid: {} } }, 'hooks.json')).toBe('3.1');
    expect(checkOpenApiShape({ openapi: '3.1.1', info, components: { schemas: {} } }, 'parts.json')).toBe('3.1');
    expect(() => checkOpenApiShape({ openapi: '3.1.0', info }, 'empty.json')).toThrow(/empty\.json has no "paths" object \(nor webhooks or components\)/);
    expect(() => checkOpenApiShape({ openapi: '3.0.3', info, components: { schemas: {} } }, 'old.json')).toThrow(DocumentParseError);
  });
});
