/** The streams and environment a command talks to, so that tests can run commands in-process. */
export interface Io {
  stdout: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  stdin: { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** How the tool was started (`npx sm-diagnostic`, `node bin/sm-diagnostic.js`), for the commands a hint prints. */
  command?: string;
  /** Where the interview's prompts read keys and draw (stderr, so that stdout stays for data). */
  prompt?: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream };
}

export function processIo(): Io {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    prompt: { input: process.stdin, output: process.stderr },
  };
}

/** Colour only on a terminal, and never with NO_COLOR or --no-color. */
export function useColor(io: Io, flag: boolean): boolean {
  if (!flag) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return io.stdout.isTTY === true && io.env.TERM !== 'dumb';
}

/** The terminal's width in columns; 80 when it does not say (a pipe, or `script` with no size, which reports 0). */
export function terminalWidth(io: Io): number {
  const columns = io.stdout.columns;
  return columns !== undefined && columns > 0 ? columns : 80;
}
