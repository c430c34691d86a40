import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ResultSchema } from '../../src/model/result.js';
import { assessmentArb, toAnswersFile } from '../helpers/arbitraries.js';
import { cli } from '../helpers/cli.js';
import { sm, TINY } from '../helpers/load.js';

/*
 * Generated and mutated inputs: every run must end in exit 0 with a valid result, or exit 2 with
 * messages located in a file — never a crash, an internal error or a stack trace.
 */
const RUNS = 1000;
const dir = mkdtempSync(join(tmpdir(), 'smd-fuzz-'));
let n = 0;

type Mutation = { kind: 'insert' | 'delete' | 'replace' | 'duplicate-line' | 'drop-line' | 'swap-lines'; at: number; text: string };
const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('insert', 'delete', 'replace', 'duplicate-line', 'drop-line', 'swap-lines'),
  at: fc.nat(),
  text: fc.oneof(
    fc.constantFrom(
      ':',
      '-',
      ' ',
      '\n',
      '\t',
      '"',
      "'",
      '{',
      '}',
      '[',
      ']',
      '&a',
      '*a',
      '!!str',
      '<<: ',
      '#',
      '%',
      '@',
      '\u0000',
      '\uFEFF',
      'é',
      '9999',
      '-1',
      'null',
      'true',
      'unknown',
      '{ na: x }',
    ),
    fc.string({ maxLength: 6 }),
  ),
});

function mutate(text: string, mutations: Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const at = out.length === 0 ? 0 : m.at % out.length;
    const lines = out.split('\n');
    const line = lines.length === 0 ? 0 : m.at % lines.length;
    switch (m.kind) {
      case 'insert':
        out = out.slice(0, at) + m.text + out.slice(at);
        break;
      case 'delete':
        out = out.slice(0, at) + out.slice(at + 1 + (m.text.length % 4));
        break;
      case 'replace':
        out = out.slice(0, at) + m.text + out.slice(at + m.text.length);
        break;
      case 'duplicate-line':
        lines.splice(line, 0, lines[line] ?? '');
        out = lines.join('\n');
        break;
      case 'drop-line':
        lines.splice(line, 1);
        out = lines.join('\n');
        break;
      case 'swap-lines': {
        const other = (line + 1 + m.text.length) % Math.max(1, lines.length);
        [lines[line], lines[other]] = [lines[other] ?? '', lines[line] ?? ''];
        out = lines.join('\n');
        break;
      }
    }
  }
  return out;
}

async function expectCleanEnd(args: string[]): Promise<number> {
  const r = await cli(args);
  expect([0, 2]).toContain(r.code);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at |erreur interne/);
  if (r.code === 0) {
    expect(ResultSchema.safeParse(JSON.parse(r.stdout)).success).toBe(true);
  } else {
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    // `FILE: message`, located (`FILE:LINE:COL: message`) or not, or the count of the messages left out.
    for (const line of lines) expect(line).toMatch(/^(?:\S[^\n]*?: .+|… and \d+ more)$/);
  }
  return r.code;
}

describe('fuzzing', () => {
  const q = sm().questionnaire;

  it(`answers files, generated then mutated: exit 0 with a valid result or exit 2 located (${RUNS} runs)`, async () => {
    const codes = { 0: 0, 2: 0 } as Record<number, number>;
    await fc.assert(
      fc.asyncProperty(assessmentArb(q), fc.array(mutationArb, { maxLength: 3 }), fc.boolean(), async (a, mutations, json) => {
        const file = toAnswersFile(q, a);
        const text = json ? JSON.stringify(file, null, 2) : stringify(file);
        const path = join(dir, `answers-${n++}.${json ? 'json' : 'yaml'}`);
        writeFileSync(path, mutate(text, mutations));
        const code = await expectCleanEnd(['run', '--answers', path, '--json', '--quiet']);
        codes[code] = (codes[code] ?? 0) + 1;
      }),
      { numRuns: RUNS },
    );
    // Both outcomes are exercised, not only one.
    expect(codes[0]).toBeGreaterThan(50);
    expect(codes[2]).toBeGreaterThan(50);
  });

  it(`questionnaires, mutated: exit 0 with a valid result or exit 2 located (${RUNS} runs)`, async () => {
    const source = readFileSync(TINY, 'utf8');
    const codes = { 0: 0, 2: 0 } as Record<number, number>;
    await fc.assert(
      fc.asyncProperty(fc.array(mutationArb, { minLength: 1, maxLength: 3 }), async (mutations) => {
        const folder = join(dir, `q-${n++}`);
        mkdirSync(folder);
        const path = join(folder, '1.0.0.yaml');
        writeFileSync(path, mutate(source, mutations));
        const code = await expectCleanEnd(['run', '--answers', 'test/fixtures/questionnaires/tiny-answers.yaml', '-q', path, '--json', '--quiet']);
        codes[code] = (codes[code] ?? 0) + 1;
      }),
      { numRuns: RUNS },
    );
    expect(codes[0]).toBeGreaterThan(50);
    expect(codes[2]).toBeGreaterThan(50);
  });
});
