import { readdirSync, readFileSync, rmdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError, UsageError, type Located } from '../errors.js';
import { msg } from '../i18n/index.js';
import { loadAnswers, type LoadedAnswers } from '../io/load.js';
import { filesUnder, folderFiles, projectFolders, Registry, registryFolders, shownPath, useRegistry } from '../io/registry.js';
import { removeQuietly, writeSet } from '../io/write.js';
import { makeReport } from './report.js';

/*
 * The stored results of a project's examples: every answers file in `<folder>/<id>/examples/` is scored
 * with the version it names, as `run --answers FILE --format md,json` writes it, and compared with
 * `<folder>/<id>/golden/<version>/<name>.md` and `.json`. `--update` writes them. This package's own
 * tests keep the same check on its built-in questionnaire (test/golden).
 */

export const EXAMPLE_FILE = /\.(?:ya?ml|json)$/;

/** The two files an example's result is stored as, by name: its report in Markdown and its result in JSON. */
export function goldenFiles(loaded: LoadedAnswers, name: string): [string, string][] {
  const q = loaded.questionnaire.questionnaire;
  const lang = loaded.assessment.lang ?? (q.locales.includes('en') ? 'en' : q.locales[0]!);
  const report = makeReport({ loaded, lang, formats: ['md', 'json'], base: name });
  return report.files.filter(([f]) => f.endsWith('.md') || f.endsWith('.json')).map(([f, content]) => [f, String(content)]);
}

export type FileState = 'same' | 'changed' | 'missing';

export interface GoldenFile {
  /** As messages name it. */
  file: string;
  state: FileState;
  /** The first line that differs (1-based), when changed. */
  line?: number;
  stored?: string;
  now?: string;
}

export interface GoldenExample {
  /** The answers file, as messages name it. */
  example: string;
  /** `id@version` it was scored with. */
  ref?: string;
  files: GoldenFile[];
  /** Why it could not be scored. */
  problems?: readonly Located[];
}

export interface GoldenOutcome {
  examples: GoldenExample[];
  /** Stored files no example makes any more. */
  stale: string[];
  updated: boolean;
}

/** Where the check looks: the project's own folders (its config's, else the nearest `questionnaires/`). */
function ownFolders(cwd: string): string[] {
  const folders = projectFolders(cwd).filter((f) => f.origin !== 'builtin');
  if (folders.length === 0) throw new UsageError(msg('golden.no-project'));
  return folders.map((f) => f.dir);
}

/** The first line (1-based) where two texts differ, and that line in each. */
function firstDifference(stored: string, now: string): { line: number; stored: string; now: string } {
  const a = stored.split('\n');
  const b = now.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return { line: i + 1, stored: a[i] ?? '', now: b[i] ?? '' };
}

/** Checks (or with `update`, writes) the stored results of every example of the project's questionnaires. */
export function checkGolden(update: boolean, cwd = process.cwd()): GoldenOutcome {
  const examples: GoldenExample[] = [];
  const made = new Set<string>();
  const writes: [string, string][] = [];
  const golden: string[] = [];
  useRegistry(new Registry(registryFolders({ cwd })));
  const ids = new Set(folderFiles(ownFolders(cwd).map((dir) => ({ dir, origin: 'config' as const }))).map((e) => dirname(e.path)));
  for (const idDir of [...ids].sort()) {
    golden.push(...filesUnder(join(idDir, 'golden')));
    for (const path of filesUnder(join(idDir, 'examples')).filter((f) => EXAMPLE_FILE.test(f))) {
      const example = shownPath(path, cwd);
      let loaded: LoadedAnswers;
      try {
        loaded = loadAnswers(path, { lang: 'en', display: example });
      } catch (error) {
        // An example that cannot be scored (invalid, or naming a version the project does not have) is a finding.
        if (error instanceof InputError) examples.push({ example, files: [], problems: error.problems });
        else if (error instanceof UsageError) examples.push({ example, files: [], problems: [{ file: example, message: error.detail }] });
        else throw error;
        continue;
      }
      const dir = join(idDir, 'golden', loaded.questionnaire.questionnaire.version);
      const files = goldenFiles(loaded, basename(path).replace(EXAMPLE_FILE, '')).map(([name, content]): GoldenFile => {
        const target = join(dir, name);
        made.add(target);
        let stored: string | undefined;
        try {
          stored = readFileSync(target, 'utf8');
        } catch {
          stored = undefined;
        }
        if (stored !== content) writes.push([target, content]);
        if (stored === undefined) return { file: shownPath(target, cwd), state: 'missing' };
        if (stored === content) return { file: shownPath(target, cwd), state: 'same' };
        return { file: shownPath(target, cwd), state: 'changed', ...firstDifference(stored, content) };
      });
      examples.push({ example, ref: loaded.questionnaire.ref, files });
    }
  }
  const stale = golden.filter((f) => !made.has(f));
  if (update) {
    writeSet(writes, true);
    for (const file of stale) removeQuietly(file);
    for (const dir of new Set(stale.map(dirname))) removeEmpty(dir);
  }
  return { examples, stale: stale.map((f) => shownPath(f, cwd)), updated: update };
}

/** A golden folder left empty by the removal of stale files goes too. */
function removeEmpty(dir: string): void {
  try {
    if (readdirSync(dir).length === 0) rmdirSync(dir);
  } catch {
    // Not empty, or already gone.
  }
}

/** Whether every example scored and matched its stored files (after an update: whether every example scored). */
export function goldenOk(outcome: GoldenOutcome): boolean {
  if (outcome.examples.some((e) => e.problems)) return false;
  return outcome.updated || (outcome.stale.length === 0 && outcome.examples.every((e) => e.files.every((f) => f.state === 'same')));
}
