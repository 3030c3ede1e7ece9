import type { ChangeKind } from '../../packages/cli/src/checks/contracts/diff/catalogue.js';
import type { SchemaPlace } from '../../packages/cli/src/checks/contracts/diff/concepts.js';
import { OASDIFF_LEVELS } from './contractCoverage.js';

type Where = 'request body' | 'query parameter' | 'header parameter' | 'response' | 'paths' | 'document';

interface Example {
  where: Where;
  old: unknown;
  new: unknown;
  versionPolicy?: boolean;
}

/** Examples of change ids that are not schema concepts, for the pages this script writes. */
const json = (schema: unknown): Record<string, unknown> => ({ 'application/json': { schema } });
const getItems = (operation: Record<string, unknown>): Record<string, unknown> => ({ '/items': { get: operation } });
const postItems = (operation: Record<string, unknown>): Record<string, unknown> => ({ '/items': { post: { responses: { 200: { description: 'ok' } }, ...operation } } });
const object = (properties: Record<string, unknown>, required: string[] = []): Record<string, unknown> => ({ type: 'object', properties, ...(required.length > 0 ? { required } : {}) });
const answer = (schema: unknown): Record<string, unknown> => getItems({ responses: { 200: { description: 'ok', content: json(schema) } } });

export const GENERATED_EXAMPLES: Readonly<Record<string, { incorrect: Example; correct?: Example; explain: string }>> = {
  'response-success-status-added': {
    explain: 'A 2xx answer was added to the operation. Old clients do not know it, but nothing they relied on was taken away.',
    incorrect: { where: 'paths', old: getItems({ responses: { 200: { description: 'ok' } } }), new: getItems({ responses: { 200: { description: 'ok' }, 202: { description: 'accepted' } } }) },
  },
  'response-non-success-status-added': {
    explain: 'An error answer was documented. Old clients already had to handle errors; nothing they relied on was taken away.',
    incorrect: { where: 'paths', old: getItems({ responses: { 200: { description: 'ok' } } }), new: getItems({ responses: { 200: { description: 'ok' }, 404: { description: 'not found' } } }) },
  },
  'api-version-decreased': {
    explain: '`info.version` went down. Nothing changes for clients on the wire, but the version no longer tells the order of releases.',
    incorrect: { where: 'document', versionPolicy: true, old: { openapi: '3.1.0', info: { title: 'items', version: '2.1.0' }, paths: {} }, new: { openapi: '3.1.0', info: { title: 'items', version: '2.0.0' }, paths: {} } } as unknown as Example,
  },
  'api-version-not-bumped': {
    explain: 'The change breaks clients, but `info.version` did not change: clients cannot tell the two contracts apart by their version. Safe changes under the same version are not reported.',
    incorrect: { where: 'document', versionPolicy: true, old: { openapi: '3.1.0', info: { title: 'items', version: '1.0.0' }, paths: { '/items': { get: { responses: { 200: { description: 'ok' } } }, delete: { responses: { 200: { description: 'ok' } } } } } }, new: { openapi: '3.1.0', info: { title: 'items', version: '1.0.0' }, paths: { '/items': { get: { responses: { 200: { description: 'ok' } } } } } } } as unknown as Example,
  },
  'api-major-version-not-bumped': {
    explain: 'The change breaks clients, but the major version of `info.version` stayed the same: semantic versioning asks for a new major version.',
    incorrect: { where: 'document', versionPolicy: true, old: { openapi: '3.1.0', info: { title: 'items', version: '1.0.0' }, paths: { '/items': { get: { responses: { 200: { description: 'ok' } } }, delete: { responses: { 200: { description: 'ok' } } } } } }, new: { openapi: '3.1.0', info: { title: 'items', version: '1.1.0' }, paths: { '/items': { get: { responses: { 200: { description: 'ok' } } } } } } } as unknown as Example,
  },
  'response-media-type-name-changed': {
    explain: 'An answer media type gained or lost parameters (`application/json` to `application/json; charset=utf-8`): it is the same media type.',
    incorrect: { where: 'paths', old: answer(object({})), new: getItems({ responses: { 200: { description: 'ok', content: { 'application/json; charset=utf-8': { schema: object({}) } } } } }) },
  },
  'response-write-only-property-became-optional': {
    explain: 'A write-only property of an answer became optional. Write-only values are never sent, so nothing changes for clients.',
    incorrect: { where: 'response', old: object({ a: { type: 'integer' }, secret: { type: 'string', writeOnly: true } }, ['secret']), new: object({ a: { type: 'integer' }, secret: { type: 'string', writeOnly: true } }) },
  },
  'response-write-only-property-became-required': {
    explain: 'A write-only property of an answer became required. Write-only values are never sent, so nothing changes for clients.',
    incorrect: { where: 'response', old: object({ a: { type: 'integer' }, secret: { type: 'string', writeOnly: true } }), new: object({ a: { type: 'integer' }, secret: { type: 'string', writeOnly: true } }, ['secret']) },
  },
  'response-write-only-property-enum-value-added': {
    explain: 'A value was added to the enum of a write-only answer property. It is never sent, so clients never see the new value.',
    incorrect: { where: 'response', old: object({ mode: { type: 'string', enum: ['a'], writeOnly: true } }), new: object({ mode: { type: 'string', enum: ['a', 'b'], writeOnly: true } }) },
  },
  ...Object.fromEntries(
    (['request', 'response'] as const).flatMap((side) =>
      (['body', 'property'] as const).flatMap((place) =>
        (['added', 'removed'] as const).map((action) => {
          const plain: Record<string, unknown> = place === 'body' ? object({ a: { type: 'integer' } }) : object({ value: { type: 'integer' } }, ['value']);
          const annotated: Record<string, unknown> =
            place === 'body' ? { allOf: [object({ a: { type: 'integer' } }), { description: 'an order' }] } : object({ value: { allOf: [{ type: 'integer' }, { description: 'how many' }] } }, ['value']);
          const inner = (annotate: boolean): Record<string, unknown> => (place === 'body' ? (annotate ? annotated : { allOf: [object({ a: { type: 'integer' } })] }) : annotate ? annotated : object({ value: { allOf: [{ type: 'integer' }] } }, ['value']));
          void plain;
          return [
            `${side}-${place}-all-of-${action}-annotation-only`,
            {
              explain: `An \`allOf\` branch that only annotates (a description) was ${action}. The values allowed do not change.`,
              incorrect: { where: side === 'request' ? 'request body' : 'response', old: inner(action === 'removed'), new: inner(action === 'added') } as Example,
            },
          ];
        }),
      ),
    ),
  ),
  'api-sunset-date-moved-earlier': {
    explain: 'The sunset of a deprecated operation was moved earlier. The new date still leaves the period the lifecycle policy asks for, but clients that planned their migration on the announced day lose time: a warning, so the reviewer sees it.',
    incorrect: { where: 'paths', old: getItems({ deprecated: true, 'x-sunset': '2099-01-01', responses: { 200: { description: 'ok' } } }), new: getItems({ deprecated: true, 'x-sunset': '2098-01-01', responses: { 200: { description: 'ok' } } }) },
    correct: { where: 'paths', old: getItems({ deprecated: true, 'x-sunset': '2098-01-01', responses: { 200: { description: 'ok' } } }), new: getItems({ deprecated: true, 'x-sunset': '2099-01-01', responses: { 200: { description: 'ok' } } }) },
  },
  'request-parameter-sunset-date-moved-earlier': {
    explain: 'The sunset of a deprecated parameter was moved earlier, still within the lifecycle policy. Clients that planned on the announced day lose time: a warning, so the reviewer sees it.',
    incorrect: {
      where: 'paths',
      old: getItems({ parameters: [{ name: 'page', in: 'query', deprecated: true, 'x-sunset': '2099-01-01', schema: { type: 'integer' } }], responses: { 200: { description: 'ok' } } }),
      new: getItems({ parameters: [{ name: 'page', in: 'query', deprecated: true, 'x-sunset': '2098-01-01', schema: { type: 'integer' } }], responses: { 200: { description: 'ok' } } }),
    },
  },
  'request-parameter-serialization-changed': {
    explain: 'A list or object query parameter changed its `style` or `explode`. Old clients keep sending it the old way (`ids=1&ids=2`), which the server now reads differently (as `ids=1,2` expects), so their filters or lists are lost or refused.',
    incorrect: {
      where: 'paths',
      old: getItems({ parameters: [{ name: 'ids', in: 'query', schema: { type: 'array', items: { type: 'integer' } } }], responses: { 200: { description: 'ok' } } }),
      new: getItems({ parameters: [{ name: 'ids', in: 'query', style: 'pipeDelimited', schema: { type: 'array', items: { type: 'integer' } } }], responses: { 200: { description: 'ok' } } }),
    },
    correct: {
      where: 'paths',
      old: getItems({ parameters: [{ name: 'ids', in: 'query', schema: { type: 'array', items: { type: 'integer' } } }], responses: { 200: { description: 'ok' } } }),
      new: getItems({ parameters: [{ name: 'ids', in: 'query', style: 'form', explode: true, schema: { type: 'array', items: { type: 'integer' } } }], responses: { 200: { description: 'ok' } } }),
    },
  },
  'request-body-added-required': {
    explain: 'The operation now requires a body. Old clients send none and are refused.',
    incorrect: { where: 'paths', old: postItems({}), new: postItems({ requestBody: { required: true, content: json(object({ a: { type: 'integer' } })) } }) },
    correct: { where: 'paths', old: postItems({}), new: postItems({ requestBody: { content: json(object({ a: { type: 'integer' } })) } }) },
  },
  'request-body-added-optional': {
    explain: 'The operation now describes an optional body. Old clients send none, which is still accepted.',
    incorrect: { where: 'paths', old: postItems({}), new: postItems({ requestBody: { content: json(object({ a: { type: 'integer' } })) } }) },
  },
  'request-body-media-type-added': {
    explain: 'The request body accepts one more media type. Old clients keep sending the ones they did.',
    incorrect: { where: 'paths', old: postItems({ requestBody: { content: json(object({})) } }), new: postItems({ requestBody: { content: { ...json(object({})), 'text/plain': { schema: { type: 'string' } } } } }) },
  },
  'request-body-media-type-removed': {
    explain: 'A media type the request body accepted is gone. Clients that send it (a form, plain text) are refused with a 415.',
    incorrect: { where: 'paths', old: postItems({ requestBody: { content: { ...json(object({})), 'text/plain': { schema: { type: 'string' } } } } }), new: postItems({ requestBody: { content: json(object({})) } }) },
    correct: { where: 'paths', old: postItems({ requestBody: { content: json(object({})) } }), new: postItems({ requestBody: { content: { ...json(object({})), 'text/plain': { schema: { type: 'string' } } } } }) },
  },
  'request-body-media-type-schema-added': {
    explain: 'A request media type that took anything now has a schema: bodies that do not match it are refused.',
    incorrect: { where: 'paths', old: postItems({ requestBody: { content: { 'application/x-www-form-urlencoded': {} } } }), new: postItems({ requestBody: { content: { 'application/x-www-form-urlencoded': { schema: object({ a: { type: 'integer' } }, ['a']) } } } }) },
  },
  'request-body-media-type-schema-removed': {
    explain: 'A request media type lost its schema: it takes anything now, so every old body still passes.',
    incorrect: { where: 'paths', old: postItems({ requestBody: { content: { 'application/x-www-form-urlencoded': { schema: object({ a: { type: 'integer' } }) } } } }), new: postItems({ requestBody: { content: { 'application/x-www-form-urlencoded': {} } } }) },
  },
  'response-media-type-added': {
    explain: 'An answer is also described in another media type. Clients that ask for the old one still get it.',
    incorrect: { where: 'paths', old: answer(object({})), new: getItems({ responses: { 200: { description: 'ok', content: { ...json(object({})), 'text/csv': { schema: { type: 'string' } } } } } }) },
  },
  'response-media-type-removed': {
    explain: 'An answer is no longer described in a media type it had. Clients that ask for it (`Accept`) no longer get it.',
    incorrect: { where: 'paths', old: getItems({ responses: { 200: { description: 'ok', content: { ...json(object({})), 'text/csv': { schema: { type: 'string' } } } } } }), new: answer(object({})) },
    correct: { where: 'paths', old: answer(object({})), new: getItems({ responses: { 200: { description: 'ok', content: { ...json(object({})), 'text/csv': { schema: { type: 'string' } } } } } }) },
  },
  'response-media-type-name-generalized': {
    explain: 'An answer\'s media type became a wildcard or a base type: clients may get a media type they cannot read.',
    incorrect: { where: 'paths', old: getItems({ responses: { 200: { description: 'ok', content: { 'application/vnd.items+json': { schema: object({}) } } } } }), new: getItems({ responses: { 200: { description: 'ok', content: { 'application/*': { schema: object({}) } } } } }) },
  },
  'response-media-type-name-specialized': {
    explain: 'An answer\'s media type became more specific (`application/json` to `application/vnd.items+json`): what clients get is still what they asked for.',
    incorrect: { where: 'paths', old: answer(object({})), new: getItems({ responses: { 200: { description: 'ok', content: { 'application/vnd.items+json': { schema: object({}) } } } } }) },
  },
  'response-body-media-type-schema-added': {
    explain: 'An answer media type that said nothing of its shape now has a schema.',
    incorrect: { where: 'paths', old: getItems({ responses: { 200: { description: 'ok', content: { 'text/csv': {} } } } }), new: getItems({ responses: { 200: { description: 'ok', content: { 'text/csv': { schema: { type: 'string' } } } } } }) },
  },
  'response-body-media-type-schema-removed': {
    explain: 'An answer media type lost its schema: answers of any shape may come, and clients cannot rely on the old one.',
    incorrect: { where: 'paths', old: getItems({ responses: { 200: { description: 'ok', content: { 'text/csv': { schema: { type: 'string' } } } } } }), new: getItems({ responses: { 200: { description: 'ok', content: { 'text/csv': {} } } } }) },
  },
  'new-required-request-property-with-default': {
    explain: 'A required property was added to a request body. Its default does not help: a required property must be sent, so old requests without it are refused.',
    incorrect: { where: 'request body', old: object({ a: { type: 'integer' } }), new: object({ a: { type: 'integer' }, b: { type: 'integer', default: 1 } }, ['b']) },
    correct: { where: 'request body', old: object({ a: { type: 'integer' } }), new: object({ a: { type: 'integer' }, b: { type: 'integer', default: 1 } }) },
  },
  'request-property-became-required-with-default': {
    explain: 'An optional request property with a default became required: old requests that relied on the default are refused.',
    incorrect: { where: 'request body', old: object({ a: { type: 'integer', default: 1 } }), new: object({ a: { type: 'integer', default: 1 } }, ['a']) },
  },
  'new-required-request-header-property': {
    explain: 'An object header parameter gained a required property: old clients send the header without it and are refused.',
    incorrect: { where: 'header parameter', old: object({ a: { type: 'integer' } }), new: object({ a: { type: 'integer' }, b: { type: 'integer' } }, ['b']) },
  },
  'request-header-property-became-required': {
    explain: 'A property of an object header parameter became required: old clients that leave it out are refused.',
    incorrect: { where: 'header parameter', old: object({ a: { type: 'integer' }, b: { type: 'integer' } }), new: object({ a: { type: 'integer' }, b: { type: 'integer' } }, ['b']) },
  },




  'response-optional-write-only-property-added': {
    explain: 'A write-only property was added to an answer\'s schema: it is never sent, so nothing changes for clients.',
    incorrect: { where: 'response', old: object({ a: { type: 'integer' } }), new: object({ a: { type: 'integer' }, secret: { type: 'string', writeOnly: true } }) },
  },
  'response-required-write-only-property-added': {
    explain: 'A required write-only property was added to an answer\'s schema: it is never sent, so nothing changes for clients.',
    incorrect: { where: 'response', old: object({ a: { type: 'integer' } }), new: object({ a: { type: 'integer' }, secret: { type: 'string', writeOnly: true } }, ['secret']) },
  },
  'response-optional-write-only-property-removed': {
    explain: 'A write-only property was removed from an answer\'s schema: it was never sent.',
    incorrect: { where: 'response', old: object({ a: { type: 'integer' }, secret: { type: 'string', writeOnly: true } }), new: object({ a: { type: 'integer' } }) },
  },
  'response-required-write-only-property-removed': {
    explain: 'A required write-only property was removed from an answer\'s schema: it was never sent.',
    incorrect: { where: 'response', old: object({ a: { type: 'integer' }, secret: { type: 'string', writeOnly: true } }, ['secret']), new: object({ a: { type: 'integer' } }) },
  },
  ...Object.fromEntries(
    (['request', 'response'] as const).flatMap((side) => {
      const pair = (before: Record<string, unknown>, after: Record<string, unknown>, stability?: string): Example => {
        const operation = (property: Record<string, unknown>): Record<string, unknown> => {
          const schema = object({ a: { type: 'integer', ...property } });
          const extra = stability === undefined ? {} : { 'x-stability-level': stability };
          return side === 'request' ? postItems({ requestBody: { content: json(schema) }, ...extra }) : getItems({ responses: { 200: { description: 'ok', content: json(schema) } }, ...extra });
        };
        return { where: 'paths', old: operation(before), new: operation(after) };
      };
      const subject = side === 'request' ? 'A request body property' : 'An answer property';
      return [
        [`${side}-property-deprecated`, { explain: `${subject} was deprecated, as the lifecycle policy of its operation's stability level allows (here a draft operation, which promises no period).`, incorrect: pair({}, { deprecated: true }, 'draft') }],
        [`${side}-property-deprecated-with-sunset`, { explain: `${subject} was deprecated with an \`x-sunset\` far enough away for the lifecycle policy.`, incorrect: pair({}, { deprecated: true, 'x-sunset': '2099-01-01' }) }],
        [`${side}-property-deprecated-sunset-missing`, { explain: `${subject} was deprecated without an \`x-sunset\`, while the policy asks stable operations for 180 days' notice (\`contracts.lifecycle\`). Clients do not know until when they can rely on it.`, incorrect: pair({}, { deprecated: true }), correct: pair({}, { deprecated: true, 'x-sunset': '2099-01-01' }) }],
        [`${side}-property-deprecated-sunset-invalid`, { explain: `${subject} was deprecated with an \`x-sunset\` that is not an RFC 3339 date, so clients cannot plan for it.`, incorrect: pair({}, { deprecated: true, 'x-sunset': 'next spring' }), correct: pair({}, { deprecated: true, 'x-sunset': '2099-01-01' }) }],
        [`${side}-property-sunset-date-too-small`, { explain: `${subject} was deprecated with a sunset sooner than the policy allows for its operation's stability level (180 days for stable).`, incorrect: pair({}, { deprecated: true, 'x-sunset': '2020-01-01' }), correct: pair({}, { deprecated: true, 'x-sunset': '2099-01-01' }) }],
        [`${side}-property-reactivated`, { explain: `${subject} is no longer deprecated: clients may keep using it.`, incorrect: pair({ deprecated: true, 'x-sunset': '2099-01-01' }, {}) }],
        [`${side}-property-stability-decreased`, { explain: `${subject}'s \`x-stability-level\` went down (stable to beta): clients built on a stable promise get a weaker one.`, incorrect: pair({ 'x-stability-level': 'stable' }, { 'x-stability-level': 'beta' }), correct: pair({ 'x-stability-level': 'beta' }, { 'x-stability-level': 'stable' }) }],
        [`${side}-property-stability-increased`, { explain: `${subject}'s \`x-stability-level\` went up.`, incorrect: pair({ 'x-stability-level': 'beta' }, { 'x-stability-level': 'stable' }) }],
      ] as Array<[string, { explain: string; incorrect: Example; correct?: Example }]>;
    }),
  ),
  ...Object.fromEntries(
    (['optional', 'required'] as const).flatMap((which) =>
      (['read-only', 'not-read-only', 'write-only', 'not-write-only'] as const).flatMap((state) =>
        (['request', 'response'] as const).map((side) => {
          const flag = state.endsWith('read-only') ? 'readOnly' : 'writeOnly';
          const on = !state.startsWith('not-');
          const schema = (set: boolean): Record<string, unknown> => object({ a: { type: 'integer', ...(set ? { [flag]: true } : {}) } }, which === 'required' ? ['a'] : []);
          return [
            `${side}-${which}-property-became-${state}`,
            {
              explain: `A ${which} property of the ${side === 'request' ? 'request body' : 'answer'} ${on ? 'was marked' : 'is no longer'} \`${flag}\`. ${side === 'request' ? 'Servers ignore read-only values clients send, and write-only values are what clients send' : 'Write-only values are never sent, read-only ones always may be'}: the values accepted do not change.`,
              incorrect: { where: side === 'request' ? 'request body' : 'response', old: schema(!on), new: schema(on) } as Example,
            },
          ];
        }),
      ),
    ),
  ),
  ...Object.fromEntries(
    (
      [
        ['enum-value-removed', { type: 'string', enum: ['a', 'b'] }, { type: 'string', enum: ['a'] }],
        ['max-decreased', { type: 'integer', maximum: 50 }, { type: 'integer', maximum: 30 }],
        ['max-length-decreased', { type: 'string', maxLength: 20 }, { type: 'string', maxLength: 10 }],
        ['min-increased', { type: 'integer', minimum: 1 }, { type: 'integer', minimum: 5 }],
        ['exclusive-max-decreased', { type: 'integer', exclusiveMaximum: 50 }, { type: 'integer', exclusiveMaximum: 30 }],
        ['exclusive-min-increased', { type: 'integer', exclusiveMinimum: 1 }, { type: 'integer', exclusiveMinimum: 5 }],
      ] as const
    ).map(([concept, before, after]) => [
      `request-read-only-property-${concept}`,
      {
        explain: 'A request property marked `readOnly` was tightened. Clients do not send read-only values (the server sets them), so no request is refused.',
        incorrect: { where: 'request body', old: object({ id: { ...before, readOnly: true } }), new: object({ id: { ...after, readOnly: true } }) } as Example,
      },
    ]),
  ),
};

