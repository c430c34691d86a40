/** `12,5` as French spreadsheets and people write it, or `12.5`; spaces between thousands allowed. */
export function parseDecimal(s: string): number | undefined {
  const t = s.trim().replace(/[\u00a0\u202f ]/g, '');
  if (!/^-?\d+(?:[.,]\d+)?$/.test(t)) return undefined;
  return Number(t.replace(',', '.'));
}
