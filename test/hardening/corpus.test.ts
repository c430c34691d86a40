import { existsSync, mkdtempSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { ROOT } from '../helpers/load.js';

interface Case {
  name: string;
  args: string[];
  exit?: number;
  stderr?: string;
}
const corpus = parse(readFileSync(join(ROOT, 'test/fixtures/bad/cases.yaml'), 'utf8')) as { bad: Case[]; accepted: Case[] };
let huge = '';

beforeAll(() => {
  // A 100 MB file, sparse: it costs no disk, and the size check refuses it before reading a byte.
  huge = join(mkdtempSync(join(tmpdir(), 'smd-huge-')), 'huge.yaml');
  writeFileSync(huge, '');
  truncateSync(huge, 100 * 1024 * 1024);
});

function expand(args: string[], out: string): string[] {
  return args.map((a) => a.replace('{out}', out).replace('{huge}', huge));
}

describe(`bad input corpus (${corpus.bad.length} cases)`, () => {
  it('has at least 40 cases', () => {
    expect(corpus.bad.length).toBeGreaterThanOrEqual(40);
  });

  for (const c of corpus.bad) {
    it(c.name, async () => {
      const out = join(mkdtempSync(join(tmpdir(), 'smd-bad-')), 'out');
      const r = await cli(expand(c.args, out));
      expect({ exit: r.code, stderr: r.stderr.replace(out, '{out}').replace(huge, '{huge}') }).toEqual({ exit: c.exit, stderr: c.stderr });
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe('');
      // No output: the folder is never made, or holds nothing but the batch's own marker.
      expect(existsSync(out) ? readdirSync(out).filter((f) => !f.startsWith('.')) : []).toEqual([]);
    });
  }
});

describe('files saved on Windows are ordinary input', () => {
  for (const c of corpus.accepted) {
    it(c.name, async () => {
      const out = join(mkdtempSync(join(tmpdir(), 'smd-ok-')), 'out');
      const r = await cli([...expand(c.args, out), '--quiet']);
      expect(r.code).toBe(0);
      expect(readdirSync(out).some((f) => f.endsWith('.json'))).toBe(true);
    });
  }
});