/** A schema concept's example placed where the id's place says. */
function placed(place: SchemaPlace, schema: unknown): { where: Where; schema: unknown } {
  const wrap = (value: unknown): unknown => ({ type: 'object', required: ['value'], properties: { value } });
  switch (place) {
    case 'request-body':
      return { where: 'request body', schema };
    case 'request-property':
      return { where: 'request body', schema: wrap(schema) };
    case 'request-parameter':
      return { where: 'query parameter', schema };
    case 'request-parameter-property':
      return { where: 'query parameter', schema: wrap(schema) };
    case 'request-header-property':
      return { where: 'header parameter', schema: wrap(schema) };
    case 'response-body':
      return { where: 'response', schema };
    case 'response-property':
      return { where: 'response', schema: wrap(schema) };
  }
}

function exampleBlock(kind: 'incorrect' | 'correct', example: Example): string {
  return ['```yaml contract-example ' + kind, `where: ${example.where}`, ...(example.versionPolicy === true ? ['versionPolicy: true'] : []), `old: ${JSON.stringify(example.old)}`, `new: ${JSON.stringify(example.new)}`, '```'].join('\n');
}

const LEVEL_WORDS = { error: 'it breaks clients', warning: 'it may break clients', info: 'a safe change, it never fails a run' } as const;

