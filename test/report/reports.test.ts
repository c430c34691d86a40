import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { stripVTControlCharacters } from 'node:util';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { Marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { compareRadarSvg, heatmapSvg, ladderSvg, radarLevel, radarSvg } from '../../src/report/charts.js';
import { cellTone } from '../../src/report/colour.js';
import { displayReport } from '../../src/report/display.js';
import { renderHtml, renderMarkdown } from '../../src/report/render.js';
import { textsFor } from '../../src/report/texts.js';
import { cli } from '../helpers/cli.js';
import { EXAMPLES, ROOT } from '../helpers/load.js';
import { example } from '../helpers/report.js';

const tmp = (name: string) => mkdtempSync(join(tmpdir(), `smd-report-${name}-`));
const examples = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

const scored = (file: string) => example(file);

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });
type Node = Record<string, unknown>;
const asList = (x: unknown): Node[] => (Array.isArray(x) ? (x as Node[]) : x === undefined ? [] : [x as Node]);

describe('SVG charts', () => {
  for (const file of examples) {
    it(`${file}: radar, heat map and ladder are well-formed SVG`, () => {
      const { q, lang, result } = scored(file);
      for (const svg of [radarSvg(result, q, lang), heatmapSvg(result, q, lang), ladderSvg(result, q, lang)]) {
        expect(XMLValidator.validate(svg)).toBe(true);
        expect((xml.parse(svg) as { svg: Node }).svg.xmlns).toBe('http://www.w3.org/2000/svg');
      }
    });
  }

  for (const file of examples) {
    it(`${file}: each radar point at its level plus the share of the next level in place, the target ring at the target level`, () => {
      const { q, lang, result } = scored(file);
      const svg = (xml.parse(radarSvg(result, q, lang)) as { svg: Node }).svg;
      const points = asList(svg.circle);
      expect(points).toHaveLength(6);
      // Worked out independently of the chart code: centre (220, 156), outer ring (level 3) at radius 100,
      // first axis at the top, then clockwise every 60°.
      const at = (level: number, i: number) => {
        const angle = -Math.PI / 2 + (i * Math.PI) / 3;
        return [220 + ((100 * level) / 3) * Math.cos(angle), 156 + ((100 * level) / 3) * Math.sin(angle)];
      };
      result.principles.forEach((p, i) => {
        const next = result.cells.find((c) => c.principle === p.id && c.level === p.level + 1);
        const level = p.level === 3 ? 3 : p.level + Math.floor(next!.score!) / 100;
        const point = points[i]!;
        expect(point['data-principle']).toBe(p.id);
        expect(Number(point['data-level'])).toBeCloseTo(level, 6);
        // It agrees with the summary: on or outside the ring of the level reached, inside the next one.
        expect(level).toBeGreaterThanOrEqual(p.level);
        expect(level).toBeLessThan(p.level === 3 ? 3.01 : p.level + 1);
        const [x, y] = at(level, i);
        expect(Number(point.cx)).toBeCloseTo(x!, 0);
        expect(Number(point.cy)).toBeCloseTo(y!, 0);
      });
      const polygons = asList(svg.polygon);
      expect(polygons.filter((p) => p.class === 'ring').map((p) => p['data-level'])).toEqual(['1', '2', '3']);
      const target = polygons.find((p) => p.class === 'target')!;
      expect(Number(target['data-level'])).toBe(result.overall.target);
      const [x, y] = String(target.points).split(' ')[0]!.split(',').map(Number);
      expect([x, y]).toEqual(at(result.overall.target, 0).map((v) => Number(v.toFixed(1))));
    });
  }

  it('places a principle at level 1 with 40 % of level 2 in place at 1.4, and one at the top level on the outer ring', () => {
    const cells = [
      { principle: 'a', level: 2, score: 40.7, status: 'below' as const },
      { principle: 'b', level: 1, score: 99.99, threshold: 100, status: 'below' as const },
    ];
    expect(radarLevel({ id: 'a', level: 1, score: 50 }, cells, 3)).toBe(1.4);
    expect(radarLevel({ id: 'b', level: 0, score: 50 }, cells, 3)).toBe(0.99);
    expect(radarLevel({ id: 'c', level: 3, score: 90 }, cells, 3)).toBe(3);
    expect(radarLevel({ id: 'd', level: 0, score: null }, cells, 3)).toBeNull();
  });

  it('colours and marks all 18 cells of the heat map as the result says', () => {
    const { q, lang, result } = scored('mairie-saint-exemple.yaml');
    const cells = asList((xml.parse(heatmapSvg(result, q, lang)) as { svg: Node }).svg.rect);
    expect(cells).toHaveLength(18);
    for (const c of result.cells) {
      const rect = cells.find((r) => r['data-principle'] === c.principle && Number(r['data-level']) === c.level)!;
      expect(rect['data-status']).toBe(c.status);
      expect(rect.class).toBe(c.score === null ? 'cell none' : c.score >= c.threshold ? 'cell held' : 'cell short');
    }
  });

  it("changes a heat-map cell's colour at the threshold: 59 % and 61 % of a 60 % threshold differ in class and colour", () => {
    expect(cellTone(59, 60).kind).toBe('short');
    expect(cellTone(60, 60).kind).toBe('held');
    expect(cellTone(61, 60).kind).toBe('held');
    expect(cellTone(null, 60).kind).toBe('none');
    const { q, lang, result } = scored('mairie-saint-exemple.yaml');
    const near = {
      cells: result.cells.map((c, i) => ({
        ...c,
        score: i === 0 ? 59 : i === 1 ? 61 : c.score,
        threshold: 60,
        status: i === 1 ? ('reached' as const) : c.status,
      })),
    };
    const rects = asList((xml.parse(heatmapSvg(near, q, lang)) as { svg: Node }).svg.rect);
    const [short, held] = [0, 1].map((i) =>
      rects.find((r) => r['data-principle'] === near.cells[i]!.principle && Number(r['data-level']) === near.cells[i]!.level)!,
    );
    expect(short!.class).toBe('cell short');
    expect(held!.class).toBe('cell held');
    // Amber just short of the threshold, green from it: red is high below, green is high above.
    const rgb = (r: Node) => [1, 3, 5].map((k) => parseInt(String(r.fill).slice(k, k + 2), 16));
    expect(rgb(short!)[0]).toBeGreaterThan(rgb(short!)[1]!);
    expect(rgb(held!)[1]).toBeGreaterThan(rgb(held!)[0]!);
  });

  it('draws before and after on the compare radar', () => {
    const before = scored('mairie-saint-exemple.yaml');
    const svg = compareRadarSvg(before.result, before.result, before.q, 'fr');
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(asList((xml.parse(svg) as { svg: Node }).svg.polygon).filter((p) => p.class === 'levels')).toHaveLength(2);
  });
});

