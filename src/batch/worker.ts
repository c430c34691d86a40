import { parentPort, workerData } from 'node:worker_threads';
import { readInput, reportOrganisation, type BatchSettings, type ReportTask } from './work.js';

/** A batch worker: reads inputs and writes reports as the main thread asks, a chunk per message. */
const settings = workerData as BatchSettings;
type Task = { id: number; kind: 'read'; inputs: { path: string; display: string }[] } | { id: number; kind: 'report'; tasks: ReportTask[] };
parentPort!.on('message', (task: Task) => {
  try {
    const value =
      task.kind === 'read'
        ? task.inputs.map((input) => readInput(input.path, input.display, settings))
        : task.tasks.map((t) => reportOrganisation(t, settings));
    parentPort!.postMessage({ id: task.id, value });
  } catch (error) {
    parentPort!.postMessage({ id: task.id, error: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) });
  }
});