function oasdiffLine(id: string): string {
  const level = OASDIFF_LEVELS.get(id);
  if (level === undefined) return 'oasdiff has no id for this change; the [coverage table](../../checks/contracts-coverage.md) lists the ids it has and what npvguard reports for each.';
  return `oasdiff reports the same change as \`${id}\` (${level}); see the [coverage table](../../checks/contracts-coverage.md).`;
}

/** The rule page of one change id. */
export function pageFor(kind: ChangeKind): string {
  const own = GENERATED_EXAMPLES[kind.id];
  const concept = kind.concept;
  let incorrect: Example;
  let correct: Example;
  let explain: string;
  if (concept !== undefined) {
    const before = placed(concept.place, concept.concept.example.old);
    const after = placed(concept.place, concept.concept.example.new);
    incorrect = { where: before.where, old: before.schema, new: after.schema };
    const safe = concept.concept.safe ?? { old: concept.concept.example.old, new: concept.concept.example.old };
    correct = { where: before.where, old: placed(concept.place, safe.old).schema, new: placed(concept.place, safe.new).schema };
    const side = concept.concept.side;
    explain =
      side === 'request'
        ? kind.level === 'info'
          ? 'Every request the old contract accepted is still accepted: old clients are not affected.'
          : 'The new schema may refuse a value the old one accepted. A client that sends such a value was served before and is refused with a 400 now, although the client did not change.'
        : kind.level === 'info'
          ? 'Every answer the new contract allows was allowed by the old one: old clients are not affected.'
          : 'The new schema allows an answer the old one did not. A client written against the old contract may get a value it does not expect and fail on it.';
  } else if (own !== undefined) {
    incorrect = own.incorrect;
    correct = own.correct ?? { ...own.incorrect, new: own.incorrect.old };
    explain = own.explain;
  } else {
    throw new Error(`no example for ${kind.id}`);
  }
  const witness =
    kind.level === 'error'
      ? '\n\nThe finding carries a **witness**: a concrete request or answer one contract allows and the other refuses, checked with ajv against both. When none is found, the change is kept as a warning that says it may not break clients.'
      : kind.level === 'warning'
        ? '\n\nA witness is attached when one is found; the change stays a warning either way, because whether clients break depends on more than the schemas.'
        : '';
  const correctText = concept?.concept.safe !== undefined || own?.correct !== undefined ? 'A look-alike that is not this change:' : 'The same schema on both sides: nothing is reported.';
  return `# contracts/${kind.id}

> ${kind.description}

Reported with \`--base <ref>\` by the semantic diff of the contracts check, and by \`npvguard contracts diff <old> <new>\`. Level **${kind.level}**: ${LEVEL_WORDS[kind.level]}. ${oasdiffLine(kind.id)}

${explain}${witness}

## Examples

Each example is a pair, \`old\` at the base and \`new\` in the change. \`where\` places them in a whole OpenAPI document: the body of \`POST /items\` (\`request body\`), the required query parameter \`q\` or header \`x-q\` of \`GET /items\` (\`query parameter\`, \`header parameter\`), the 200 answer of \`GET /items\` (\`response\`), or the whole \`paths\` object (\`paths\`).

### ❌ Reported

${exampleBlock('incorrect', incorrect)}

### ✅ Not reported

${correctText}

${exampleBlock('correct', correct)}

## How to fix

${
  kind.level === 'info'
    ? 'Nothing to fix: the change is safe for old clients.'
    : `Keep accepting what old clients send and keep sending what they read: undo the change, or make the new behaviour something clients opt into. If the API must change, ship the new contract on a new versioned path (\`/v2/...\`) next to the old one. When every client has been told, acknowledge this one change in \`contracts/changes.json\` with the reason (\`{ "id": "${kind.id}", "method": ..., "path": ..., "reason": ... }\`, see [the contracts check](../../checks/contracts.md#the-semantic-diff)).`
}

## When not to use it

Do not turn it off to let one change through: acknowledge that change in \`contracts/changes.json\`, so the next one is still caught. Turning it off (\`rules: { 'contracts/${kind.id}': 'off' }\`) fits an API with no clients outside the team yet.
`;
}
