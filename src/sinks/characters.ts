/**
 * The characters no report should carry from an input: C0 and C1 controls and DEL, line and paragraph
 * separators, bidi marks, embeddings, overrides and isolates, zero-width and invisible characters, and
 * lone surrogates. Line breaks and tabs become spaces (a value stays on its line, in its table cell);
 * the rest is removed.
 */
const SET =
  '[\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u061c\\u180e\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u2069\\ufeff]|[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]';
const ANY = new RegExp(SET);
const ALL = new RegExp(SET, 'g');
const SPACES = /[\t\n\r\u2028\u2029]/;

/** `value` as text with nothing invisible or controlling in it, on one line. */
export function inert(value: unknown): string {
  const s = asText(value);
  return ANY.test(s) ? s.replace(ALL, (c) => (SPACES.test(c) ? ' ' : '')) : s;
}

/** A value as JavaScript writes it in text (`String(value)`), said case by case. */
function asText(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    default:
      if (value === null || value === undefined) return '';
      return Array.isArray(value) ? value.map(asText).join(',') : Object.prototype.toString.call(value);
  }
}

/** Whether `s` holds a character `inert` would change. */
export function hasInvisible(s: string): boolean {
  return ANY.test(s);
}
