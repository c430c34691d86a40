/**
 * Dates as survey tools write them: ISO (`2026-11-10`, `2026-11-10 08:37:19`), Google Forms
 * (`2026/11/10 8:37:19 AM GMT-5`), and the slash dates of spreadsheets (`10/11/2026 08:37`), whose
 * order (day or month first) is taken from `dateFormat`, else proved by a row of the same column (a
 * number above 12), else from a French column title (French tools write the day first), else refused.
 * The date is the one written: no time zone moves it to another day.
 */

import { isRealDate } from '../model/check-answers.js';

export type DateOrder = 'DMY' | 'MDY';

/** `DD/MM/YYYY`, `MM/DD/YYYY`, `YYYY-MM-DD` (and their `.` or `-` forms) as a mapping's `dateFormat`. */
export function parseDateFormat(format: string): DateOrder | 'YMD' | undefined {
  const f = format
    .trim()
    .toUpperCase()
    .replace(/[.\-/ ]/g, '/');
  if (/^D{1,2}\/M{1,2}\/Y{2,4}/.test(f)) return 'DMY';
  if (/^M{1,2}\/D{1,2}\/Y{2,4}/.test(f)) return 'MDY';
  if (/^Y{2,4}\/M{1,2}\/D{1,2}/.test(f)) return 'YMD';
  return undefined;
}

const YMD = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?=$|[\sT])/;
const SLASHED = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?=$|[\s,T])/;

/** Whether a cell is a slash date whose order cannot be told from itself (both numbers at most 12 and different). */
export function slashedNumbers(cell: string): [number, number] | undefined {
  const m = SLASHED.exec(cell.trim());
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/** The order a column's cells prove (a number above 12 in one place), `conflict` when they prove both, or undefined. */
export function provenOrder(cells: Iterable<string>): DateOrder | 'conflict' | undefined {
  let dmy = false;
  let mdy = false;
  for (const cell of cells) {
    const n = slashedNumbers(cell);
    if (!n) continue;
    if (n[0] > 12) dmy = true;
    if (n[1] > 12) mdy = true;
  }
  return dmy && mdy ? 'conflict' : dmy ? 'DMY' : mdy ? 'MDY' : undefined;
}

/** `YYYY-MM-DD` when it is a day of the calendar (the answers check's own rule). */
function iso(y: number, m: number, d: number): string | undefined {
  const date = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isRealDate(date) ? date : undefined;
}

export type DateReading = { date: string } | { ambiguous: true } | { invalid: true };

/** A cell read as a date (`YYYY-MM-DD`); a slash date with no order known is ambiguous unless its two numbers say. */
export function readDate(cell: string, order: DateOrder | 'YMD' | undefined): DateReading {
  const t = cell.trim();
  const ymd = YMD.exec(t);
  if (ymd) {
    const date = iso(Number(ymd[1]), Number(ymd[2]), Number(ymd[3]));
    return date ? { date } : { invalid: true };
  }
  const m = SLASHED.exec(t);
  if (!m) return { invalid: true };
  const a = Number(m[1]);
  const b = Number(m[2]);
  const y = Number(m[3]);
  let first: DateOrder | undefined = order === 'YMD' ? undefined : order;
  if (first === undefined) {
    if (a > 12) first = 'DMY';
    else if (b > 12) first = 'MDY';
    else if (a === b) first = 'DMY';
    else return { ambiguous: true };
  }
  const date = first === 'DMY' ? iso(y, b, a) : iso(y, a, b);
  return date ? { date } : { invalid: true };
}

/** Column titles written by tools in French, whose slash dates are day first. */
const FRENCH_TIMESTAMPS = new Set(['horodateur', 'horodatage', 'heure de début', 'heure de fin', 'date de soumission', 'heure de la dernière modification']);

export function frenchTimestampTitle(normalisedTitle: string): boolean {
  return FRENCH_TIMESTAMPS.has(normalisedTitle);
}
