/**
 * A Markdown text as the report templates leave it, tidied: no blanks at the end of a line (but the two
 * spaces of a hard line break), at most one blank line in a row, nothing blank at either end, and exactly
 * one newline at the end. It does in one pass over the lines what these replacements do:
 *
 *     text.replace(/[ \t]+\n/g, (m) => (m === '  \n' ? m : '\n')).replace(/\n{3,}/g, '\n\n').trim() + '\n'
 *
 * (the first expression tries a match at every space of the text; a report from the built-in templates
 * usually needs nothing, and then its text is not copied).
 */
export function tidy(text: string): string {
  const lines = text.split('\n');
  const last = lines.length - 1;
  let kept = 0;
  let changed = false;
  for (let i = 0; i <= last; i++) {
    // The last line has no newline after it: the first replacement leaves its end alone.
    const line = i < last ? trimEnd(lines[i]!) : lines[i]!;
    if (line !== lines[i]) changed = true;
    // An empty line after an empty line is one newline too many. (At either end, the count of newlines
    // does not matter: trim() takes them all.)
    if (line === '' && kept > 0 && lines[kept - 1] === '') {
      changed = true;
      continue;
    }
    lines[kept++] = line;
  }
  if (!changed) return `${text.trim()}\n`;
  lines.length = kept;
  return `${lines.join('\n').trim()}\n`;
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
