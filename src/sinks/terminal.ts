import { stripVTControlCharacters } from 'node:util';

/**
 * Text that came from outside the tool (a file name, an organisation, a note, a YAML key), made safe
 * to print on a terminal: every character that could move the cursor, start an escape sequence,
 * reorder the line or hide itself is shown as an escape (`\n`, `\u001b`, `\u202e`), so that a message
 * stays on its line and shows what is really there.
 */
export function forTerminal(value: string): string {
  return UNSAFE.test(value) ? value.replace(UNSAFE_ALL, escapeOne) : value;
}

/*
 * C0 and C1 controls and DEL; line and paragraph separators; bidi marks, embeddings, overrides and
 * isolates (U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069); zero-width and invisible
 * characters (U+00AD, U+180E, U+200B–U+200D, U+2060–U+2064, U+FEFF); lone surrogates.
 */
const SET =
  '[\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u061c\\u180e\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u2069\\ufeff]|[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]';
const UNSAFE = new RegExp(SET);
const UNSAFE_ALL = new RegExp(SET, 'g');

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOne(c: string): string {
  return NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Our own styled output without its colours and cursor codes (for --no-color and NO_COLOR). */
export function withoutStyles(s: string): string {
  return stripVTControlCharacters(s);
}

const SGR = { bold: [1, 22], red: [31, 39], green: [32, 39], yellow: [33, 39], cyan: [36, 39], dim: [2, 22] } as const;

/** Our own words in a style on a colour terminal (`on`), as they are without one. */
export function paint(style: keyof typeof SGR, text: string, on: boolean): string {
  return on ? `\u001b[${SGR[style][0]}m${text}\u001b[${SGR[style][1]}m` : text;
}
