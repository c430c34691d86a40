/** C0/C1 controls (terminal escape sequences among them) and invisible bidi overrides. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Text from answers, made safe to print anywhere: no control characters, on one line. */
export function inert(value: unknown): string {
  const s = value === null || value === undefined ? '' : String(value);
  return NEEDS_INERT.test(s) ? s.replace(/\r\n?|\n/g, ' ').replace(CONTROL, '') : s;
}
const NEEDS_INERT = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/;


/**
 * Escapes text so that Markdown shows it as written: no emphasis, link, image, HTML, table cell break
 * or heading can come out of it.
 */
export function escapeMarkdown(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return markdownOf(value);
  // Most texts need nothing: one scan says so, without hashing them for the cache.
  if (!SPECIAL.test(value) && !startsLikeMarkup(value)) return value;
  return memo(markdownCache, value, markdownOf);
}

function markdownOf(value: unknown): string {
  let s = inert(value);
  if (ANYWHERE.test(s)) s = s.replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`).replace(/&(?=#?[A-Za-z0-9]+;)/g, '&amp;');
  // What only matters at the start of a line: list markers, headings, setext underlines.
  if (LEADING.test(s)) {
    s = s
      .replace(/^([#+-])(?=\s|$)/, '\\$1')
      .replace(/^=+\s*$/, (m) => `\\${m}`)
      .replace(/^(\d+)([.)])(?=\s|$)/, '$1\\$2');
  }
  return s;
}
const ANYWHERE = /[\\`*_[\]<>|~&]/;
const SPECIAL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\\`*_[\]<>|~&]/;

/** `#`, `+`, `=`, `-` or digits then `.` or `)` at the start: what LEADING matches, without a regex for most texts. */
function startsLikeMarkup(s: string): boolean {
  const c = s.charCodeAt(0);
  if (c === 35 || c === 43 || c === 61 || c === 45) return true;
  return c >= 48 && c <= 57 && LEADING.test(s);
}
const LEADING = /^(?:[#+=-]|\d+[.)])/;

export function escapeHtml(value: unknown): string {
  return typeof value === 'string' ? memo(htmlCache, value, htmlOf) : htmlOf(value);
}

function htmlOf(value: unknown): string {
  return inert(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/*
 * A report repeats the questionnaire's texts, and a batch renders thousands of reports: each text is
 * escaped once. The caches are bounded, so that answers' own texts cannot make them grow without end.
 */
const markdownCache = new Map<string, string>();
const htmlCache = new Map<string, string>();
const MEMO_LIMIT = 20_000;

export function memo(cache: Map<string, string>, value: string, fn: (value: string) => string): string {
  let out = cache.get(value);
  if (out === undefined) {
    out = fn(value);
    if (cache.size >= MEMO_LIMIT) cache.clear();
    cache.set(value, out);
  }
  return out;
}
