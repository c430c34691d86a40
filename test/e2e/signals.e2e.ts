import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AnswersFile } from '../../src/model/answers.js';
import { EXAMPLES, ROOT, TINY } from '../helpers/load.js';
import { readYaml } from '../helpers/read.js';
import { Terminal } from '../helpers/tmux.js';

/*
 * The signal rows of the exit-code table, on a real terminal: 143 for SIGTERM, 129 for SIGHUP, 130 for
 * Ctrl+C (the interview's own Ctrl+C is in pty.e2e.ts). A batch stopped by a signal lets go of its
 * folder: no lock, no run folder, no temporary file; and a second batch on a live batch's folder is
 * refused with 75 while the first completes.
 */
const t = new Terminal(`smd-signals-${process.pid}`);
afterAll(() => t.stop());

/** A folder of `count` answers files, each its own organisation. */
function inputs(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'smd-signals-in-'));
  const text = readFileSync(join(EXAMPLES, 'mairie-saint-exemple.yaml'), 'utf8');
  for (let i = 0; i < count; i++) writeFileSync(join(dir, `org-${i}.yaml`), text.replace('id: mairie-st-exemple', `id: org-${i}`));
  return dir;
}

async function until(test: () => boolean, what: string): Promise<void> {
  const begin = Date.now();
  while (!test()) {
    if (Date.now() - begin > 20_000) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const leftovers = (out: string) =>
  readdirSync(out).filter((f) => f.startsWith('.sm-diagnostic-run.') || f === '.sm-diagnostic-batch.lock' || f.endsWith('.tmp'));

/** Every file of a folder (dot files included) and the sha256 of its bytes, but the exit-code files the terminal writes. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => !f.startsWith('exit-'))
      .sort()
      .map((f) => [
        f,
        createHash('sha256')
          .update(readFileSync(join(dir, f)))
          .digest('hex'),
      ]),
  );
}

const bin = join(ROOT, 'bin', 'sm-diagnostic.js');

/** The tiny questionnaire's eight questions, answered the same way every time: `from` to `to` (1-based). */
async function answer(from: number, to: number): Promise<void> {
  const keys: Record<number, () => void> = {
    1: () => t.keys('Down', 'Down', 'Down', 'Enter'), // 3
    2: () => t.keys('Down', 'Enter'), // some
    3: () => (t.type('42'), t.keys('Enter')),
    4: () => t.keys('Enter'), // yes
    5: () => t.keys('Space', 'Enter'), // x
    6: () => t.keys('Down', 'Enter'), // 1
    7: () => t.keys('Down', 'Down', 'Enter'), // 2
    8: () => t.keys('Down', 'Enter'), // no
  };
  for (let n = from; n <= to; n++) {
    await t.see(`[${n}/8]`);
    keys[n]!();
  }
}

/** 400 answers files, and the folder of a batch of them that was never interrupted (made once). */
let batchMade: { input: string; reference: string } | undefined;
function batchReference(): { input: string; reference: string } {
  if (batchMade) return batchMade;
  const input = inputs(400);
  const reference = join(mkdtempSync(join(tmpdir(), 'smd-sig-ref-')), 'out');
  const made = spawnSync(process.execPath, [bin, 'batch', input, '-o', reference, '--jobs', '1', '--quiet'], { encoding: 'utf8' });
  expect(made.status).toBe(0);
  batchMade = { input, reference };
  return batchMade;
}

describe('signals', () => {
  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    it(`${signal} during the interview: exit ${code}`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'smd-sig-'));
      const exit = t.start(dir, '--lang en');
      await t.see('Name of the organisation');
      t.type('Signal Org');
      t.keys('Enter');
      await t.see('Your role');
      process.kill(t.pid(), signal);
      expect(await t.exited(exit)).toBe(code);
      // The cursor the prompts hid is shown again, and the resume command is printed.
      expect(t.tmux('display-message', '-p', '-t', t.session, '#{cursor_flag}').trim()).toBe('1');
      expect(t.screen().replace(/ \\\n\s+/g, ' ')).toMatch(/to resume, type:\n {2}node \S+sm-diagnostic\.js run --resume sm-diagnostic-draft\.yaml\n/);
    });
  }

  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    it(`${signal} mid-interview: exit ${code}, the draft intact, the cursor shown, and the resumed interview ends on the same bytes as one never stopped`, async () => {
      // The interview never stopped, answered the same way.
      const reference = mkdtempSync(join(tmpdir(), 'smd-sig-ref-'));
      let exit = t.start(reference, `-q ${TINY} --lang en`, join(reference, 'exit-1'));
      await t.tinyOpening('Signal Org');
      await answer(1, 8);
      await t.see('Review your answers');
      t.keys('Enter');
      expect(await t.exited(exit)).toBe(0);

      const dir = mkdtempSync(join(tmpdir(), 'smd-sig-iv-'));
      exit = t.start(dir, `-q ${TINY} --lang en`, join(dir, 'exit-1'));
      await t.tinyOpening('Signal Org');
      await answer(1, 3);
      await t.see('[4/8]'); // the third answer is saved before the fourth question is drawn
      process.kill(t.pid(), signal);
      expect(await t.exited(exit)).toBe(code);
      const draft = readYaml<AnswersFile>(join(dir, 'sm-diagnostic-draft.yaml'));
      expect(draft.organisation).toEqual({ name: 'Signal Org' });
      expect(draft.answers).toEqual({ 'alpha.q1': 3, 'alpha.q2': 'some', 'alpha.q3': 42 });
      expect(t.tmux('display-message', '-p', '-t', t.session, '#{cursor_flag}').trim()).toBe('1');
      expect(t.screen().replace(/ \\\n\s+/g, ' ')).toMatch(
        /to resume, type:\n {2}node \S+sm-diagnostic\.js run --resume sm-diagnostic-draft\.yaml -q \S+tiny\/1\.0\.0\.yaml\n/,
      );

      exit = t.start(dir, `run --resume sm-diagnostic-draft.yaml -q ${TINY}`, join(dir, 'exit-2'));
      await answer(4, 8);
      await t.see('Review your answers');
      t.keys('Enter');
      expect(await t.exited(exit)).toBe(0);
      const files = snapshot(dir);
      expect(Object.keys(files)).toHaveLength(7); // the answers file, three reports, three charts; the draft gone
      expect(files).toEqual(snapshot(reference));
    });
  }

  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGHUP', 129],
    ['SIGINT', 130],
  ] as const) {
    it(`${signal} during a batch: exit ${code}, the folder let go, nothing temporary left; the same command again completes to the same bytes`, async () => {
      const { input, reference } = batchReference();
      const out = join(mkdtempSync(join(tmpdir(), 'smd-sig-out-')), 'out');
      const command = ['batch', input, '-o', out, '--jobs', '1'];
      const exit = t.start(ROOT, command.join(' '), join(dirname(out), 'exit-code'));
      await until(() => existsSync(join(out, '.sm-diagnostic-batch.lock')), 'the batch took its folder');
      process.kill(t.pid(), signal);
      expect(await t.exited(exit)).toBe(code);
      expect(leftovers(out)).toEqual([]);
      // Stopped before the end: not every report is there yet.
      expect(readdirSync(out).filter((f) => f.endsWith('.md')).length).toBeLessThan(401);
      const rerun = spawnSync(process.execPath, [bin, ...command], { encoding: 'utf8', env: { PATH: process.env.PATH, LANG: 'en_US.UTF-8' } });
      expect(rerun.status).toBe(0);
      expect(leftovers(out)).toEqual([]);
      expect(snapshot(out)).toEqual(snapshot(reference));
    });
  }

  it("refuses a second batch on a live batch's folder with 75, and the first completes", async () => {
    const input = inputs(300);
    const out = join(mkdtempSync(join(tmpdir(), 'smd-sig-two-')), 'out');
    const exit = t.start(ROOT, `batch ${input} -o ${out} --jobs 1 --quiet`, join(dirname(out), 'exit-code'));
    await until(() => existsSync(join(out, '.sm-diagnostic-batch.lock')), 'the first batch took its folder');
    const second = spawnSync(process.execPath, [join(ROOT, 'bin', 'sm-diagnostic.js'), 'batch', input, '-o', out, '--jobs', '1'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, LANG: 'en_US.UTF-8' },
    });
    expect(second.status).toBe(75);
    expect(second.stderr).toMatch(/is in use by another batch \(process \d+\); wait for it to finish, or write elsewhere\n$/);
    expect(await t.exited(exit)).toBe(0);
    expect(readdirSync(out).filter((f) => f.endsWith('.md')).length).toBe(301);
    expect(leftovers(out)).toEqual([]);
  });
});
