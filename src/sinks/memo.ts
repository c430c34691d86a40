/*
 * A report repeats the questionnaire's texts, and a batch renders thousands of reports: each text is
 * escaped once. The caches are bounded, so that answers' own texts cannot make them grow without end.
 */
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
