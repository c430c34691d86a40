import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { Marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { compareRadarSvg, heatmapSvg, ladderSvg, radarSvg } from '../../src/report/charts.js';
import { renderHtml } from '../../src/report/render.js';
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

  it('puts each radar point where its principle score says, and the target ring at target/levels', () => {
    const { q, lang, result } = scored('northwind-industries.yaml');
    const svg = (xml.parse(radarSvg(result, q, lang)) as { svg: Node }).svg;
    const points = asList(svg.circle);
    expect(points).toHaveLength(6);
    // Worked out independently of the chart code: centre (310, 205), radius 135, first axis at the top,
    // then clockwise every 60°.
    result.principles.forEach((p, i) => {
      const angle = -Math.PI / 2 + (i * Math.PI) / 3;
      const d = (135 * p.score!) / 100;
      const point = points[i]!;
      expect(point['data-principle']).toBe(p.id);
      expect(Number(point['data-score'])).toBe(p.score);
      expect(Number(point.cx)).toBeCloseTo(310 + d * Math.cos(angle), 1);
      expect(Number(point.cy)).toBeCloseTo(205 + d * Math.sin(angle), 1);
    });
    const target = asList(svg.polygon).find((p) => p.class === 'target')!;
    expect(Number(target['data-value'])).toBeCloseTo((100 * result.overall.target) / 3, 1);
  });

  it('colours and marks all 18 cells of the heat map as the result says', () => {
    const { q, lang, result } = scored('mairie-saint-exemple.yaml');
    const cells = asList((xml.parse(heatmapSvg(result, q, lang)) as { svg: Node }).svg.rect);
    expect(cells).toHaveLength(18);
    for (const c of result.cells) {
      const rect = cells.find((r) => r['data-principle'] === c.principle && Number(r['data-level']) === c.level)!;
      expect(rect['data-status']).toBe(c.status);
    }
  });

  it('draws before and after on the compare radar', () => {
    const before = scored('mairie-saint-exemple.yaml');
    const svg = compareRadarSvg(before.result, before.result, before.q, 'fr');
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(asList((xml.parse(svg) as { svg: Node }).svg.polygon).filter((p) => p.class === 'scores')).toHaveLength(2);
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
