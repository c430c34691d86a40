import { formatLocated } from '../../errors.js';
import { say } from '../../i18n/index.js';
import type { GoldenExample, GoldenOutcome } from '../../app/golden.js';
import type { Locale } from '../../model/common.js';
import { forTerminal, paint } from '../../sinks/terminal.js';
import { wordLines } from '../../report/wrap.js';

/** Text after `indent`, wrapped at words within `width` (none: one line), later lines two spaces further in. */
type Fit = (indent: string, text: string) => string[];
const fitter =
  (width: number | undefined): Fit =>
  (indent, text) =>
    text
      .split('\n')
      .flatMap((part) =>
        (width === undefined ? [part] : wordLines(part, Math.max(20, width - indent.length - 2))).map((l, i) => `${indent}${i === 0 ? '' : '  '}${l}`),
      );

/** A line of a report as shown under a difference: inert, cut to fit a terminal, from a little before where it differs. */
function excerpt(line: string, from: number): string {
  const s = forTerminal(line);
  const start = Math.max(0, Math.min(from - 20, s.length - 58));
  const cut = (start > 0 ? '…' : '') + s.slice(start, start + 58);
  return s.length - start > 58 ? `${cut}…` : cut;
}

/** Where two lines start to differ. */
function firstColumn(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function exampleLines(e: GoldenExample, lang: Locale, on: boolean, updated: boolean, fit: Fit): string[] {
  const name = forTerminal(e.example);
  if (e.problems) {
    return [`${paint('red', '✗', on)} ${name}`, ...e.problems.flatMap((p) => fit('    ', formatLocated(lang, p)))];
  }
  const moved = e.files.filter((f) => f.state !== 'same');
  const ref = paint('dim', `· ${e.ref}`, on);
  if (moved.length === 0) return [`${paint('green', '✓', on)} ${name} ${ref}`];
  if (updated)
    return [
      `${paint('yellow', '↻', on)} ${name} ${ref}`,
      ...moved.flatMap((f) => fit('    ', say(lang, { key: 'golden.written', params: { file: forTerminal(f.file) } }))),
    ];
  const lines = [`${paint('red', '✗', on)} ${name} ${ref}`];
  for (const f of moved) {
    if (f.state === 'missing') lines.push(...fit('    ', say(lang, { key: 'golden.missing', params: { file: forTerminal(f.file) } })));
    else {
      lines.push(...fit('    ', say(lang, { key: 'golden.changed', params: { file: forTerminal(f.file), line: f.line! } })));
      const stored = say(lang, { key: 'golden.stored', params: {} });
      const now = say(lang, { key: 'golden.now', params: {} });
      const width = Math.max(stored.length, now.length);
      const from = firstColumn(forTerminal(f.stored!), forTerminal(f.now!));
      lines.push(`      ${stored.padEnd(width)} ${paint('red', excerpt(f.stored!, from), on)}`);
      lines.push(`      ${now.padEnd(width)} ${paint('green', excerpt(f.now!, from), on)}`);
    }
  }
  return lines;
}

/** One line per example (✓ as stored, ✗ changed, missing or not scored, ↻ written), the stale files, then a summary; within `width` when given. */
export function goldenText(outcome: GoldenOutcome, lang: Locale, options: { color?: boolean; width?: number } = {}): string {
  const on = options.color === true;
  const fit = fitter(options.width);
  const lines = outcome.examples.flatMap((e) => exampleLines(e, lang, on, outcome.updated, fit));
  const key = outcome.updated ? 'golden.removed' : 'golden.stale';
  for (const file of outcome.stale) {
    const [first, ...rest] = fit('', say(lang, { key, params: { file: forTerminal(file) } }));
    lines.push(`${paint(outcome.updated ? 'yellow' : 'red', outcome.updated ? '↻' : '✗', on)} ${first}`, ...rest.map((l) => `  ${l}`));
  }
  const failed = outcome.examples.filter((e) => e.problems).length;
  const moved = outcome.examples.filter((e) => !e.problems && e.files.some((f) => f.state !== 'same')).length;
  const same = outcome.examples.length - failed - moved;
  const params = { count: outcome.examples.length, same, moved, failed, stale: outcome.stale.length };
  const summary = (colour: 'red' | 'green', text: string) => lines.push(...fit('', text).map((l) => paint(colour, l, on)));
  if (outcome.examples.length === 0) lines.push(...fit('', say(lang, { key: 'golden.none', params: {} })));
  else if (outcome.updated) summary(failed > 0 ? 'red' : 'green', say(lang, { key: 'golden.summary-updated', params }));
  else {
    const ok = moved === 0 && failed === 0 && outcome.stale.length === 0;
    // Only examples that cannot be scored: --update would not help, the examples need correcting.
    const key = ok ? 'golden.summary-ok' : moved === 0 && outcome.stale.length === 0 ? 'golden.summary-unscored' : 'golden.summary-failed';
    summary(ok ? 'green' : 'red', say(lang, { key, params }));
  }
  return `${lines.join('\n')}\n`;
}
