/**
 * Words on lines of at most `width` columns (a word longer than that stands alone), the one word wrap
 * of the tool: chart labels, interview help, terminal reports. `measure` tells a text's width (the
 * terminal's leaves colour codes out).
 */
export function wordLines(s: string, width: number, measure: (s: string) => number = (x) => [...x].length): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of s.split(/\s+/).filter(Boolean)) {
    if (line !== '' && measure(line) + 1 + measure(word) > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** A message for a terminal of `width` columns: wrapped at words, later lines indented by two spaces. */
export function hanging(s: string, width: number): string {
  return s
    .split('\n')
    .map((line) => wordLines(line, width - 2).join('\n  '))
    .join('\n');
}
