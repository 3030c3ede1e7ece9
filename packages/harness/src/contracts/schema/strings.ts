import fc from 'fast-check';
import type { SchemaObject } from './jsonSchema.js';
import { patternArbitrary } from './pattern.js';

const lowerWord = (minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), minLength, maxLength });
const alphanumericWord = (minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'), minLength, maxLength });

// Dates stay within years that every format validator reads the same way.
const instant = fc.date({ min: new Date('1970-01-01T00:00:00.000Z'), max: new Date('2099-12-31T23:59:59.999Z'), noInvalidDate: true });

/**
 * Generators for the formats of the supported subset. Each produces the plain, common shape of the format
 * (a `user@host.tld` email, an `https://` URI), which every validator accepts.
 */
export const FORMAT_ARBITRARIES: Readonly<Record<string, fc.Arbitrary<string>>> = {
  'date-time': instant.map((date) => date.toISOString()),
  date: instant.map((date) => date.toISOString().slice(0, 10)),
  time: instant.map((date) => `${date.toISOString().slice(11, 19)}Z`),
  uuid: fc.uuid(),
  email: fc.tuple(alphanumericWord(1, 10), lowerWord(1, 10), lowerWord(2, 3)).map(([local, domain, top]) => `${local}@${domain}.${top}`),
  uri: fc
    .tuple(lowerWord(1, 10), lowerWord(2, 3), fc.array(alphanumericWord(1, 6), { maxLength: 3 }))
    .map(([host, top, segments]) => `https://${host}.${top}/${segments.join('/')}`),
  hostname: fc.tuple(lowerWord(1, 10), lowerWord(2, 3)).map(([host, top]) => `${host}.${top}`),
  ipv4: fc.ipV4(),
};

/** Formats generation knows; other formats are generated as plain strings and filtered. */
export const SUPPORTED_FORMATS: readonly string[] = [...Object.keys(FORMAT_ARBITRARIES), 'url'];

/** Longest string generated when the schema sets no maxLength: long enough to vary, short enough to read. */
const OPEN_LENGTH = 12;

/**
 * Strings for a schema's string keywords. Length bounds count code points (as JSON Schema does), so
 * plain strings use printable ASCII, one code point per character. Whether a format or pattern string
 * also meets the length bounds is left to the caller's filter.
 */
export function stringArbitrary(schema: SchemaObject): fc.Arbitrary<string> {
  const format = typeof schema['format'] === 'string' ? schema['format'] : undefined;
  const known = format === undefined ? undefined : FORMAT_ARBITRARIES[format === 'url' ? 'uri' : format];
  if (known !== undefined) return known;
  if (typeof schema['pattern'] === 'string') {
    const matching = patternArbitrary(schema['pattern']);
    if (matching !== undefined) return matching;
  }
  const minLength = typeof schema['minLength'] === 'number' ? schema['minLength'] : 0;
  const maxLength = typeof schema['maxLength'] === 'number' ? schema['maxLength'] : minLength + OPEN_LENGTH;
  return fc.string({ minLength, maxLength: Math.max(minLength, Math.min(maxLength, minLength + 64)) });
}
