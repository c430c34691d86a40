import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../src/model/result.js';
import { EXAMPLES, ROOT } from '../helpers/load.js';

/*
 * Every example's HTML report, in French and English, opened in headless Chromium (Debian's package,
 * which `.ci/run` installs): no console error, no request but the file itself; on a 390-px phone
 * nothing wider than the page and no chart text under 10 px; the radar and the heat map as the result
 * says; an A4 print with the appendix in at most 10 pages, its text at 9 pt or more. Screenshots on
 * screen, on a phone and in print go to test-output/screenshots.
 */
const SHOTS = join(ROOT, 'test-output', 'screenshots');
const PHONE = { width: 390, height: 844 };
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});
afterAll(async () => {
  await browser?.close();
});

/** A page on `file`, failing on any console error or request but the file. */
async function open(file: string, viewport: { width: number; height: number }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (req) => requests.push(req.url()));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`file://${file}`, { waitUntil: 'load' });
  expect(errors).toEqual([]);
  expect(requests).toEqual([`file://${file}`]);
  return page;
}

/** What a phone shows: widths, overflow, the tables that do not fit and the boxes around them, the smallest chart text. */
interface PhoneLayout {
  bodyScrollWidth: number;
  overflowX: string[];
  /** Elements wider than their box that are not a scrolling box. */
  cut: string[];
  /** Tables that do not fit their box, with that box's overflow-x and whether the box stays inside the page. */
  tables: { fits: boolean; overflowX: string; boxInside: boolean }[];
  /** The smallest SVG text as drawn, in CSS pixels: font size × the scale from the viewBox to the screen. */
  smallestSvgText: number;
}

const phoneLayout = (page: Page) =>
  page.evaluate<PhoneLayout>(`(() => {
    const width = document.documentElement.clientWidth;
    const scrolls = (el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
    const cut = [...document.body.querySelectorAll('*')]
      .filter((el) => !(el instanceof SVGElement) && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0 && !scrolls(el))
      .map((el) => el.tagName + '.' + el.className);
    const tables = [...document.querySelectorAll('table')].map((t) => {
      const box = t.parentElement;
      return { fits: t.getBoundingClientRect().width <= box.clientWidth + 1, overflowX: getComputedStyle(box).overflowX, boxInside: box.getBoundingClientRect().right <= width };
    });
    const sizes = [...document.querySelectorAll('svg text, svg tspan')].map((el) => parseFloat(getComputedStyle(el).fontSize) * el.getScreenCTM().a);
    return {
      bodyScrollWidth: document.body.scrollWidth,
      overflowX: [getComputedStyle(document.documentElement).overflowX, getComputedStyle(document.body).overflowX],
      cut,
      tables,
      smallestSvgText: Math.min(...sizes),
    };
  })()`);

/** The radar as drawn: each point's level and distance from the centre, and each ring's distance on the point's axis. */
interface RadarDrawn {
  points: { principle: string; level: number; distance: number }[];
  rings: { level: number; distances: number[] }[];
  target: { level: number; distances: number[] };
}

const radarDrawn = (page: Page) =>
  page.evaluate<RadarDrawn>(`(() => {
    const svg = document.querySelector('#scores svg');
    const axis = svg.querySelector('line');
    const [cx, cy] = [axis.x1.baseVal.value, axis.y1.baseVal.value];
    const distances = (polygon) => [...polygon.points].map((p) => Math.hypot(p.x - cx, p.y - cy));
    return {
      points: [...svg.querySelectorAll('circle.point')].map((c) => ({
        principle: c.dataset.principle,
        level: Number(c.dataset.level),
        distance: Math.hypot(c.cx.baseVal.value - cx, c.cy.baseVal.value - cy),
      })),
      rings: [...svg.querySelectorAll('polygon.ring')].map((r) => ({ level: Number(r.dataset.level), distances: distances(r) })),
      target: (() => { const t = svg.querySelector('polygon.target'); return { level: Number(t.dataset.level), distances: distances(t) }; })(),
    };
  })()`);

/** The heat map's cells as drawn: class and fill colour. */
const heatmapDrawn = (page: Page) =>
  page.evaluate<{ principle: string; level: number; kind: string; fill: number[] }[]>(`(() =>
    [...document.querySelectorAll('#heatmap rect.cell')].map((r) => ({
      principle: r.dataset.principle,
      level: Number(r.dataset.level),
      kind: [...r.classList].find((c) => c !== 'cell'),
      fill: getComputedStyle(r).fill.match(/\\d+/g).map(Number),
    })))()`);

/** The smallest text of the page in print, in points, outside the charts. */
const smallestPrintText = (page: Page) =>
  page.evaluate<{ pt: number; where: string }>(`(() => {
    let smallest = { pt: Infinity, where: '' };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (node.textContent.trim() === '' || el.closest('svg')) continue;
      const pt = (parseFloat(getComputedStyle(el).fontSize) * 72) / 96;
      if (pt < smallest.pt) smallest = { pt, where: el.tagName + ': ' + node.textContent.trim().slice(0, 40) };
    }
    return smallest;
  })()`);

