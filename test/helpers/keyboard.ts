import { PassThrough, Writable } from 'node:stream';
import { main } from '../../src/cli.js';
import type { Io } from '../../src/io/terminal.js';

/** Escape sequences the prompts draw with: CSI (ESC [ … letter) and OSC (ESC ] … BEL). */
const ESC = String.fromCharCode(0x1b);
const BEL = String.fromCharCode(0x07);
const ANSI = new RegExp(`${ESC}\\[[0-9;?]*[A-Z]|${ESC}\\][^${BEL}]*${BEL}`, 'gi');

/**
 * A keyboard and a screen for the real interview: prompts read key presses from `input` and draw on
 * `output`, as they would on a terminal's stdin and stderr.
 */
export class Keyboard {
  readonly input = new PassThrough();
  private text = '';
  private mark = 0;
  readonly output = new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      this.text += chunk.toString('utf8').replace(ANSI, '');
      done();
    },
  });

  constructor() {
    Object.assign(this.input, { isTTY: true, setRawMode: () => this.input });
    // Prompts end the stream they draw on when done, which a terminal ignores: so does this screen.
    Object.assign(this.output, { isTTY: true, columns: 100, rows: 60, end: () => this.output });
  }

  /** Everything drawn since the last key press. */
  get screen(): string {
    return this.text.slice(this.mark);
  }

  get all(): string {
    return this.text;
  }

  /** Waits until `what` is drawn after the last key press. */
  async see(what: string | RegExp, timeout = 5000): Promise<void> {
    const start = Date.now();
    for (;;) {
      const screen = this.screen;
      if (typeof what === 'string' ? screen.includes(what) : what.test(screen)) return;
      if (Date.now() - start > timeout) throw new Error(`not drawn: ${String(what)}\n--- screen ---\n${screen.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  private press(name: string, extra: Record<string, unknown> = {}): void {
    this.mark = this.text.length;
    this.input.emit('keypress', null, { name, ctrl: false, meta: false, shift: false, ...extra });
  }

  enter(): void {
    this.press('enter');
  }
  down(times = 1): void {
    for (let i = 0; i < times; i++) this.press('down');
  }
  up(times = 1): void {
    for (let i = 0; i < times; i++) this.press('up');
  }
  space(): void {
    this.press('space');
  }
  /** A printable key, as a terminal sends it: the prompt sees it in its line too. */
  key(ch: string): void {
    this.mark = this.text.length;
    this.input.write(ch);
  }
  ctrlC(): void {
    this.press('c', { ctrl: true });
  }
  /** Types text into an input prompt and presses Enter. */
  type(text: string): void {
    this.mark = this.text.length;
    this.input.write(text);
    this.press('enter');
  }
}

/** Runs the command line with a keyboard: stdin and stderr are terminals, stdout is captured. */
export function interactive(args: string[], env: NodeJS.ProcessEnv = { LANG: 'en_US.UTF-8', NO_COLOR: '1' }) {
  const keyboard = new Keyboard();
  // Every byte drawn, kept as it was written (escape sequences included).
  const raw: string[] = [];
  const write = keyboard.output.write.bind(keyboard.output) as (chunk: unknown, ...rest: unknown[]) => boolean;
  keyboard.output.write = ((chunk: unknown, ...rest: unknown[]) => {
    raw.push(String(chunk));
    return write(chunk, ...rest);
  }) as typeof keyboard.output.write;
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s), isTTY: true },
    stdin: { isTTY: true },
    env,
    prompt: { input: keyboard.input, output: keyboard.output },
  };
  const done = main(['node', 'sm-diagnostic', ...args], io).then((code) => ({ code, stdout: () => stdout, stderr: () => stderr }));
  return { keyboard, done, raw: () => raw.join('') };
}
