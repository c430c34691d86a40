import { inert } from './characters.js';
import { memo } from './memo.js';

/**
 * Text shown in Markdown exactly as written: no emphasis, link, autolink, image, raw HTML, table cell
 * break, heading or list can come out of it, and it stays on its line.
 */
export function escapeMarkdown(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return markdownOf(value);
  // Most texts need nothing: one scan says so, without hashing them for the cache
  // (a report's own figures and phrases are new strings every time, and would only churn it).
  if (!SPECIAL.test(value) && !startsLikeMarkup(value)) return value;
  return memo(cache, value, markdownOf);
}

// What may mean something to Markdown or to a terminal: controls, invisible and bidi characters, lone
// surrogates, markup characters, a scheme or `www.` (GitHub's autolinks), a `#` that could close a heading.
const SPECIAL =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ud800-\udfff\\`*_[\]<>|~&@]|:\/\/|www\.|WWW\.|#\s*$/;

const cache = new Map<string, string>();

function markdownOf(value: unknown): string {
  let s = inert(value);
  if (ANYWHERE.test(s)) {
    s = s
      .replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`)
      .replace(/&(?=#?[A-Z0-9]+;)/gi, '&amp;')
      // GitHub's autolinks: a scheme, `www.` or an e-mail address becomes a link unless broken up.
      .replace(/(?<=https?|ftp):(?=\/\/)/gi, '\\:')
      .replace(/(?<=www)\./gi, '\\.')
      .replace(/@(?=[\w-]+\.[\w-])/g, '\\@');
  }
  // What only matters at the start of a line, after up to three spaces: list markers, headings, thematic
  // breaks (dashes alone, which after a list's `- ` are one too), setext underlines; and four spaces, which
  // start a code block unless the first is a reference.
  if (LEADING.test(s)) {
    s = s
      .replace(/^( *)(#{1,6}|[+-])(?=\s|$)/, '$1\\$2')
      .replace(/^( *)-(?=[\s-]*$)/, '$1\\-')
      .replace(/^( *)(=+\s*)$/, '$1\\$2')
      .replace(/^( *)(\d+)([.)])(?=\s|$)/, '$1$2\\$3')
      .replace(/^ (?= {3})/, '&#32;');
  }
  // In a heading, `#`s ending the text after a space would be read as its closing sequence, and dropped.
  if (CLOSING.test(s)) s = s.replace(/(^|\s)#(?=#*\s*$)/, '$1\\#');
  return s;
}

const ANYWHERE = /[\\`*_[\]<>|~&@:.]/;
const CLOSING = /(?:^|\s)#+\s*$/;

/** `#`, `+`, `=`, `-`, digits then `.` or `)`, or spaces before them: what LEADING matches, without a regex for most texts. */
function startsLikeMarkup(s: string): boolean {
  const c = s.charCodeAt(0);
  if (c === 35 || c === 43 || c === 61 || c === 45) return true;
  return ((c >= 48 && c <= 57) || c === 32) && LEADING.test(s);
}
const LEADING = /^ *(?:[#+=-]|\d+[.)])|^ {4}/;

/**
 * A code fence for `content`: three backticks, or one more than the longest run of backticks in it,
 * so that nothing inside can close the block early.
 */
export function fenceFor(content: string): string {
  let longest = 0;
  for (const run of content.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return '`'.repeat(Math.max(3, longest + 1));
}
