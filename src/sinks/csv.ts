import { inert } from './characters.js';

/**
 * A text cell of a CSV file a spreadsheet will open: nothing invisible, on one line, and never read as
 * a formula (OWASP's rule: a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return, or
 * their full-width forms, gets a leading `'`). Quoted when it holds the delimiter, a quote or a space
 * at either end.
 */
export function csvCell(value: string, delimiter: string): string {
  let s = inert(value);
  if (FORMULA.test(value) || FORMULA.test(s)) s = `'${s}`;
  return s.includes(delimiter) || s.includes('"') || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const FORMULA = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;
