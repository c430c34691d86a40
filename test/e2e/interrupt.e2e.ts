import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { ResultSchema } from '../../src/model/result.js';
import { ROOT, TINY } from '../helpers/load.js';

/*
 * Signals at random moments, to the interview (in a real terminal) and to a batch: no answer given
 * before the signal may be lost, no output file may be truncated, and the rerun must complete.
 */
const bin = join(ROOT, 'bin', 'sm-diagnostic.js');
const session = `smd-int-${process.pid}`;
const tally = { signals: 0, answersGiven: 0, answersLost: 0, filesChecked: 0, truncated: 0 };
let seed = 20261124;
const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);

afterAll(() => {
  spawnSync('tmux', ['kill-session', '-t', session]);
  console.log(`interruptions: ${JSON.stringify(tally)}`);
});

const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-J', '-t', session);
async function see(what: string | RegExp, timeout = 10_000): Promise<string> {
  const start = Date.now();
  for (;;) {
    const s = screen();
    if (typeof what === 'string' ? s.includes(what) : what.test(s)) return s;
    if (Date.now() - start > timeout) throw new Error(`not on screen: ${String(what)}\n${s}`);
    await new Promise((r) => setTimeout(r, 30));
  }
}
async function exited(file: string): Promise<number> {
  const start = Date.now();
  while (!existsSync(file) || readFileSync(file, 'utf8').trim() === '') {
    if (Date.now() - start > 20_000) throw new Error('no exit');
    await new Promise((r) => setTimeout(r, 30));
  }
  return Number(readFileSync(file, 'utf8').trim());
}
function start(dir: string, args: string): string {
  const exit = join(dir, `exit-${Date.now()}-${Math.floor(random() * 1e6)}`);
  spawnSync('tmux', ['kill-session', '-t', session]);
  tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '50', `cd ${dir} && LANG=en_US.UTF-8 NO_COLOR=1 ${process.execPath} ${bin} ${args}; echo $? > ${exit}; sleep 300`);
  return exit;
}
function nodePid(): number {
  const shell = tmux('list-panes', '-t', session, '-F', '#{pane_pid}').trim();
  const out = spawnSync('pgrep', ['-P', shell], { encoding: 'utf8' }).stdout.trim();
  return Number(out.split('\n')[0]);
}

describe('interrupting the interview', () => {
  for (let round = 0; round < 4; round++) {
    it(`round ${round + 1}: ${round % 2 === 0 ? 'Ctrl+C' : 'SIGKILL'} after some answers, then --resume`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'smd-int-'));
      let exit = start(dir, `-q ${TINY} --lang en`);
      await see('Name of the organisation');
      tmux('send-keys', '-t', session, '-l', `Org ${round}`);
      tmux('send-keys', '-t', session, 'Enter');
      await see('Your role');
      tmux('send-keys', '-t', session, 'Enter');
      await see('Objectives?');
      tmux('send-keys', '-t', session, 'Space', 'Down', 'Space', 'Enter'); // a, b: every question asked
      await see('Size?');
      tmux('send-keys', '-t', session, 'Down', 'Enter'); // large
      // Scale and yes/no questions only get arrow keys; the number question gets typed digits.
      const given: Record<string, unknown> = {};
      const order = ['alpha.q1', 'alpha.q2', 'alpha.q3', 'alpha.q4', 'beta.q1', 'beta.q2', 'beta.q3', 'beta.q4'];
      const k = 2 + Math.floor(random() * 5);
      for (let i = 0; i < k; i++) {
        await see(`[${i + 1}/8]`);
        const id = order[i]!;
        if (id === 'alpha.q3') {
          const v = Math.floor(random() * 100);
          tmux('send-keys', '-t', session, '-l', String(v));
          tmux('send-keys', '-t', session, 'Enter');
          given[id] = v;
        } else if (id === 'beta.q1') {
          tmux('send-keys', '-t', session, 'Space', 'Enter');
          given[id] = ['x'];
        } else {
          const downs = id === 'alpha.q4' || id === 'beta.q4' ? Math.floor(random() * 2) : Math.floor(random() * (id === 'alpha.q2' ? 3 : 5));
          tmux('send-keys', '-t', session, ...Array(downs).fill('Down'), 'Enter');
          given[id] = id === 'alpha.q4' || id === 'beta.q4' ? downs === 0 : id === 'alpha.q2' ? ['no', 'some', 'yes'][downs] : downs;
        }
      }
      await see(`[${k + 1}/8]`); // the k-th answer is saved before the next question is drawn
      if (round % 2 === 0) tmux('send-keys', '-t', session, 'C-c');
      else process.kill(nodePid(), 'SIGKILL');
      tally.signals += 1;
      tally.answersGiven += k;
      const code = await exited(exit);
      expect(code).toBe(round % 2 === 0 ? 130 : 137);
      const draft = parse(readFileSync(join(dir, 'sm-diagnostic-draft.yaml'), 'utf8')).answers as Record<string, unknown>;
      const lost = Object.entries(given).filter(([id, v]) => JSON.stringify(draft[id]) !== JSON.stringify(v));
      tally.answersLost += lost.length;
      expect(lost).toEqual([]);

      exit = start(dir, `run --resume -q ${TINY}`);
      for (let i = k; i < 8; i++) {
        await see(`[${i + 1}/8]`);
        if (order[i] === 'alpha.q3') tmux('send-keys', '-t', session, '-l', '5');
        tmux('send-keys', '-t', session, 'Enter');
      }
      await see('Review your answers');
      tmux('send-keys', '-t', session, 'Enter');
      expect(await exited(exit)).toBe(0);
      const answersFile = readdirSync(dir).find((f) => f.endsWith('.answers.yaml'))!;
      const final = parse(readFileSync(join(dir, answersFile), 'utf8')).answers as Record<string, unknown>;
      for (const [id, v] of Object.entries(given)) expect(final[id]).toEqual(v);
      expect(Object.keys(final)).toHaveLength(8);
    });
  }
});

