/**
 * Words on lines of at most `width` columns (a word longer than that stands alone), the one word wrap
 * of the tool: chart labels, interview help, terminal reports. `measure` tells a text's width (the
 * terminal's leaves colour codes out).
 */
export function wordLines(s: string, width: number, measure: (s: string) => number = (x) => [...x].length): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of units(s)) {
    if (line !== '' && measure(line) + 1 + measure(word) > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** The words of `s`, French spacing kept whole: ? ! : ; » stay with the word before, « with the word after. */
function units(s: string): string[] {
  const out: string[] = [];
  for (const word of s.split(/\s+/).filter(Boolean)) {
    const last = out.length - 1;
    if (last >= 0 && (/^[?!:;»]+$/.test(word) || out[last]!.endsWith('«'))) out[last] = `${out[last]} ${word}`;
    else out.push(word);
  }
  return out;
}

/**
 * A message for a terminal of `width` columns: wrapped at words, later lines indented by two spaces; a
 * line indented already is a command, broken so that it is still copied as one.
 */
export function hanging(s: string, width: number): string {
  return s
    .split('\n')
    .map((line) => (line.startsWith('  ') ? `  ${commandLines(line.slice(2), width, '  ')}` : wordLines(line, width - 2).join('\n  ')))
    .join('\n');
}

/**
 * A shell command within `width` columns, still one command when copied: broken between words (never
 * inside quotes) with a trailing backslash, later lines indented by `indent` and two more spaces. On
 * Windows, whose shells read no backslash, it stays on one line.
 */
export function commandLines(command: string, width: number, indent = '', platform: string = process.platform): string {
  if (platform === 'win32' || indent.length + [...command].length <= width) return command;
  const words = command.match(/(?:'[^']*'|\S)+/g) ?? [command];
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const room = width - 2 - (lines.length === 0 ? indent.length : indent.length + 2);
    if (line !== '' && [...line].length + 1 + [...word].length > room) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  lines.push(line);
  return lines.join(` \\\n${indent}  `);
}
