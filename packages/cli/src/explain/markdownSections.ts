/** One heading of a Markdown page and the lines under it, up to the next heading of the same or a higher level. */
export interface MarkdownSection {
  level: number;
  title: string;
  /** The heading line and its body. */
  text: string;
}

const HEADING = /^(#{1,6})\s+(.*?)\s*$/;

/** Headings inside fenced code blocks are code, not structure. */
export function markdownSections(markdown: string): MarkdownSection[] {
  const lines = markdown.split('\n');
  const headings: { index: number; level: number; title: string }[] = [];
  let fence: string | undefined;
  lines.forEach((line, index) => {
    const fenceMatch = /^\s*(```|~~~)/.exec(line);
    if (fenceMatch !== null) {
      const marker = fenceMatch[1];
      if (fence === undefined) fence = marker;
      else if (fence === marker) fence = undefined;
      return;
    }
    if (fence !== undefined) return;
    const heading = HEADING.exec(line);
    if (heading?.[1] !== undefined && heading[2] !== undefined) headings.push({ index, level: heading[1].length, title: heading[2] });
  });
  return headings.map((heading, position) => {
    const next = headings.slice(position + 1).find((candidate) => candidate.level <= heading.level);
    const end = next === undefined ? lines.length : next.index;
    return { level: heading.level, title: heading.title, text: lines.slice(heading.index, end).join('\n').trimEnd() };
  });
}

/** A heading's text as an id: backticks and surrounding space removed. */
export function headingId(title: string): string {
  return title.replace(/`/g, '').trim();
}
