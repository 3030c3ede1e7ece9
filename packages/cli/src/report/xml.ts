/** Whether XML 1.0 can hold the character at all (tab, newline, carriage return and the printable planes). */
function isXmlCharacter(code: number): boolean {
  if (code === 0x9 || code === 0xa || code === 0xd) return true;
  if (code < 0x20) return false;
  // A lone surrogate (a broken UTF-16 pair) is no character either.
  if (code >= 0xd800 && code <= 0xdfff) return false;
  return code !== 0xfffe && code !== 0xffff;
}

/** Escapes text for an XML attribute value or element content; characters XML cannot hold are dropped. */
export function escapeXml(text: string): string {
  let kept = '';
  for (const character of text) {
    if (isXmlCharacter(character.codePointAt(0) ?? 0)) kept += character;
  }
  return kept
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