function checkOutputs(dir: string): void {
  for (const f of readdirSync(dir)) {
    if (f.startsWith('.')) continue;
    const text = readFileSync(join(dir, f), 'utf8');
    tally.filesChecked += 1;
    let complete = true;
    if (f.endsWith('.json')) {
      try {
        complete = ResultSchema.safeParse(JSON.parse(text)).success;
      } catch {
        complete = false;
      }
    } else if (f.endsWith('.md')) complete = text.endsWith('\n') && (f === 'summary.md' || /Generated by sm-diagnostic|Produit par sm-diagnostic/.test(text));
    else if (f.endsWith('.svg')) complete = XMLValidator.validate(text) === true;
    else if (f === 'results.jsonl') complete = text.split('\n').filter(Boolean).every((l) => ResultSchema.safeParse(JSON.parse(l)).success);
    else if (f === 'summary.csv') complete = text.endsWith('\r\n');
    if (!complete) tally.truncated += 1;
    expect({ file: f, complete }).toEqual({ file: f, complete: true });
  }
}

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => !f.startsWith('.'))
      .sort()
      .map((f) => [f, createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')]),
  );
}

describe('interrupting a batch', () => {
  const inputs = mkdtempSync(join(tmpdir(), 'smd-int-batch-'));
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'generate-answers.mjs'), '300', join(inputs, 'in')]);
  const reference = join(inputs, 'reference');
  execFileSync(process.execPath, [bin, 'batch', join(inputs, 'in'), '-o', reference, '--quiet']);

  for (let round = 0; round < 6; round++) {
    const signal = round % 2 === 0 ? 'SIGKILL' : 'SIGINT';
    it(`round ${round + 1}: ${signal} at a random moment, then a rerun completes to the same bytes`, async () => {
      const out = join(inputs, `out-${round}`);
      rmSync(out, { recursive: true, force: true });
      mkdirSync(out);
      const child = spawn(process.execPath, [bin, 'batch', join(inputs, 'in'), '-o', out, '--quiet', '--force'], { stdio: 'ignore' });
      // Listen before the signal: a fast batch may end before the random moment comes.
      const ended = new Promise((r) => child.on('exit', r));
      await new Promise((r) => setTimeout(r, 200 + Math.floor(random() * 2500)));
      if (child.exitCode === null && child.kill(signal)) tally.signals += 1;
      await ended;
      checkOutputs(out);
      const rerun = spawnSync(process.execPath, [bin, 'batch', join(inputs, 'in'), '-o', out, '--quiet'], { encoding: 'utf8' });
      expect(rerun.status).toBe(0);
      checkOutputs(out);
      expect(snapshot(out)).toEqual(snapshot(reference));
      expect(readdirSync(out).filter((f) => f.endsWith('.tmp') || f.endsWith('.spool'))).toEqual([]);
    });
  }
});
