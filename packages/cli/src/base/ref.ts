import { NpvError } from '@npvguard/core';

/** Characters a git revision may use here: names, `~n`, `^n`, `@{...}`. Anything else (spaces, `;`, `$`, quotes...) is refused. */
const SAFE_REF = /^[A-Za-z0-9._/@^~{}-]+$/;

/**
 * Checks a `--base` value before any git command sees it. The value is never passed through a shell, but a
 * value git would read as an option (`-...`) or a range/path trick (`..`) is refused just the same.
 */
export function validateGitRef(ref: string): string {
  const unsafe =
    !SAFE_REF.test(ref) || ref.startsWith('-') || ref.startsWith('..') || ref.includes('..') || ref.endsWith('.lock') || ref.length > 256;
  if (unsafe) {
    throw new NpvError(
      'NPV2004',
      `The --base ref ${JSON.stringify(ref)} is not a safe git revision: it may use only letters, digits and . _ / @ ^ ~ { } -, must not start with "-" and must not contain "..". It was not passed to git.`,
      { ref },
    );
  }
  return ref;
}
