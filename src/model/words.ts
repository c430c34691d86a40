/**
 * The words people write for yes, no and "don't know" in answers files and spreadsheet cells, in French
 * and English: one list, read the same everywhere.
 */
const YES = new Set(['yes', 'y', 'oui', 'o', 'true', 'vrai', '1']);
const NO = new Set(['no', 'n', 'non', 'false', 'faux', '0']);
const UNKNOWN = new Set(['unknown', '?', 'je ne sais pas', 'ne sais pas', 'nsp', "don't know", 'dont know', 'dk', 'inconnu']);

/** true, false, or undefined when the text is neither. */
export function booleanWord(text: string): boolean | undefined {
  const t = text.trim().toLowerCase();
  return YES.has(t) ? true : NO.has(t) ? false : undefined;
}

export function isUnknownWord(text: string): boolean {
  return UNKNOWN.has(text.trim().toLowerCase().replace(/\s+/g, ' ').replace(/’/g, "'"));
}
