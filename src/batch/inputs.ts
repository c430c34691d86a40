import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';
import { isLockEntry } from '../io/lock.js';
import { isFolder } from '../io/write.js';
import { MARKER } from './marker.js';
import { msg } from '../i18n/index.js';
import { UsageError } from '../errors.js';

export interface InputFile {
  /** The file's real path: a file reached twice (a folder and a glob, a symlink) counts once. */
  path: string;
  /** As messages name it: relative to where the batch was started. */
  display: string;
}

const PATTERN = '**/*.{yaml,yml,json,csv,YAML,YML,JSON,CSV}';
const IGNORE = ['**/node_modules/**', '**/.*', '**/.*/**'];

/**
 * Files, folders (every answers file and CSV below them) and quoted globs (`*`, `**`, `?`, `{a,b}`), in
 * the order given, each file once; nothing from the output folder, its own marker or the mapping.
 */
export function expandInputs(inputs: readonly string[], out: string, exclude: readonly string[] = []): InputFile[] {
  const outDir = resolve(out);
  const excluded = new Set(exclude.map((f) => realPath(resolve(f))));
  const seen = new Set<string>();
  const files: InputFile[] = [];
  const add = (path: string) => {
    const absolute = resolve(path);
    const real = realPath(absolute);
    const name = absolute.slice(absolute.lastIndexOf(sep) + 1);
    if (seen.has(real) || excluded.has(real) || absolute.startsWith(outDir + sep) || name === MARKER || isLockEntry(name)) return;
    seen.add(real);
    const display = relative(process.cwd(), absolute);
    files.push({ path: real, display: display === '' || display.startsWith('..') || isAbsolute(display) ? path : display });
  };
  for (const input of inputs) {
    if (isDynamicPattern(input)) {
      checkGlob(input);
      for (const f of sorted(globSync(input, { dot: false, onlyFiles: true, ignore: ['**/node_modules/**'], expandDirectories: false }))) add(f);
    } else if (isFolder(input)) {
      for (const f of sorted(globSync(PATTERN, { cwd: input, dot: false, onlyFiles: true, ignore: IGNORE }))) add(resolve(input, f));
    } else add(input);
  }
  return files;
}

/** Stars a glob may have in one part of its path: more would make the matcher backtrack for minutes on long names. */
const MAX_STARS = 3;

function checkGlob(glob: string): void {
  for (const part of glob.split(/[\\/]/)) {
    if (part === '**') continue;
    let stars = 0;
    for (const c of part) if (c === '*') stars++;
    if (stars > MAX_STARS) throw new UsageError(msg('batch.glob-stars', { glob, count: stars, max: MAX_STARS }));
  }
}

function sorted(paths: string[]): string[] {
  return paths.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The real path, or the path itself when it does not exist (the read says so, located). */
function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
