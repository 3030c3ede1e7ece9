import type { KindEntry } from './kind.js';

/** Security requirements of operations and of the document, and the security schemes they name (ids as oasdiff's). */
export const SECURITY_KINDS: readonly KindEntry[] = [
  { id: 'api-security-became-required', level: 'error', description: 'an operation that accepted requests without credentials now requires them' },
  { id: 'api-security-added', level: 'info', description: 'a security requirement was added to an operation' },
  { id: 'api-security-removed', level: 'info', description: 'a security requirement was removed from an operation' },
  { id: 'api-security-scope-added', level: 'info', description: 'a scope was added to a security requirement of an operation' },
  { id: 'api-security-scope-removed', level: 'info', description: 'a scope was removed from a security requirement of an operation' },
  { id: 'api-global-security-added', level: 'info', description: 'a security requirement was added to the whole API (the document\'s security)' },
  { id: 'api-global-security-removed', level: 'info', description: 'a security requirement was removed from the whole API (the document\'s security)' },
  { id: 'api-global-security-scope-added', level: 'info', description: 'a scope was added to a security requirement of the whole API' },
  { id: 'api-global-security-scope-removed', level: 'info', description: 'a scope was removed from a security requirement of the whole API' },
  { id: 'api-security-component-added', level: 'info', description: 'a security scheme was added to components.securitySchemes' },
  { id: 'api-security-component-removed', level: 'info', description: 'a security scheme was removed from components.securitySchemes' },
  { id: 'api-security-component-type-changed', level: 'info', description: 'the type of a security scheme changed (apiKey, http, oauth2, openIdConnect, mutualTLS)' },
  { id: 'api-security-component-oauth-scope-added', level: 'info', description: 'a scope was added to an OAuth flow of a security scheme' },
  { id: 'api-security-component-oauth-scope-removed', level: 'info', description: 'a scope was removed from an OAuth flow of a security scheme' },
  { id: 'api-security-component-oauth-scope-changed', level: 'info', description: 'the description of a scope of an OAuth flow changed' },
  { id: 'api-security-component-oauth-url-changed', level: 'info', description: 'the authorizationUrl of an OAuth flow of a security scheme changed' },
  { id: 'api-security-component-oauth-token-url-changed', level: 'info', description: 'the tokenUrl of an OAuth flow of a security scheme changed' },
];
