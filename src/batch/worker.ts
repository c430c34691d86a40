import { parentPort, workerData } from 'node:worker_threads';
import { readInput, reportOrganisation, type BatchSettings } from './work.js';

/** A batch worker: reads inputs and writes reports as the main thread asks, one message at a time. */
const settings = workerData as BatchSettings;
parentPort!.on('message', (task: { id: number; kind: 'read'; path: string; display: string } | { id: number; kind: 'report'; task: Parameters<typeof reportOrganisation>[0] }) => {
  try {
    const value = task.kind === 'read' ? readInput(task.path, task.display, settings) : reportOrganisation(task.task, settings);
    parentPort!.postMessage({ id: task.id, value });
  } catch (error) {
    parentPort!.postMessage({ id: task.id, error: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) });
  }
});
