type Rgb = [number, number, number];

const RED: Rgb = [214, 69, 65];
const AMBER: Rgb = [240, 173, 78];
const GREEN: Rgb = [67, 160, 71];
const PALE_GREEN: Rgb = [165, 214, 167];

/** The colour `k` (0–1) of the way from `a` to `b`. */
function between(a: Rgb, b: Rgb, k: number): Rgb {
  const t = Math.max(0, Math.min(1, k));
  return [0, 1, 2].map((j) => Math.round(a[j]! + (b[j]! - a[j]!) * t)) as Rgb;
}

/** Red → amber → green for a score out of 100: the principle scores' bars. */
export function scoreRgb(score: number): Rgb {
  return score <= 50 ? between(RED, AMBER, score / 50) : between(AMBER, GREEN, (score - 50) / 50);
}

/** Where a heat-map cell stands against its threshold: its colour changes there, whatever the distance. */
export type CellKind = 'held' | 'short' | 'none';

/**
 * A heat-map cell's kind and colour: below the threshold red to amber (amber just short of it), at or
 * above it pale to full green; grey without a score.
 */
export function cellTone(score: number | null, threshold: number): { kind: CellKind; rgb: Rgb } {
  if (score === null) return { kind: 'none', rgb: [217, 217, 217] };
  if (score >= threshold) return { kind: 'held', rgb: between(PALE_GREEN, GREEN, threshold >= 100 ? 1 : (score - threshold) / (100 - threshold)) };
  return { kind: 'short', rgb: between(RED, AMBER, threshold <= 0 ? 1 : score / threshold) };
}

/** A colour as `#rrggbb`. */
export function hex(rgb: Rgb): string {
  return `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/*
 * Colour on a terminal. The Markdown a terminal draws cannot carry escape codes (marked-terminal takes
 * every control character out of its input), so the view marks a coloured run with private-use
 * characters, which take no column once the drawing replaces them with the codes, or with nothing
 * without colour.
 */
const OPEN = '\ue000';
const SEP = '\ue001';
const CLOSE = '\ue002';

/** `text` marked to be drawn in `rgb` (bold) on a colour terminal. */
export function tinted(rgb: Rgb, text: string): string {
  return `${OPEN}${rgb.join(';')}${SEP}${text}${CLOSE}`;
}

const MARKS = new RegExp(`${OPEN}([\\d;]+)${SEP}|${CLOSE}`, 'g');

/** The marks of `tinted` as colour codes, or taken out. */
export function paintMarks(s: string, color: boolean): string {
  return s.replace(MARKS, (_, rgb: string | undefined) => (!color ? '' : rgb === undefined ? '\u001b[22;39m' : `\u001b[1;38;2;${rgb}m`));
}