describe('HTML report', () => {
  it('is one self-contained file: inline CSS and SVG, no external reference, A4 print rules', () => {
    const { q, result } = scored('clinique-des-lilas.yaml');
    const html = renderHtml(result, q);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i);
    expect(html).not.toMatch(/<link\b|<script\b|@import/i);
    expect(html).toContain('@page { size: A4;');
    expect(html).toContain("default-src 'none'");
    expect(html.match(/<svg /g)).toHaveLength(3);
  });
});

describe('templates a consultant can brand', () => {
  const answers = 'questionnaires/sm-maturity/examples/mairie-saint-exemple.yaml';

  it('changes the title, the colours and the order of sections', async () => {
    const out = tmp('brand');
    const r = await cli(['run', '--answers', answers, '-o', out, '--format', 'html', '--quiet', '--template', 'test/fixtures/templates/branded.html.liquid']);
    expect(r.code).toBe(0);
    const html = readFileSync(join(out, 'mairie-st-exemple-2026-11-23.html'), 'utf8');
    expect(html).toContain('<title>Cabinet Dupont — Mairie de Saint-Exemple</title>');
    expect(html).toContain('h1, h2 { color: #8b1e3f; }');
    expect(html.indexOf('id="next-steps"')).toBeLessThan(html.indexOf('id="summary"'));
    expect(html).toContain('<svg ');
  });

  it('stops with exit 2 and the line of a syntax error, writing nothing', async () => {
    const out = join(tmp('broken'), 'out');
    const r = await cli(['run', '--answers', answers, '-o', out, '--template', 'test/fixtures/templates/broken.md.liquid']);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: 'test/fixtures/templates/broken.md.liquid:4:3: template error: output "{{ s.title }\\n{% endfor %}\\n" not closed\n',
    });
    expect(() => readdirSync(out)).toThrow();
  });

  it('cannot read a file the user did not name: include fails', async () => {
    const r = await cli(['run', '--answers', answers, '-o', tmp('include'), '--template', 'test/fixtures/templates/include.md.liquid']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('test/fixtures/templates/include.md.liquid:3:1: template error: "include" is not allowed: a report template reads no other file\n');
    const dir = tmp('include-relative');
    writeFileSync(join(dir, 'steal.md.liquid'), `{% render '${join(ROOT, 'package.json')}' %}\n{% include 'package.json' %}\n`);
    const again = await cli(['run', '--answers', answers, '-o', dir, '--template', join(dir, 'steal.md.liquid')]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/steal\.md\.liquid:1:1: template error: "render" is not allowed: a report template reads no other file\n$/);
  });
});

