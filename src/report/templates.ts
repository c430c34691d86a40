import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../io/package-root.js';

const cache = new Map<string, string>();

/** A built-in report template's text, read once per process. */
export function builtinTemplate(name: string): string {
  let source = cache.get(name);
  if (source === undefined) {
    source = readFileSync(join(packageRoot(), 'templates', name), 'utf8');
    cache.set(name, source);
  }
  return source;
}
