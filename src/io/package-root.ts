import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The package's own folder (holds questionnaires/, templates/, schemas/), from src/ or from dist/. */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'questionnaires'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('sm-diagnostic: cannot find the package folder');
    dir = parent;
  }
  root = dir;
  return dir;
}

/** The package's name and version, from its package.json (`--version`, and the workflow `init` writes). */
export function packageInfo(): { name: string; version: string } {
  return JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { name: string; version: string };
}
