/** What colour depends on: the environment, and whether the output is a terminal. */
type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Whether to colour output for a stream. FORCE_COLOR wins when set (`0`/`false` turn colour off), as in
 * Node itself; then a non-empty NO_COLOR turns it off; otherwise only a TTY gets colour.
 */
export function colorEnabled(env: Environment, stream: { isTTY?: boolean } | undefined): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream?.isTTY === true;
}

export interface Palette {
  red(text: string): string;
  yellow(text: string): string;
  blue(text: string): string;
  green(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
  underline(text: string): string;
}

function wrap(open: number, close: number): (text: string) => string {
  return (text) => `\u001b[${open}m${text}\u001b[${close}m`;
}

const COLORS: Palette = {
  red: wrap(31, 39),
  yellow: wrap(33, 39),
  blue: wrap(34, 39),
  green: wrap(32, 39),
  dim: wrap(2, 22),
  bold: wrap(1, 22),
  underline: wrap(4, 24),
};

const identity = (text: string): string => text;
const PLAIN: Palette = { red: identity, yellow: identity, blue: identity, green: identity, dim: identity, bold: identity, underline: identity };

export function palette(color: boolean): Palette {
  return color ? COLORS : PLAIN;
}
