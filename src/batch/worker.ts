import { parentPort, workerData } from 'node:worker_threads';
import { failureOf } from './pool.js';
import { Registry, useRegistry } from '../io/registry.js';
import { readInput, reportOrganisation, type BatchSettings, type ReportTask } from './work.js';

/** A batch worker: reads inputs and writes reports as the main thread asks, a chunk per message. */
const settings = workerData as BatchSettings;
useRegistry(new Registry(settings.folders));
type Task = { id: number; kind: 'read'; inputs: { path: string; display: string }[] } | { id: number; kind: 'report'; tasks: ReportTask[] };
parentPort!.on('message', (task: Task) => {
  try {
    if (task.kind === 'read') {
      parentPort!.postMessage({ id: task.id, value: task.inputs.map((input) => readInput(input.path, input.display, settings)) });
    } else {
      const value = task.tasks.map((t) => reportOrganisation(t, settings));
      // Each result's bytes (25 kB for the built-in questionnaire) move to the main thread instead of being
      // copied; a small one shares Node's buffer pool and is copied.
      const own = value.map((o) => o.line).filter((line) => line.byteOffset === 0 && line.buffer.byteLength === line.byteLength);
      parentPort!.postMessage(
        { id: task.id, value },
        own.map((line) => line.buffer as ArrayBuffer),
      );
    }
  } catch (error) {
    parentPort!.postMessage({ id: task.id, error: failureOf(error) });
  }
});
