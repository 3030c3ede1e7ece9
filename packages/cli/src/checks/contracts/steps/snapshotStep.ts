import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { NpvError, type CheckContext } from '@npvguard/core';
import { findUnsupportedKeywords, isRecord, openApiPath, stableJson, type ContractAppHandle, type ContractApp } from '@npvguard/harness/contracts';
import { ownRoutes, routeTableFromRecording, type RouteTable } from '../../routeTable.js';
import { CONTRACT_RULES } from '../meta.js';
import { DocumentParseError, parseApiDocument, type ParsedDocument } from '../load/document.js';
import { lineDiff } from '../snapshot/lineDiff.js';
import { locateLiteral } from './locate.js';

export interface SnapshotOutcome {
  /** The extracted document as the snapshot file would hold it, with its line positions. */
  head: ParsedDocument;
  headText: string;
  drift: boolean;
  /** The app's routes as fastify registered them, each with the source that registered it. */
  routes: RouteTable;
}

/** Every schema position of a document: each media type's schema, each parameter's, and `components.schemas`. */
function schemaPositions(document: Record<string, unknown>): Array<{ pointer: string; schema: unknown }> {
  const found: Array<{ pointer: string; schema: unknown }> = [];
  const walk = (value: unknown, pointer: string): void => {
    if (Array.isArray(value)) value.forEach((item, index) => walk(item, `${pointer}/${index}`));
    else if (isRecord(value)) {
      for (const [key, item] of Object.entries(value)) {
        const next = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        if (key === 'schema') found.push({ pointer: next, schema: item });
        else walk(item, next);
      }
    }
  };
  walk(document['paths'], '#/paths');
  const components = isRecord(document['components']) ? document['components']['schemas'] : undefined;
  if (isRecord(components)) for (const [name, schema] of Object.entries(components)) found.push({ pointer: `#/components/schemas/${name}`, schema });
  return found;
}

/** Snapshot drift, routes without response schema or not recorded, unresolved references, unsupported keywords. */
export function snapshotFindings(context: CheckContext, handle: ContractAppHandle<ContractApp>, snapshotPath: string, appFile: string): SnapshotOutcome {
  const { extraction } = handle;
  const headText = stableJson(extraction.document);
  const head = parseApiDocument(headText, 'the extracted contract');
  const routes = routeTableFromRecording(context.root, handle.routes);
  for (const route of handle.unrecorded) {
    const position = locateLiteral(context.root, context.files, route.url, appFile);
    context.report({
      ruleId: CONTRACT_RULES.routeNotRecorded,
      ...position,
      message: `${route.method} ${route.url} was registered before npvguard could record routes, so its contract is unknown.`,
      hint: 'Register the route inside a plugin (`app.register(...)`) so it is added while the app boots, as fastify recommends.',
      fingerprintParts: [route.method, route.url],
    });
  }
  // The project's own routes only: fastify's HEAD twins follow their GET, and a plugin's routes (API docs,
  // static files, the CORS preflight) are the plugin's to describe, not the project's.
  const reported = new Set<string>();
  for (const route of ownRoutes(routes)) {
    if (route.hasResponseSchema || !DOCUMENTED_METHODS.has(route.method)) continue;
    const method = route.method;
    const url = openApiPath(route.url);
    if (reported.has(`${method} ${url}`)) continue;
    reported.add(`${method} ${url}`);
    const position = route.source ?? locateLiteral(context.root, context.files, route.url, appFile);
    context.report({
      ruleId: CONTRACT_RULES.routeWithoutResponseSchema,
      ...position,
      message: `${method} ${url} declares no response schema, so nothing checks what it answers.`,
      hint: 'Add `schema.response` with a schema per status the route answers (TypeBox or JSON Schema).',
      fingerprintParts: [method, url],
    });
  }
  for (const reference of extraction.unresolvedReferences) {
    context.report({
      ruleId: CONTRACT_RULES.unresolvedReference,
      file: appFile,
      line: 1,
      column: 1,
      message: `The schema reference ${reference} resolves to no schema.`,
      hint: 'Register the referenced schema with app.addSchema (with a matching $id) or fix the reference.',
      fingerprintParts: [reference],
    });
  }
  for (const position of schemaPositions(extraction.document)) {
    for (const unsupported of findUnsupportedKeywords(position.schema as boolean | Record<string, unknown>)) {
      const pointer = `${position.pointer}${unsupported.path}`;
      context.report({
        ruleId: CONTRACT_RULES.unsupportedSchemaKeyword,
        file: snapshotPath,
        line: head.lineOf(pointer),
        column: 1,
        message: `Schema keyword ${unsupported.keyword} at ${pointer}: ${unsupported.reason}.`,
        hint: 'Property tests stay correct but may be slow or give up on this schema; prefer the supported keywords listed in docs/harness.md.',
        fingerprintParts: [pointer, unsupported.keyword],
      });
    }
  }
  const file = path.resolve(context.root, snapshotPath);
  if (!existsSync(file)) {
    context.report({
      ruleId: CONTRACT_RULES.snapshotMissing,
      file: snapshotPath,
      line: 1,
      column: 1,
      message: `The contract snapshot ${snapshotPath} does not exist.`,
      hint: 'Run `npvguard contracts update` and commit the snapshot.',
      fingerprintParts: [snapshotPath],
    });
    return { head, headText, drift: true, routes };
  }
  const committed = readFileSync(file, 'utf8');
  try {
    parseApiDocument(committed, snapshotPath);
  } catch (error) {
    if (error instanceof DocumentParseError) throw new NpvError('NPV2101', `The contract snapshot ${snapshotPath} is malformed: ${error.message}`, { file: snapshotPath });
    throw error;
  }
  if (committed === headText) return { head, headText, drift: false, routes };
  const diff = lineDiff(committed, headText);
  context.report({
    ruleId: CONTRACT_RULES.snapshotDrift,
    file: snapshotPath,
    line: diff.firstChangedLine,
    column: 1,
    message: `The contract extracted from the code differs from ${snapshotPath} (${diff.removed} lines removed, ${diff.added} added):\n${diff.text}`,
    hint: 'If the change is intended, run `npvguard contracts update` and commit the snapshot with the code; otherwise restore the route schemas.',
    fingerprintParts: [snapshotPath],
    data: { diff: diff.text, added: diff.added, removed: diff.removed },
  });
  return { head, headText, drift: true, routes };
}

/** Methods an OpenAPI document has operations for; the extraction leaves others out. */
const DOCUMENTED_METHODS = new Set(['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE']);
