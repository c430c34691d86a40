import { catalogue, formatNumber, formatPercent } from '../i18n/index.js';
import { text, type Locale } from '../model/common.js';
import type { Questionnaire } from '../model/questionnaire.js';
import type { Result } from '../model/result.js';
import { escapeXml } from '../sinks/html.js';
import { scoreColour } from './colour.js';
import { textsFor } from './texts.js';
import { wordLines } from './wrap.js';

export { scoreColour };

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

const RADAR = { width: 620, height: 440, cx: 310, cy: 205, r: 135 };

/** The point of axis `i` of `n` at `value` in [0, 100], starting at the top and turning clockwise. */
export function radarPoint(i: number, n: number, value: number): [number, number] {
  const angle = -Math.PI / 2 + (2 * Math.PI * i) / n;
  const d = (RADAR.r * Math.max(0, Math.min(100, value))) / 100;
  return [RADAR.cx + d * Math.cos(angle), RADAR.cy + d * Math.sin(angle)];
}

interface Series {
  label: string;
  scores: (number | null)[];
  colour: string;
  dashed?: boolean;
}

/** The radar's title, rings, axes and principle names. */
function radarFrame(q: Questionnaire, lang: Locale, title: string): string {
  const n = q.principles.length;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${RADAR.width} ${RADAR.height}" width="${RADAR.width}" height="${RADAR.height}" role="img" aria-label="${escapeXml(title)}" font-family="Helvetica, Arial, sans-serif" font-size="11">`,
    `<title>${escapeXml(title)}</title>`,
  );
  for (const ring of [25, 50, 75, 100]) {
    const pts = q.principles.map((_, i) => radarPoint(i, n, ring).map(f).join(',')).join(' ');
    out.push(`<polygon points="${pts}" fill="none" stroke="#cccccc" stroke-width="1"/>`);
  }
  q.principles.forEach((p, i) => {
    const [x, y] = radarPoint(i, n, 100);
    out.push(`<line x1="${f(RADAR.cx)}" y1="${f(RADAR.cy)}" x2="${f(x)}" y2="${f(y)}" stroke="#cccccc" stroke-width="1"/>`);
    const [lx, ly] = radarPoint(i, n, 112);
    const anchor = Math.abs(lx - RADAR.cx) < 5 ? 'middle' : lx > RADAR.cx ? 'start' : 'end';
    const lines = wordLines(text(p.title, lang), 22);
    const top = Math.abs(lx - RADAR.cx) < 5 && ly < RADAR.cy ? ly - 13 * (lines.length - 1) : ly;
    out.push(
      `<text x="${f(lx)}" y="${f(top + 4)}" text-anchor="${anchor}" fill="#333333">${lines.map((line, k) => `<tspan x="${f(lx)}" dy="${k === 0 ? 0 : 13}">${escapeXml(line)}</tspan>`).join('')}</text>`,
    );
  });
  return out.join('\n');
}

