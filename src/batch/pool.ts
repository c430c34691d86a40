import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { packageRoot } from '../io/package-root.js';
import { InternalError, IoError } from '../errors.js';
import type { BatchSettings } from './work.js';

/** A worker's failure as it crosses to the main thread: an OS refusal keeps its file and reason. */
export type WorkerFailure = { kind: 'io'; file: string; reason: string } | { kind: 'internal'; message: string; stack?: string };

export function failureOf(error: unknown): WorkerFailure {
  if (error instanceof IoError) return { kind: 'io', file: error.file, reason: error.reason };
  return error instanceof Error
    ? { kind: 'internal', message: error.message, ...(error.stack ? { stack: error.stack } : {}) }
    : { kind: 'internal', message: String(error) };
}

function errorOf(failure: WorkerFailure): Error {
  if (failure.kind === 'io') return new IoError(failure.file, failure.reason);
  const error = new InternalError(new Error(failure.message));
  if (failure.stack) error.stack = failure.stack;
  return error;
}

type Message = { kind: 'read'; inputs: { path: string; display: string }[] } | { kind: 'report'; tasks: unknown[] };

export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

/** The worker script, built; tests that run from the sources still start the built worker. */
function workerFile(): string {
  const here = fileURLToPath(new URL('./worker.js', import.meta.url));
  return existsSync(here) ? here : join(packageRoot(), 'dist', 'src', 'batch', 'worker.js');
}

/** Worker threads, each with the questionnaire loaded once, taking one task at a time. */
export class Pool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly waiting: { message: Message; resolve: (v: unknown) => void; reject: (e: Error) => void }[] = [];
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; worker: Worker }>();
  private next = 0;

  constructor(size: number, settings: BatchSettings) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(workerFile(), { workerData: settings });
      worker.on('message', (m: { id: number; value?: unknown; error?: WorkerFailure }) => {
        const p = this.pending.get(m.id)!;
        this.pending.delete(m.id);
        if (m.error !== undefined) p.reject(errorOf(m.error));
        else p.resolve(m.value);
        this.release(worker);
      });
      worker.on('error', (error) => {
        for (const [id, p] of this.pending) {
          if (p.worker === worker) {
            this.pending.delete(id);
            p.reject(error);
          }
        }
      });
      this.workers.push(worker);
      this.idle.push(worker);
    }
  }

  run<T>(message: Message): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ message, resolve: resolve as (v: unknown) => void, reject });
      this.dispatch();
    });
  }

  private release(worker: Worker): void {
    this.idle.push(worker);
    this.dispatch();
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.waiting.length > 0) {
      const worker = this.idle.shift()!;
      const task = this.waiting.shift()!;
      const id = this.next++;
      this.pending.set(id, { resolve: task.resolve, reject: task.reject, worker });
      worker.postMessage({ id, ...task.message });
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/**
 * Runs `fn` over the items with at most `window` in flight and hands each result to `onResult` in the
 * items' order, so that memory does not grow with the number of items.
 */
export async function mapOrdered<I, O>(
  items: readonly I[],
  fn: (item: I, index: number) => Promise<O>,
  window: number,
  onResult: (value: O, index: number) => boolean | void,
): Promise<void> {
  const done = new Map<number, O>();
  let nextToEmit = 0;
  let nextToStart = 0;
  let stopped = false;
  let failure: unknown;
  await new Promise<void>((resolveAll) => {
    let running = 0;
    const pump = () => {
      while (!stopped && running < window && nextToStart < items.length) {
        const index = nextToStart++;
        running += 1;
        fn(items[index]!, index).then(
          (value) => {
            running -= 1;
            done.set(index, value);
            try {
              while (!stopped && done.has(nextToEmit)) {
                const v = done.get(nextToEmit)!;
                done.delete(nextToEmit);
                if (onResult(v, nextToEmit) === false) stopped = true;
                nextToEmit += 1;
              }
            } catch (error) {
              // What the caller does with a result failed (a full disk): stop, and say so once all is settled.
              failure ??= error;
              stopped = true;
            }
            if ((stopped || nextToEmit >= items.length) && running === 0) resolveAll();
            else pump();
          },
          (error) => {
            running -= 1;
            failure ??= error;
            stopped = true;
            if (running === 0) resolveAll();
          },
        );
      }
      if (items.length === 0 || (stopped && running === 0)) resolveAll();
    };
    pump();
  });
  if (failure !== undefined) throw failure instanceof Error ? failure : new Error('a batch task failed', { cause: failure });
}
