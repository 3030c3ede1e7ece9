import fc from 'fast-check';

/**
 * Strings matching a regular expression, for the subset of `pattern` syntax generation supports:
 * literals and escaped literals, `.`, classes `[a-z0-9_-]` and negated classes, `\d \w \s` (and `\D \W \S`),
 * groups `( )` and `(?: )` with `|`, quantifiers `* + ? {n} {n,} {n,m}` (lazy forms too), and `^`/`$`
 * anchors. Not supported: backreferences, lookaround, `\b`, `\p{...}`, named groups; for those
 * `patternArbitrary` returns undefined and callers fall back to filtering.
 */
type PatternNode =
  | { kind: 'chars'; chars: readonly string[] }
  | { kind: 'sequence'; items: readonly PatternNode[] }
  | { kind: 'choice'; options: readonly PatternNode[] }
  | { kind: 'repeat'; item: PatternNode; min: number; max: number };

/** Unbounded quantifiers repeat at most this many times past their minimum: enough to vary, short to read. */
const OPEN_REPEAT = 4;

const PRINTABLE = Array.from({ length: 95 }, (_, index) => String.fromCharCode(32 + index));
const DIGITS = PRINTABLE.filter((char) => /\d/.test(char));
const WORD = PRINTABLE.filter((char) => /\w/.test(char));
const SPACE = [' ', '\t', '\n'];

class UnsupportedPattern extends Error {}

class PatternParser {
  private position = 0;
  constructor(private readonly source: string) {}

  parse(): PatternNode {
    const node = this.alternation();
    if (this.position < this.source.length) throw new UnsupportedPattern(`unexpected ${this.source[this.position]}`);
    return node;
  }

  private peek(): string | undefined {
    return this.source[this.position];
  }

  private alternation(): PatternNode {
    const options = [this.sequence()];
    while (this.peek() === '|') {
      this.position += 1;
      options.push(this.sequence());
    }
    return options.length === 1 && options[0] !== undefined ? options[0] : { kind: 'choice', options };
  }

  private sequence(): PatternNode {
    const items: PatternNode[] = [];
    for (let char = this.peek(); char !== undefined && char !== '|' && char !== ')'; char = this.peek()) {
      if (char === '^' || char === '$') {
        this.position += 1;
        continue;
      }
      items.push(this.quantified(this.atom()));
    }
    return { kind: 'sequence', items };
  }

  private atom(): PatternNode {
    const char = this.peek();
    this.position += 1;
    if (char === '(') {
      if (this.source.startsWith('?:', this.position)) this.position += 2;
      else if (this.peek() === '?') throw new UnsupportedPattern('lookaround or named group');
      const inner = this.alternation();
      if (this.peek() !== ')') throw new UnsupportedPattern('unclosed group');
      this.position += 1;
      return inner;
    }
    if (char === '[') return this.characterClass();
    if (char === '.') return { kind: 'chars', chars: PRINTABLE.filter((item) => item !== '\n') };
    if (char === '\\') return { kind: 'chars', chars: this.escape() };
    if (char === undefined || char === '*' || char === '+' || char === '?' || char === '{') throw new UnsupportedPattern('misplaced quantifier');
    return { kind: 'chars', chars: [char] };
  }

  private escape(): string[] {
    const char = this.peek();
    this.position += 1;
    switch (char) {
      case 'd':
        return DIGITS;
      case 'w':
        return WORD;
      case 's':
        return SPACE;
      case 'D':
        return PRINTABLE.filter((item) => !DIGITS.includes(item));
      case 'W':
        return PRINTABLE.filter((item) => !WORD.includes(item));
      case 'S':
        return PRINTABLE.filter((item) => !SPACE.includes(item));
      case 'n':
        return ['\n'];
      case 't':
        return ['\t'];
      case undefined:
        throw new UnsupportedPattern('dangling escape');
      default:
        if (/[A-Za-z0-9]/.test(char)) throw new UnsupportedPattern(`escape \\${char}`);
        return [char];
    }
  }

  private characterClass(): PatternNode {
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      this.position += 1;
    }
    const members = new Set<string>();
    let first = true;
    for (let char = this.peek(); char !== undefined && (char !== ']' || first); char = this.peek()) {
      first = false;
      this.position += 1;
      let start: string[];
      if (char === '\\') start = this.escape();
      else start = [char];
      if (this.peek() === '-' && start.length === 1 && this.source[this.position + 1] !== ']' && this.source[this.position + 1] !== undefined) {
        this.position += 1;
        let end = this.peek() ?? '';
        this.position += 1;
        if (end === '\\') {
          const escaped = this.escape();
          if (escaped.length !== 1) throw new UnsupportedPattern('class range to a class');
          end = escaped[0] ?? '';
        }
        const from = (start[0] ?? '').charCodeAt(0);
        const to = end.charCodeAt(0);
        if (to < from) throw new UnsupportedPattern('reversed range');
        for (let code = from; code <= to; code += 1) members.add(String.fromCharCode(code));
      } else {
        for (const member of start) members.add(member);
      }
    }
    if (this.peek() !== ']') throw new UnsupportedPattern('unclosed class');
    this.position += 1;
    const chars = negated ? PRINTABLE.filter((char) => !members.has(char)) : [...members];
    if (chars.length === 0) throw new UnsupportedPattern('empty class');
    return { kind: 'chars', chars };
  }

  private quantified(item: PatternNode): PatternNode {
    const char = this.peek();
    let bounds: [number, number] | undefined;
    if (char === '*') bounds = [0, OPEN_REPEAT];
    else if (char === '+') bounds = [1, 1 + OPEN_REPEAT];
    else if (char === '?') bounds = [0, 1];
    if (bounds !== undefined) {
      this.position += 1;
    } else if (char === '{') {
      const match = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.position));
      if (match === null) return item;
      this.position += match[0].length;
      const min = Number(match[1]);
      const max = match[2] === undefined ? min : match[3] === '' || match[3] === undefined ? min + OPEN_REPEAT : Number(match[3]);
      bounds = [min, max];
    } else {
      return item;
    }
    if (this.peek() === '?') this.position += 1;
    return { kind: 'repeat', item, min: bounds[0], max: bounds[1] };
  }
}

function toArbitrary(node: PatternNode): fc.Arbitrary<string> {
  switch (node.kind) {
    case 'chars':
      return fc.constantFrom(...node.chars);
    case 'sequence':
      if (node.items.length === 0) return fc.constant('');
      return fc.tuple(...node.items.map(toArbitrary)).map((parts) => parts.join(''));
    case 'choice':
      return fc.oneof(...node.options.map(toArbitrary));
    case 'repeat':
      return fc.array(toArbitrary(node.item), { minLength: node.min, maxLength: node.max }).map((parts) => parts.join(''));
  }
}

/** An arbitrary of strings matching `pattern`, or undefined when the pattern uses syntax outside the subset. */
export function patternArbitrary(pattern: string): fc.Arbitrary<string> | undefined {
  try {
    return toArbitrary(new PatternParser(pattern).parse());
  } catch (error) {
    if (error instanceof UnsupportedPattern) return undefined;
    throw error;
  }
}

/** Why a pattern falls outside the supported subset, or undefined when it is supported. */
export function unsupportedPatternReason(pattern: string): string | undefined {
  try {
    new PatternParser(pattern).parse();
    return undefined;
  } catch (error) {
    if (error instanceof UnsupportedPattern) return error.message;
    throw error;
  }
}
