import { catalogue, formatNumber, formatPercent } from '../i18n/index.js';
import { text, type Locale } from '../model/common.js';
import type { Questionnaire } from '../model/questionnaire.js';
import type { Result } from '../model/result.js';
import { escapeXml } from '../sinks/html.js';
import { cellTone, hex } from './colour.js';
import { textsFor } from './texts.js';
import { wordLines } from './wrap.js';

/*
 * Charts as SVG, drawn by our own code: no browser, no network, the same bytes on every Node. Every
 * number is written with a fixed number of decimals; every text is escaped for XML.
 */

const f = (x: number) => x.toFixed(1);

/*
 * What a chart draws from the questionnaire alone (frame, axes, labels, geometry) is made once per
 * questionnaire and language: a batch draws the same frame for every organisation.
 */
function frame<T>(q: Questionnaire, lang: Locale, key: string, make: () => T): T {
  return textsFor(q, lang).made(key, make);
}

/*
 * Every chart is drawn narrow enough (about 440 units) that a phone, which scales it down to some 370
 * pixels, still shows its 13-unit text at 10 pixels or more.
 */
const FONT = 13;
const LINE = 15;

const RADAR = { width: 440, height: 372, cx: 220, cy: 156, r: 100 };

/** The point of axis `i` of `n` at `share` of the radius (1 is the outer ring), starting at the top and turning clockwise. */
export function radarPoint(i: number, n: number, share: number): [number, number] {
  const angle = -Math.PI / 2 + (2 * Math.PI * i) / n;
  const d = RADAR.r * share;
  return [RADAR.cx + d * Math.cos(angle), RADAR.cy + d * Math.sin(angle)];
}

/** The highest level of a questionnaire: the radar's outer ring. */
function topLevel(q: Questionnaire): number {
  return Math.max(...q.levels.map((l) => l.rank));
}

/**
 * Where a principle stands on the radar, in levels: the level it reached plus the share in place of its
 * next level's cell (level 1 and 40 % of level 2: 1.4), never on the next ring before that level is
 * reached; the top level once reached; null for a principle without a score.
 */
export function radarLevel(p: { id: string; level: number; score: number | null }, cells: HeatmapInput['cells'], top: number): number | null {
  if (p.score === null) return null;
  if (p.level >= top) return top;
  const next = cells.find((c) => c.principle === p.id && c.level === p.level + 1)?.score ?? 0;
  return (100 * p.level + Math.floor(next)) / 100;
}

interface Series {
  label: string;
  levels: (number | null)[];
  colour: string;
  dashed?: boolean;
}

/** The radar's title, rings at each whole level (numbered on the first axis), axes and principle names. */
function radarFrame(q: Questionnaire, lang: Locale, title: string): string {
  const n = q.principles.length;
  const top = topLevel(q);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${RADAR.width} ${RADAR.height}" width="${RADAR.width}" height="${RADAR.height}" role="img" aria-label="${escapeXml(title)}" font-family="Helvetica, Arial, sans-serif" font-size="${FONT}">`,
    `<title>${escapeXml(title)}</title>`,
  ];
  for (let ring = 1; ring <= top; ring++) {
    const pts = q.principles
      .map((_, i) =>
        radarPoint(i, n, ring / top)
          .map(f)
          .join(','),
      )
      .join(' ');
    out.push(`<polygon class="ring" data-level="${ring}" points="${pts}" fill="none" stroke="#bbbbbb" stroke-width="1"/>`);
  }
  q.principles.forEach((p, i) => {
    const [x, y] = radarPoint(i, n, 1);
    out.push(`<line x1="${f(RADAR.cx)}" y1="${f(RADAR.cy)}" x2="${f(x)}" y2="${f(y)}" stroke="#cccccc" stroke-width="1"/>`);
    const [lx, ly] = radarPoint(i, n, 1.12);
    const centred = Math.abs(lx - RADAR.cx) < 5;
    const anchor = centred ? 'middle' : lx > RADAR.cx ? 'start' : 'end';
    const lines = wordLines(text(p.title, lang), 16);
    // Above the centre, a label grows upwards; level with it, it is centred on its axis.
    const first = centred && ly < RADAR.cy ? ly - LINE * (lines.length - 1) : Math.abs(ly - RADAR.cy) < 5 ? ly - (LINE * (lines.length - 1)) / 2 : ly;
    out.push(
      `<text x="${f(lx)}" y="${f(first + 4)}" text-anchor="${anchor}" fill="#333333">${lines.map((line, k) => `<tspan x="${f(lx)}" dy="${k === 0 ? 0 : LINE}">${escapeXml(line)}</tspan>`).join('')}</text>`,
    );
  });
  // The levels' numbers, beside the first axis, just inside their rings.
  for (let ring = 1; ring <= top; ring++) {
    const [x, y] = radarPoint(0, n, ring / top);
    out.push(`<text class="ring-label" x="${f(x + 4)}" y="${f(y + 13)}" fill="#777777">${ring}</text>`);
  }
  return out.join('\n');
}

