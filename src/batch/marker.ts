import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileSafely } from '../io/write.js';

/** Marks a folder as a batch's own, and lists what the batch wrote there: the only files it ever deletes. */
export const MARKER = '.sm-diagnostic-batch.json';

export function readMarker(dir: string): string[] | undefined {
  try {
    const data = JSON.parse(readFileSync(join(dir, MARKER), 'utf8')) as { outputs?: unknown };
    return Array.isArray(data.outputs) ? data.outputs.filter((o): o is string => typeof o === 'string') : [];
  } catch {
    return undefined;
  }
}

export function writeMarker(dir: string, outputs: readonly string[], tempDir: string): void {
  writeFileSafely(join(dir, MARKER), `${JSON.stringify({ tool: 'sm-diagnostic batch', outputs: [...outputs].sort() }, null, 2)}\n`, { replace: true, tempDir });
}
