import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLES, ROOT } from '../helpers/load.js';
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
    ['SIGINT', 130],
  ] as const) {
    it(`${signal} during a batch: exit ${code}, the folder let go, nothing temporary left`, async () => {
      const input = inputs(400);
      const out = join(mkdtempSync(join(tmpdir(), 'smd-sig-out-')), 'out');
      const exit = t.start(ROOT, `batch ${input} -o ${out} --jobs 1`, join(dirname(out), 'exit-code'));
      await until(() => existsSync(join(out, '.sm-diagnostic-batch.lock')), 'the batch took its folder');
      process.kill(t.pid(), signal);
      expect(await t.exited(exit)).toBe(code);
      expect(leftovers(out)).toEqual([]);
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