function radar(q: Questionnaire, lang: Locale, series: Series[], target: number | undefined, title: string): string {
  const n = q.principles.length;
  const top = topLevel(q);
  const out: string[] = [frame(q, lang, `radar\u0000${title}`, () => radarFrame(q, lang, title))];
  if (target !== undefined && target > 0) {
    const pts = q.principles
      .map((_, i) =>
        radarPoint(i, n, Math.min(target, top) / top)
          .map(f)
          .join(','),
      )
      .join(' ');
    out.push(`<polygon class="target" data-level="${target}" points="${pts}" fill="none" stroke="#1f4e79" stroke-width="2" stroke-dasharray="6 4"/>`);
  }
  for (const s of series) {
    const at = (i: number) => radarPoint(i, n, (s.levels[i] ?? 0) / top);
    out.push(
      `<polygon class="levels" points="${s.levels.map((_, i) => at(i).map(f).join(',')).join(' ')}" fill="${s.colour}" fill-opacity="${s.dashed ? '0.08' : '0.25'}" stroke="${s.colour}" stroke-width="2"${s.dashed ? ' stroke-dasharray="3 3"' : ''}/>`,
    );
    s.levels.forEach((level, i) => {
      const [x, y] = at(i);
      out.push(
        `<circle class="point" data-principle="${escapeXml(q.principles[i]!.id)}" data-level="${level ?? ''}" cx="${f(x)}" cy="${f(y)}" r="3.5" fill="${s.colour}"/>`,
      );
    });
  }
  // Legend.
  let ly = RADAR.height - 10 - LINE * (series.length + (target !== undefined ? 1 : 0) - 1);
  for (const s of series) {
    out.push(
      `<rect x="10" y="${f(ly - 10)}" width="14" height="10" fill="${s.colour}" fill-opacity="0.5"/><text x="30" y="${f(ly)}" fill="#333333">${escapeXml(s.label)}</text>`,
    );
    ly += LINE;
  }
  if (target !== undefined) {
    out.push(
      `<line x1="10" y1="${f(ly - 4)}" x2="24" y2="${f(ly - 4)}" stroke="#1f4e79" stroke-width="2" stroke-dasharray="6 4"/><text x="30" y="${f(ly)}" fill="#333333">${escapeXml(targetLabel(q, lang, target))}</text>`,
    );
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

function targetLabel(q: Questionnaire, lang: Locale, target: number): string {
  return catalogue(lang).report.chartTarget(target, text(q.levels.find((l) => l.rank === target)?.title, lang));
}

/** What a radar reads of a result. */
export interface RadarInput {
  date: string;
  principles: readonly { id: string; level: number; score: number | null }[];
  cells: HeatmapInput['cells'];
  overall: { target: number };
}

/** What a heat map reads of a result. */
export interface HeatmapInput {
  cells: readonly { principle: string; level: number; score: number | null; threshold?: number; status: Result['cells'][number]['status'] }[];
}

/** Each principle's level on the radar, in the questionnaire's order. */
function radarLevels(result: RadarInput, q: Questionnaire): (number | null)[] {
  const top = topLevel(q);
  return q.principles.map((p) => {
    const principle = result.principles.find((x) => x.id === p.id);
    return principle ? radarLevel(principle, result.cells, top) : null;
  });
}

/** Each principle at its level and the share of its next level in place, with the target level as a dashed ring. */
export function radarSvg(result: RadarInput, q: Questionnaire, lang: Locale): string {
  const t = catalogue(lang).report;
  return radar(q, lang, [{ label: t.radarSeries, levels: radarLevels(result, q), colour: '#2e75b6' }], result.overall.target, t.radarTitle);
}

/** Before and after on one radar (the compare report). */
export function compareRadarSvg(before: RadarInput, after: RadarInput, q: Questionnaire, lang: Locale): string {
  return radar(
    q,
    lang,
    [
      { label: before.date, levels: radarLevels(before, q), colour: '#8c8c8c', dashed: true },
      { label: after.date, levels: radarLevels(after, q), colour: '#2e75b6' },
    ],
    after.overall.target,
    catalogue(lang).report.radarBeforeAfter,
  );
}

/** The principle × level grid: each cell marked reached or not, its colour changing at its threshold. */
export function heatmapSvg(result: HeatmapInput, q: Questionnaire, lang: Locale, caption?: string): string {
  const grid = frame(q, lang, `heatmap\u0000${caption ?? ''}`, () => heatmapFrame(q, lang, caption));
  const cells = new Map(result.cells.map((c) => [`${c.principle}\u0000${c.level}`, c]));
  const out: string[] = [grid.head];
  for (const row of grid.rows) {
    out.push(row.label);
    for (const cell of row.cells) {
      const c = cells.get(cell.key);
      const score = c?.score ?? null;
      // A result of model 1 does not say its cells' thresholds: the questionnaire's.
      const threshold = c?.threshold ?? 100 * q.threshold;
      const tone = cellTone(score, threshold);
      out.push(
        `${cell.rect} ${tone.kind}" data-status="${c?.status ?? 'not-applicable'}" data-score="${score ?? ''}" data-threshold="${threshold}" ${cell.box} fill="${hex(tone.rgb)}"${c?.status === 'reached' ? ' stroke="#1b5e20" stroke-width="2"' : ''}/>`,
        `${cell.text}${escapeXml(heatmapMark(c, lang))}</text>`,
      );
    }
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

/** A heat-map cell in words: `✔ 64 %`, `✘ 40 %`, `—`. */
export function heatmapMark(c: { score: number | null; status: string } | undefined, lang: Locale): string {
  const mark = c?.status === 'reached' ? '✔' : c?.status === 'below' ? '✘' : '—';
  return c?.score === null || c?.score === undefined ? mark : `${mark} ${formatPercent(c.score, lang)}`;
}

/** The heat map's title, level and principle names (on two lines where they need it), and where each cell stands. */
function heatmapFrame(q: Questionnaire, lang: Locale, caption: string | undefined) {
  const levels = [...q.levels].sort((a, b) => a.rank - b.rank);
  const labelWidth = 160;
  const cellW = 96;
  const cellH = 38;
  const top = (caption ? 26 : 0) + 44;
  const width = labelWidth + cellW * levels.length + 8;
  const height = top + cellH * q.principles.length + 8;
  const title = caption ?? catalogue(lang).report.heatmap;
  const head: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(title)}" font-family="Helvetica, Arial, sans-serif" font-size="${FONT}">`,
    `<title>${escapeXml(title)}</title>`,
  ];
  if (caption) head.push(`<text x="8" y="18" font-size="15" font-weight="bold" fill="#333333">${escapeXml(caption)}</text>`);
  levels.forEach((l, j) => {
    const x = f(labelWidth + cellW * j + cellW / 2);
    const lines = [String(l.rank), ...wordLines(text(l.title, lang).split(' — ')[0]!, 16)].slice(0, 2);
    head.push(
      `<text x="${x}" y="${f(top - 8 - LINE * (lines.length - 1))}" text-anchor="middle" fill="#333333">${lines.map((line, k) => `<tspan x="${x}" dy="${k === 0 ? 0 : LINE}"${k === 0 ? ' font-weight="bold"' : ''}>${escapeXml(line)}</tspan>`).join('')}</text>`,
    );
  });
  const rows = q.principles.map((p, i) => {
    const y = top + cellH * i;
    const lines = wordLines(text(p.title, lang), 22);
    const first = y + cellH / 2 + 4 - (LINE * (lines.length - 1)) / 2;
    return {
      label: `<text x="${f(labelWidth - 8)}" y="${f(first)}" text-anchor="end" fill="#333333">${lines.map((line, k) => `<tspan x="${f(labelWidth - 8)}" dy="${k === 0 ? 0 : LINE}">${escapeXml(line)}</tspan>`).join('')}</text>`,
      cells: levels.map((l, j) => {
        const x = labelWidth + cellW * j;
        return {
          key: `${p.id}\u0000${l.rank}`,
          rect: `<rect data-principle="${escapeXml(p.id)}" data-level="${l.rank}" class="cell`,
          box: `x="${f(x + 2)}" y="${f(y + 2)}" width="${cellW - 4}" height="${cellH - 4}" rx="4"`,
          text: `<text x="${f(x + cellW / 2)}" y="${f(y + cellH / 2 + 5)}" text-anchor="middle" fill="#111111">`,
        };
      }),
    };
  });
  return { head: head.join('\n'), rows };
}

/** The level ladder: steps 0 to 3, the level reached filled, the target marked. */
export function ladderSvg(result: Result, q: Questionnaire, lang: Locale): string {
  // The practice level leads, as in the report.
  const { practiceLevel: level, target, score } = result.overall;
  const steps = frame(q, lang, `ladder\u0000${level}\u0000${target}`, () => ladderSteps(q, lang, level, target));
  const footer = catalogue(lang).report.chartLadderFooter(level, formatNumber(score, 0, lang));
  return `${steps.body}\n<text x="10" y="${steps.height - 8}" fill="#333333">${escapeXml(footer)}</text>\n</svg>\n`;
}

/** The ladder's steps for one level reached and one target: the same for every organisation at that level. */
function ladderSteps(q: Questionnaire, lang: Locale, level: number, target: number): { body: string; height: number } {
  const levels = [
    { rank: 0, title: text(q.notEngaged.title, lang) },
    ...[...q.levels].sort((a, b) => a.rank - b.rank).map((l) => ({ rank: l.rank, title: text(l.title, lang) })),
  ];
  const stepW = 106;
  const stepH = 56;
  const width = stepW * levels.length + 20;
  const height = stepH * levels.length + 60;
  const title = catalogue(lang).report.ladder;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(title)}" font-family="Helvetica, Arial, sans-serif" font-size="${FONT}">`,
    `<title>${escapeXml(title)}</title>`,
  ];
  levels.forEach((l, i) => {
    const x = 10 + stepW * i;
    const h = stepH * (i + 1);
    const y = height - 30 - h;
    const reached = level >= l.rank;
    const current = level === l.rank;
    const cx = f(x + (stepW - 6) / 2);
    out.push(
      `<rect class="step" data-rank="${l.rank}" data-reached="${reached}" x="${f(x)}" y="${f(y)}" width="${stepW - 6}" height="${f(h)}" fill="${reached ? (current ? '#2e75b6' : '#9dc3e6') : '#eeeeee'}" stroke="#7f7f7f" stroke-width="1"/>`,
      `<text x="${cx}" y="${f(y + 17)}" text-anchor="middle" fill="${current ? '#ffffff' : '#222222'}" font-weight="${current ? 'bold' : 'normal'}">${[
        String(l.rank),
        ...wordLines(l.title, 15),
      ]
        .map((line, k) => `<tspan x="${cx}" dy="${k === 0 ? 0 : LINE}"${k === 0 ? ' font-weight="bold"' : ''}>${escapeXml(line)}</tspan>`)
        .join('')}</text>`,
    );
    if (target === l.rank) {
      out.push(
        `<text class="target" x="${cx}" y="${f(y - 6)}" text-anchor="middle" fill="#1f4e79" font-weight="bold">${escapeXml(catalogue(lang).report.chartTargetMark)}</text>`,
      );
    }
  });
  return { body: out.join('\n'), height };
}
