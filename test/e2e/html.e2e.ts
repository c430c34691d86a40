import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES, ROOT } from '../helpers/load.js';

/*
 * Every example's HTML report opened in headless Chromium (Debian's package, which `.ci/run` installs):
 * no console error, no request but the file itself, a screenshot on screen and on a phone, and an A4 print.
 */
const SHOTS = join(ROOT, 'test-output', 'screenshots');
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

describe('HTML reports in Chromium', () => {
  for (const example of readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    it(example, async () => {
      const out = mkdtempSync(join(tmpdir(), 'smd-html-'));
      const r = spawnSync(
        process.execPath,
        [join(ROOT, 'bin', 'sm-diagnostic.js'), 'run', '--answers', join(EXAMPLES, example), '-o', out, '--format', 'html', '--explain', '--quiet'],
        {
          encoding: 'utf8',
        },
      );
      expect(r.status).toBe(0);
      const file = join(
        out,
        readdirSync(out).find((f) => f.endsWith('.html'))!,
      );
      const name = example.replace(/\.yaml$/, '');

      for (const [viewport, suffix] of [
        [{ width: 1100, height: 1400 }, 'screen'],
        [{ width: 390, height: 844 }, 'phone'],
      ] as const) {
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
        // Nothing wider than the page: tables scroll inside their own box.
        const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
        expect(overflow).toBeLessThanOrEqual(0);
        await page.screenshot({ path: join(SHOTS, `${name}.${suffix}.png`), fullPage: suffix === 'screen' });
        if (suffix === 'screen') {
          const pdf = await page.pdf({ format: 'A4', printBackground: true });
          expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
        }
        await page.close();
      }
    });
  }
});
