/** Red → amber → green for a score out of 100: the one colour ramp of the charts and the terminal. */
export function scoreRgb(score: number): [number, number, number] {
  const stops = [
    [0, [214, 69, 65]],
    [50, [240, 173, 78]],
    [100, [67, 160, 71]],
  ] as const;
  const s = Math.max(0, Math.min(100, score));
  const i = s <= 50 ? 0 : 1;
  const [s0, c0] = stops[i];
  const [s1, c1] = stops[i + 1]!;
  const k = (s - s0) / (s1 - s0);
  return [0, 1, 2].map((j) => Math.round(c0[j]! + (c1[j]! - c0[j]!) * k)) as [number, number, number];
}

/** The ramp's colour as `#rrggbb`; grey when there is no score. */
export function scoreColour(score: number | null): string {
  if (score === null) return '#d9d9d9';
  return `#${scoreRgb(score)
    .map((c) => c.toString(16).padStart(2, '0'))
    .join('')}`;
}
