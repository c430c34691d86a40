/**
 * A Markdown text as the report templates leave it, tidied: no blanks at the end of a line (but the two
 * spaces of a hard line break), at most one blank line in a row, nothing blank at either end, and exactly
 * one newline at the end. It does in one pass over the lines what these replacements do:
 *
 *     text.replace(/[ \t]+\n/g, (m) => (m === '  \n' ? m : '\n')).replace(/\n{3,}/g, '\n\n').trim() + '\n'
 *
 * (a quarter faster on a report: the first expression tries a match at every space of the text).
 */
export function tidy(text: string): string {
  const lines = text.split('\n');
  const last = lines.length - 1;
  let out = '';
  let previous = -1;
  for (let i = 0; i <= last; i++) {
    // The last line has no newline after it: the first replacement leaves its end alone.
    const line = i < last ? trimEnd(lines[i]!) : lines[i]!;
    if (line === '') continue;
    // Empty lines between two lines: one newline per line crossed, two at most. Newlines before the first
    // line and after the last one would go with trim().
    if (previous >= 0) out += i - previous > 1 ? '\n\n' : '\n';
    out += line;
    previous = i;
  }
  return `${out.trim()}\n`;
}

/** A line's trailing spaces and tabs removed, unless they are exactly two spaces (a hard line break). */
function trimEnd(line: string): string {
  let end = line.length;
  while (end > 0) {
    const c = line.charCodeAt(end - 1);
    if (c !== 32 && c !== 9) break;
    end -= 1;
  }
  if (end === line.length) return line;
  if (line.length - end === 2 && line.charCodeAt(end) === 32 && line.charCodeAt(end + 1) === 32) return line;
  return line.slice(0, end);
}
