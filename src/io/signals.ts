import { SIGNAL_EXIT, type Signal } from '../errors.js';

/*
 * Ctrl+C, SIGTERM and SIGHUP: what holds a resource (a batch's lock and work folder) says how to let it
 * go, and the process ends with the signal's exit code (130, 143, 129) once that is done. Only the
 * command line installs this; the library leaves signals to its caller.
 */

type Cleanup = () => void | Promise<void>;
const cleanups = new Set<Cleanup>();
let stopping = false;

/** Registers what to undo if the process is stopped; returns the function that unregisters it. */
export function onStop(cleanup: Cleanup): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

export function installSignalHandlers(say: (signal: Signal) => string | undefined): void {
  // A reader that stops early (`sm-diagnostic --help | head`) closes the pipe: the output ends there, quietly,
  // as for any command-line tool, instead of a Node stack about EPIPE.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(0);
      throw error;
    });
  }
  for (const signal of Object.keys(SIGNAL_EXIT) as Signal[]) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      void stop(signal, say);
    });
  }
}

async function stop(signal: Signal, say: (signal: Signal) => string | undefined): Promise<void> {
  for (const cleanup of [...cleanups].reverse()) {
    try {
      await cleanup();
    } catch {
      // Stopping anyway: what could not be cleaned is left as a later run finds it.
    }
  }
  const line = say(signal);
  if (line) process.stderr.write(`${line}\n`);
  process.exit(SIGNAL_EXIT[signal]);
}