describe('text from answers is inert', () => {
  const evil = '<script>alert(1)</script> | *bold* [x](javascript:alert(1))';

  async function evilRun(format: string, tty = false) {
    const dir = tmp('evil');
    const file = join(dir, 'evil.yaml');
    writeFileSync(
      file,
      `questionnaire: sm-maturity@1.0.0\norganisation: { name: ${JSON.stringify(evil)} }\ndate: 2026-11-23\nlang: en\nanswers:\n  vision.objectives: { value: 2, note: ${JSON.stringify(`${evil}\u001b[31m red`)} }\n`,
    );
    const r = await cli(['run', '--answers', file, '-o', dir, '--format', format], tty ? { tty: true, env: { NO_COLOR: '1', LANG: 'en' } } : {});
    return { r, dir };
  }

  it('in Markdown: nothing of it renders as HTML, emphasis, link or table cell', async () => {
    const { r, dir } = await evilRun('md');
    expect(r.code).toBe(0);
    const md = readFileSync(
      join(
        dir,
        readdirSync(dir).find((f) => f.endsWith('.md'))!,
      ),
      'utf8',
    );
    expect(md).toContain('\\<script\\>alert(1)\\</script\\> \\| \\*bold\\* \\[x\\](javascript:alert(1))');
    expect(md).not.toContain('\u001b');
    const html = await new Marked().parse(md);
    expect(html).not.toMatch(/<script|<a |<em>bold|javascript:alert\(1\)"/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; | *bold* [x](javascript:alert(1))');
  });

  it('in HTML: escaped everywhere', async () => {
    const { r, dir } = await evilRun('html');
    expect(r.code).toBe(0);
    const html = readFileSync(
      join(
        dir,
        readdirSync(dir).find((f) => f.endsWith('.html'))!,
      ),
      'utf8',
    );
    expect(html).not.toContain('<script>');
    expect(html).not.toMatch(/href=["']?javascript/);
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62; | *bold* [x](javascript:alert(1))');
  });

  it('in the terminal: shown as written, without escape sequences', async () => {
    const { r } = await evilRun('json', true);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('<script>alert(1)</script> | *bold* [x](javascript:alert(1))');
    expect(r.stdout).not.toContain('\u001b');
  });

  it('in the chart titles of the SVG files', () => {
    const { q, result } = scored('mairie-saint-exemple.yaml');
    const svg = ladderSvg({ ...result, organisation: { name: evil } }, q, 'en');
    expect(XMLValidator.validate(svg)).toBe(true);
  });
});

describe('the roadmap numbers its steps in the order it shows them', () => {
  it('in Markdown, HTML and the terminal, when a later horizon holds a step ranked before steps of an earlier one', async () => {
    const { q, result } = example('northwind-industries.yaml', { lang: 'en', explain: true });
    // Ranked 2nd but due in 3–6 months: shown after the 0–3 steps ranked 3rd and 4th.
    const moved = result.nextSteps[1]!;
    expect(moved.horizon).toBe('0-3');
    const r = { ...result, nextSteps: result.nextSteps.map((s) => (s === moved ? { ...s, horizon: '3-6' as const } : s)) };
    const titles = ['0-3', '3-6', '6-12']
      .flatMap((h) => r.nextSteps.filter((s) => s.horizon === h))
      .map((s) => textsFor(q, 'en').recommendation(s.id, s.variant).title);
    const expected = titles.map((title, i) => `${i + 1}. ${title}`);
    const md = renderMarkdown(r, q, { explain: true });
    expect([...md.matchAll(/^#### (.+)$/gm)].map((m) => m[1])).toEqual(expected);
    expect(md).toContain(`#### 4. ${titles[3]}`);
    // The explanation of each step uses the same number.
    titles.forEach((title, i) => expect(md).toContain(`- **${i + 1}\\. ${title}**`));
    const html = renderHtml(r, q);
    expect([...html.matchAll(/<h4>(.+?)<\/h4>/g)].map((m) => m[1]!.replaceAll('&#39;', "'"))).toEqual(expected);
    const terminal = stripVTControlCharacters(await displayReport(r, q, { width: 80 }));
    expect([...terminal.matchAll(/^#### (\d+)\. /gm)].map((m) => Number(m[1]))).toEqual(expected.map((_, i) => i + 1));
  });
});