function radar(q: Questionnaire, lang: Locale, series: Series[], target: number | undefined, title: string): string {
  const n = q.principles.length;
  const out: string[] = [frame(q, lang, `radar\u0000${title}`, () => radarFrame(q, lang, title))];
  if (target !== undefined) {
    const value = (100 * target) / q.levels.length;
    const pts = q.principles.map((_, i) => radarPoint(i, n, value).map(f).join(',')).join(' ');
    out.push(`<polygon class="target" data-value="${f(value)}" points="${pts}" fill="none" stroke="#1f4e79" stroke-width="2" stroke-dasharray="6 4"/>`);
  }
  for (const s of series) {
    const pts = s.scores
      .map((score, i) =>
        radarPoint(i, n, score ?? 0)
          .map(f)
          .join(','),
      )
      .join(' ');
    out.push(
      `<polygon class="scores" points="${pts}" fill="${s.colour}" fill-opacity="${s.dashed ? '0.08' : '0.25'}" stroke="${s.colour}" stroke-width="2"${s.dashed ? ' stroke-dasharray="3 3"' : ''}/>`,
    );
    s.scores.forEach((score, i) => {
      const [x, y] = radarPoint(i, n, score ?? 0);
      out.push(
        `<circle class="point" data-principle="${escapeXml(q.principles[i]!.id)}" data-score="${score === null ? '' : String(score)}" cx="${f(x)}" cy="${f(y)}" r="3.5" fill="${s.colour}"/>`,
      );
    });
  }
  // Legend.
  let ly = RADAR.height - 12 - 16 * (series.length + (target !== undefined ? 1 : 0) - 1);
  for (const s of series) {
    out.push(
      `<rect x="12" y="${f(ly - 9)}" width="14" height="10" fill="${s.colour}" fill-opacity="0.5"/><text x="32" y="${f(ly)}" fill="#333333">${escapeXml(s.label)}</text>`,
    );
    ly += 16;
  }
  if (target !== undefined) {
    out.push(
      `<line x1="12" y1="${f(ly - 4)}" x2="26" y2="${f(ly - 4)}" stroke="#1f4e79" stroke-width="2" stroke-dasharray="6 4"/><text x="32" y="${f(ly)}" fill="#333333">${escapeXml(targetLabel(q, lang, target))}</text>`,
    );
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

function targetLabel(q: Questionnaire, lang: Locale, target: number): string {
  return catalogue(lang).report.chartTarget(target, text(q.levels.find((l) => l.rank === target)?.title, lang));
}

/** The six principle scores, with the target level drawn over them as a dashed ring. */
/** What a radar reads of a result. */
export interface RadarInput {
  date: string;
  principles: readonly { id: string; score: number | null }[];
  overall: { target: number };
}

/** What a heat map reads of a result. */
export interface HeatmapInput {
  cells: readonly { principle: string; level: number; score: number | null; status: Result['cells'][number]['status'] }[];
}

export function radarSvg(result: RadarInput, q: Questionnaire, lang: Locale): string {
  const title = catalogue(lang).report.scores;
  return radar(q, lang, [{ label: title, scores: result.principles.map((p) => p.score), colour: '#2e75b6' }], result.overall.target, title);
}

/** Before and after on one radar (the compare report). */
export function compareRadarSvg(before: RadarInput, after: RadarInput, q: Questionnaire, lang: Locale): string {
  const title = catalogue(lang).report.scoresBeforeAfter;
  return radar(
    q,
    lang,
    [
      { label: before.date, scores: q.principles.map((p) => before.principles.find((x) => x.id === p.id)?.score ?? null), colour: '#8c8c8c', dashed: true },
      { label: after.date, scores: q.principles.map((p) => after.principles.find((x) => x.id === p.id)?.score ?? null), colour: '#2e75b6' },
    ],
    after.overall.target,
    title,
  );
}

/** The principle × level grid: each cell coloured by its score, marked reached or not. */
export function heatmapSvg(result: HeatmapInput, q: Questionnaire, lang: Locale, caption?: string): string {
  const grid = frame(q, lang, `heatmap\u0000${caption ?? ''}`, () => heatmapFrame(q, lang, caption));
  const cells = new Map(result.cells.map((c) => [`${c.principle}\u0000${c.level}`, c]));
  const out: string[] = [grid.head];
  for (const row of grid.rows) {
    out.push(row.label);
    for (const cell of row.cells) {
      const c = cells.get(cell.key);
      const score = c?.score ?? null;
      const mark = c?.status === 'reached' ? '✔' : c?.status === 'below' ? '✘' : '—';
      const label = score === null ? mark : `${mark} ${formatPercent(score, lang)}`;
      out.push(
        `${cell.rect} data-status="${c?.status ?? 'not-applicable'}" ${cell.box} fill="${scoreColour(score)}"${c?.status === 'reached' ? ' stroke="#1b5e20" stroke-width="2"' : ''}/>`,
        `${cell.text}${escapeXml(label)}</text>`,
      );
    }
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

/** The heat map's title, level and principle names, and where each cell stands. */
function heatmapFrame(q: Questionnaire, lang: Locale, caption: string | undefined) {
  const levels = [...q.levels].sort((a, b) => a.rank - b.rank);
  const labelWidth = 250;
  const cellW = 130;
  const cellH = 34;
  const top = caption ? 64 : 44;
  const width = labelWidth + cellW * levels.length + 10;
  const height = top + cellH * q.principles.length + 10;
  const title = caption ?? catalogue(lang).report.heatmap;
  const head: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(title)}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    `<title>${escapeXml(title)}</title>`,
  ];
  if (caption) head.push(`<text x="10" y="20" font-size="14" font-weight="bold" fill="#333333">${escapeXml(caption)}</text>`);
  levels.forEach((l, j) => {
    head.push(
      `<text x="${f(labelWidth + cellW * j + cellW / 2)}" y="${f(top - 12)}" text-anchor="middle" fill="#333333">${escapeXml(`${l.rank} · ${text(l.title, lang).split(' — ')[0]}`)}</text>`,
    );
  });
  const rows = q.principles.map((p, i) => {
    const y = top + cellH * i;
    return {
      label: `<text x="${f(labelWidth - 10)}" y="${f(y + cellH / 2 + 4)}" text-anchor="end" fill="#333333">${escapeXml(text(p.title, lang))}</text>`,
      cells: levels.map((l, j) => {
        const x = labelWidth + cellW * j;
        return {
          key: `${p.id}\u0000${l.rank}`,
          rect: `<rect class="cell" data-principle="${escapeXml(p.id)}" data-level="${l.rank}"`,
          box: `x="${f(x + 2)}" y="${f(y + 2)}" width="${cellW - 4}" height="${cellH - 4}" rx="4"`,
          text: `<text x="${f(x + cellW / 2)}" y="${f(y + cellH / 2 + 4)}" text-anchor="middle" fill="#111111">`,
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
  const footer = catalogue(lang).report.chartLadderFooter(level, formatNumber(score, 1, lang));
  return `${steps.body}\n<text x="10" y="${steps.height - 8}" fill="#333333">${escapeXml(footer)}</text>\n</svg>\n`;
}

/** The ladder's steps for one level reached and one target: the same for every organisation at that level. */
function ladderSteps(q: Questionnaire, lang: Locale, level: number, target: number): { body: string; height: number } {
  const levels = [
    { rank: 0, title: text(q.notEngaged.title, lang) },
    ...[...q.levels].sort((a, b) => a.rank - b.rank).map((l) => ({ rank: l.rank, title: text(l.title, lang) })),
  ];
  const stepW = 150;
  const stepH = 36;
  const width = stepW * levels.length + 20;
  const height = stepH * levels.length + 60;
  const title = catalogue(lang).report.ladder;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(title)}" font-family="Helvetica, Arial, sans-serif" font-size="11">`,
    `<title>${escapeXml(title)}</title>`,
  ];
  levels.forEach((l, i) => {
    const x = 10 + stepW * i;
    const h = stepH * (i + 1);
    const y = height - 30 - h;
    const reached = level >= l.rank;
    const current = level === l.rank;
    out.push(
      `<rect class="step" data-rank="${l.rank}" data-reached="${reached}" x="${f(x)}" y="${f(y)}" width="${stepW - 6}" height="${f(h)}" fill="${reached ? (current ? '#2e75b6' : '#9dc3e6') : '#eeeeee'}" stroke="#7f7f7f" stroke-width="1"/>`,
      `<text x="${f(x + (stepW - 6) / 2)}" y="${f(y + 16)}" text-anchor="middle" fill="${current ? '#ffffff' : '#222222'}" font-weight="${current ? 'bold' : 'normal'}">${wordLines(
        `${l.rank} · ${l.title}`,
        22,
      )
        .map((line, k) => `<tspan x="${f(x + (stepW - 6) / 2)}" dy="${k === 0 ? 0 : 13}">${escapeXml(line)}</tspan>`)
        .join('')}</text>`,
    );
    if (target === l.rank) {
      out.push(
        `<text class="target" x="${f(x + (stepW - 6) / 2)}" y="${f(y - 6)}" text-anchor="middle" fill="#1f4e79" font-weight="bold">${escapeXml(catalogue(lang).report.chartTargetMark)}</text>`,
      );
    }
  });
  return { body: out.join('\n'), height };
}
