import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './load.js';

const bin = join(ROOT, 'bin', 'sm-diagnostic.js');

/**
 * A real terminal (a tmux session) running the command line: keys typed as a person would, Ctrl+C a real
 * SIGINT, the screen read back. Each `start` writes the exit code to a file of its own.
 */
export class Terminal {
  constructor(readonly session: string) {}

  tmux(...args: string[]): string {
    return execFileSync('tmux', args, { encoding: 'utf8' });
  }

  screen(): string {
    return this.tmux('capture-pane', '-p', '-J', '-S', '-200', '-t', this.session);
  }

  async see(what: string | RegExp, timeout = 10_000): Promise<string> {
    const start = Date.now();
    for (;;) {
      const s = this.screen();
      if (typeof what === 'string' ? s.includes(what) : what.test(s)) return s;
      if (Date.now() - start > timeout) throw new Error(`not on screen: ${String(what)}\n${s}`);
      await new Promise((r) => setTimeout(r, 40));
    }
  }

  keys(...k: string[]): void {
    this.tmux('send-keys', '-t', this.session, ...k);
  }

  type(text: string): void {
    this.tmux('send-keys', '-t', this.session, '-l', text);
  }

  /** The tiny questionnaire's opening in English: `name`, the first role, objectives a and b, size large (eight questions). */
  async tinyOpening(name: string): Promise<void> {
    await this.see('Name of the organisation');
    this.type(name);
    this.keys('Enter');
    await this.see('Your role');
    this.keys('Enter');
    await this.see('Objectives?');
    this.keys('Space', 'Down', 'Space', 'Enter');
    await this.see('Size?');
    this.keys('Down', 'Enter');
  }

  /** Clears the pane and its history so that the next `see` only sees what comes after. */
  clear(): void {
    this.tmux('send-keys', '-t', this.session, '-R');
    this.tmux('clear-history', '-t', this.session);
  }

  /** Starts `sm-diagnostic ARGS` in `dir`; returns the file its exit code will be written to. */
  start(dir: string, args: string, exitFile = join(dir, 'exit-code')): string {
    rmSync(exitFile, { force: true });
    this.stop();
    this.tmux(
      'new-session',
      '-d',
      '-s',
      this.session,
      '-x',
      '110',
      '-y',
      '50',
      `cd ${dir} && LANG=en_US.UTF-8 NO_COLOR=1 ${process.execPath} ${bin} ${args}; echo $? > ${exitFile}; sleep 600`,
    );
    return exitFile;
  }

  /** The process id of the command (the child of the pane's shell). */
  pid(): number {
    const shell = this.tmux('list-panes', '-t', this.session, '-F', '#{pane_pid}').trim();
    return Number(spawnSync('pgrep', ['-P', shell], { encoding: 'utf8' }).stdout.trim().split('\n')[0]);
  }

  async exited(exitFile: string): Promise<number> {
    return this.exitedIn(exitFile, 20_000);
  }

  private async exitedIn(exitFile: string, timeout: number): Promise<number> {
    const begin = Date.now();
    while (!existsSync(exitFile) || readFileSync(exitFile, 'utf8').trim() === '') {
      if (Date.now() - begin > timeout) throw new Error('the program did not exit');
      await new Promise((r) => setTimeout(r, 40));
    }
    return Number(readFileSync(exitFile, 'utf8').trim());
  }

  /**
   * A shell in a terminal of `cols`×`rows`, in `dir`, with `env`: commands are typed into it as a person
   * would (`run`), so that a printed command can be run verbatim. Its prompt is empty, so the last lines
   * on screen are the program's; the exit code of each command goes to `<dir>/.exit`.
   */
  async shell(dir: string, env: Record<string, string>, cols = 80, rows = 24): Promise<void> {
    this.stop();
    this.dir = dir;
    // A clean environment, as a terminal gives a person: nothing inherited from the test runner (npx, CI).
    const vars = Object.entries(env).map(([k, v]) => `${k}='${v}'`);
    this.tmux('new-session', '-d', '-s', this.session, '-x', String(cols), '-y', String(rows), `env -i ${vars.join(' ')} bash --norc --noprofile`);
    this.tmux('set-option', '-t', this.session, 'history-limit', '10000');
    this.type(`cd '${dir}' && PS1='' && PROMPT_COMMAND='echo $? > .exit' && clear`);
    this.keys('Enter');
    await this.ran(10_000);
  }

  private dir = '';

  /** Types a command line into the shell and presses Enter; `ran` gives its exit code. */
  run(line: string): void {
    rmSync(join(this.dir, '.exit'), { force: true });
    this.type(line);
    this.keys('Enter');
  }

  ran(timeout = 60_000): Promise<number> {
    return this.exitedIn(join(this.dir, '.exit'), timeout);
  }

  /** Every line written so far, wrapped lines joined: a line longer than the terminal shows as one. */
  lines(): string[] {
    return this.tmux('capture-pane', '-p', '-J', '-S', '-10000', '-t', this.session).split('\n');
  }

  stop(): void {
    spawnSync('tmux', ['kill-session', '-t', this.session]);
  }
}
