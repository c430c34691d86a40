import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/load.js';

/*
 * The interview in a real pseudo-terminal (tmux): keys are typed as a person would, Ctrl+C is a real
 * SIGINT from the terminal, and the program draws with its real stdin/stderr. `.ci/run` installs tmux.
 */
const session = `smd-e2e-${process.pid}`;
const bin = join(ROOT, 'bin', 'sm-diagnostic.js');

function tmux(...args: string[]): string {
  return execFileSync('tmux', args, { encoding: 'utf8' });
}
function screen(): string {
  return tmux('capture-pane', '-p', '-J', '-S', '-200', '-t', session);
}
async function see(what: string | RegExp, timeout = 10_000): Promise<string> {
  const start = Date.now();
  for (;;) {
    const s = screen();
    if (typeof what === 'string' ? s.includes(what) : what.test(s)) return s;
    if (Date.now() - start > timeout) throw new Error(`not on screen: ${String(what)}\n${s}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
const keys = (...k: string[]) => tmux('send-keys', '-t', session, ...k);
/** Clears the pane's history so that the next `see` only sees what comes after. */
const clear = () => {
  tmux('send-keys', '-t', session, '-R');
  tmux('clear-history', '-t', session);
};

function start(dir: string, args: string): void {
  const exit = join(dir, 'exit-code');
  rmSync(exit, { force: true });
  spawnSync('tmux', ['kill-session', '-t', session]);
  tmux(
    'new-session', '-d', '-s', session, '-x', '100', '-y', '50',
    `cd ${dir} && LANG=en_US.UTF-8 NO_COLOR=1 ${process.execPath} ${bin} ${args}; echo $? > ${exit}; sleep 600`,
  );
}
async function exitCode(dir: string): Promise<number> {
  const file = join(dir, 'exit-code');
  const begin = Date.now();
  while (!existsSync(file) || readFileSync(file, 'utf8').trim() === '') {
    if (Date.now() - begin > 20_000) throw new Error('the program did not exit');
    await new Promise((r) => setTimeout(r, 50));
  }
  return Number(readFileSync(file, 'utf8').trim());
}

afterAll(() => {
  spawnSync('tmux', ['kill-session', '-t', session]);
});

describe('the interview in a real terminal', () => {
  it('keeps every answer across Ctrl+C and --resume, and reports them all', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smd-pty-'));
    start(dir, '--lang en');
    await see('Name of the organisation');
    keys('-l', 'Pty Test Hall');
    keys('Enter');
    await see('Your role');
    keys('Down', 'Enter'); // communication
    await see('What kind of organisation');
    keys('Down', 'Down', 'Down', 'Enter'); // public body
    await see('How many people');
    keys('Down', 'Down', 'Enter'); // 50-249
    await see('Who do you mainly address');
    keys('Down', 'Down', 'Enter'); // public
    await see('What do you expect');
    keys('Space', 'Down', 'Down', 'Space', 'Enter'); // listen, serve
    await see('What means');
    keys('Down', 'Enter'); // part-time
    await see('[1/');
    clear();
    keys('Down', 'Down', 'Down', 'Enter'); // vision.objectives: 3
    await see('[2/');
    clear();
    keys('Down', 'Down', 'Enter'); // vision.platform-choice: some-thought
    await see('[3/');
    clear();
    keys('Down', 'Down', 'Down', 'Down', 'Down', 'Enter'); // vision.engagement-capacity: don't know
    await see('[4/');
    keys('C-c');
    expect(await exitCode(dir)).toBe(130);
    const after = screen();
    expect(after).toContain('interrupted; your answers are kept in sm-diagnostic-draft.yaml');
    expect(after).toContain('resume with: sm-diagnostic run --resume sm-diagnostic-draft.yaml');
    const draft = parse(readFileSync(join(dir, 'sm-diagnostic-draft.yaml'), 'utf8'));
    expect(draft.answers).toEqual({
      'vision.objectives': 3,
      'vision.platform-choice': 'some-thought',
      'vision.engagement-capacity': 'unknown',
    });

    start(dir, 'run --resume');
    await see('Resuming sm-diagnostic-draft.yaml: 3 of');
    let answeredAfter = 0;
    let shown = await see('[4/');
    for (;;) {
      const headers = [...shown.matchAll(/\[\d+\/\d+\]/g)];
      const current = shown.slice(headers[headers.length - 1]?.index ?? 0);
      const isNumber = /\(a\s+number\s+from\s+\d+/.test(current);
      clear();
      if (answeredAfter === 0) keys('Down', 'Down', 'Down', 'Down', 'Enter'); // vision.written-strategy: reviewed
      else if (isNumber) {
        keys('-l', '24');
        keys('Enter');
      } else keys('Enter');
      answeredAfter += 1;
      shown = await see(/\[\d+\/\d+\][\s\S]*\? |Review your answers/);
      if (shown.includes('Review your answers')) break;
    }
    clear();
    keys('Enter'); // finish
    expect(await exitCode(dir)).toBe(0);

    const today = readdirSync(dir).find((f) => f.endsWith('.answers.yaml'))!;
    const base = today.replace('.answers.yaml', '');
    expect(base).toMatch(/^pty-test-hall-\d{4}-\d{2}-\d{2}$/);
    const answers = parse(readFileSync(join(dir, `${base}.answers.yaml`), 'utf8')).answers;
    expect(answers['vision.objectives']).toBe(3);
    expect(answers['vision.platform-choice']).toBe('some-thought');
    expect(answers['vision.engagement-capacity']).toBe('unknown');
    expect(answers['vision.written-strategy']).toBe('reviewed');
    expect(Object.keys(answers).length).toBe(3 + answeredAfter);
    const report = readFileSync(join(dir, `${base}.md`), 'utf8');
    const result = JSON.parse(readFileSync(join(dir, `${base}.json`), 'utf8'));
    // Every answer given, before and after the interruption, is in the report's appendix.
    for (const id of Object.keys(answers)) {
      expect(report).toContain(`\`${id}\``);
      expect(result.explanations.questions[id].status).toMatch(/answered|unknown/);
    }
    expect(report).toMatch(/`vision\.objectives` [^|]*\| 3 — Largely \|/);
    expect(report).toMatch(/`vision\.engagement-capacity` [^|]*\| don't know \|/);
    expect(existsSync(join(dir, 'sm-diagnostic-draft.yaml'))).toBe(false);
  });
});
