import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Spool } from '../../src/batch/spool.js';

describe('the batch spool', () => {
  it('gives back each string by its reference', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'spool-')), 'spool');
    const spool = new Spool(path);
    const a = spool.put('{"name":"Mairie de Saint-Exemple"}');
    const b = spool.put('{"name":"Clinique « Les Érables »"}');
    expect(spool.get(b)).toBe('{"name":"Clinique « Les Érables »"}');
    expect(spool.get(a)).toBe('{"name":"Mairie de Saint-Exemple"}');
    spool.close();
    expect(existsSync(path)).toBe(false);
  });

  it('reads JSON lines back in order across its 1 MiB blocks, characters cut by a block included', () => {
    const spool = new Spool(join(mkdtempSync(join(tmpdir(), 'spool-')), 'spool'));
    spool.put('not a line of the rows\n');
    const from = spool.size;
    // 3-byte characters and lines of uneven length: block ends fall inside lines and inside characters.
    const rows = Array.from({ length: 4000 }, (_, i) => ({ i, name: `Café ${'€'.repeat(i % 700)} ${i}` }));
    for (const row of rows) spool.put(`${JSON.stringify(row)}\n`);
    expect(spool.size - from).toBeGreaterThan(3 * 1048576);
    expect([...spool.lines(from)]).toEqual(rows);
    // A second pass reads the same.
    expect([...spool.lines<{ i: number }>(from)].map((r) => r.i)).toEqual(rows.map((r) => r.i));
    spool.close();
  });
});