/** The pages of a PDF: its page objects (not the /Pages tree). */
const pdfPages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;

describe('HTML reports in Chromium', () => {
  for (const example of readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    for (const lang of ['fr', 'en']) {
      it(`${example} in ${lang}`, async () => {
        const out = mkdtempSync(join(tmpdir(), 'smd-html-'));
        const r = spawnSync(
          process.execPath,
          [
            join(ROOT, 'bin', 'sm-diagnostic.js'),
            'run',
            '--answers',
            join(EXAMPLES, example),
            '--lang',
            lang,
            '-o',
            out,
            '--format',
            'html,json',
            '--explain',
            '--quiet',
          ],
          { encoding: 'utf8' },
        );
        expect(r.status).toBe(0);
        const written = readdirSync(out);
        const file = join(
          out,
          written.find((f) => f.endsWith('.html'))!,
        );
        const result = JSON.parse(
          readFileSync(
            join(
              out,
              written.find((f) => f.endsWith('.json'))!,
            ),
            'utf8',
          ),
        ) as Result;
        const name = `${example.replace(/\.yaml$/, '')}.${lang}`;

        // On screen.
        const screen = await open(file, { width: 1100, height: 1400 });
        expect(await screen.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBeLessThanOrEqual(0);
        await screen.screenshot({ path: join(SHOTS, `${name}.screen.png`), fullPage: true });

        // The radar agrees with the result: each point at its level plus the share in place of its next level,
        // on or outside the ring of its level and inside the next ring; the target ring on the target level.
        const radar = await radarDrawn(screen);
        const top = Math.max(...radar.rings.map((ring) => ring.level));
        expect(radar.rings.map((ring) => ring.level)).toEqual(Array.from({ length: top }, (_, i) => i + 1));
        expect(radar.points.map((p) => p.principle)).toEqual(result.principles.map((p) => p.id));
        result.principles.forEach((p, i) => {
          const next = result.cells.find((c) => c.principle === p.id && c.level === p.level + 1);
          const expected = p.level >= top ? top : p.level + Math.floor(next!.score!) / 100;
          const point = radar.points[i]!;
          expect(point.level).toBeCloseTo(expected, 6);
          const ring = (level: number) => radar.rings.find((x) => x.level === level)!.distances[i]!;
          if (p.level > 0) expect(point.distance).toBeGreaterThanOrEqual(ring(p.level) - 0.2);
          if (p.level < top) expect(point.distance).toBeLessThan(ring(p.level + 1));
          expect(point.distance).toBeCloseTo((ring(top) * expected) / top, 0);
        });
        expect(radar.target.level).toBe(result.overall.target);
        expect(radar.target.distances).toEqual(radar.rings.find((x) => x.level === result.overall.target)!.distances);

        // Heat-map cells take their class and colour from their score against their threshold.
        const cells = await heatmapDrawn(screen);
        expect(cells).toHaveLength(result.cells.length);
        for (const c of result.cells) {
          const drawn = cells.find((x) => x.principle === c.principle && x.level === c.level)!;
          expect(drawn.kind).toBe(c.score === null ? 'none' : c.score >= c.threshold ? 'held' : 'short');
          const [red, green] = drawn.fill;
          if (drawn.kind === 'held') expect(green).toBeGreaterThan(red!);
          if (drawn.kind === 'short') expect(red).toBeGreaterThan(green!);
        }

        // In print: A4 with the appendix in at most 10 pages, no text under 9 pt.
        await screen.emulateMedia({ media: 'print' });
        const smallest = await smallestPrintText(screen);
        expect(smallest.pt, smallest.where).toBeGreaterThanOrEqual(9);
        await screen.setViewportSize({ width: 794, height: 1123 });
        await screen.screenshot({ path: join(SHOTS, `${name}.print.png`), fullPage: true });
        const pdf = await screen.pdf({ format: 'A4', printBackground: true });
        expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
        expect(pdfPages(pdf)).toBeGreaterThan(0);
        expect(pdfPages(pdf)).toBeLessThanOrEqual(10);
        await screen.close();

        // On a phone: nothing wider than the page, without hiding it; tables fit or scroll in their own box;
        // chart text at 10 px or more.
        const phone = await open(file, PHONE);
        const layout = await phoneLayout(phone);
        expect(layout.bodyScrollWidth).toBeLessThanOrEqual(PHONE.width);
        expect(await phone.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
        expect(layout.overflowX.filter((o) => o === 'hidden' || o === 'clip')).toEqual([]);
        expect(layout.cut).toEqual([]);
        for (const table of layout.tables) {
          expect(table.boxInside).toBe(true);
          if (!table.fits) expect(['auto', 'scroll']).toContain(table.overflowX);
        }
        expect(layout.smallestSvgText).toBeGreaterThanOrEqual(10);
        await phone.screenshot({ path: join(SHOTS, `${name}.phone.png`), fullPage: true });
        await phone.close();
      });
    }
  }
});
