import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { folderFiles, projectFolders } from '../io/registry.js';
import { lintFile, type Finding } from '../lint/lint.js';
import { UsageError } from '../errors.js';
import { msg } from '../i18n/index.js';

export interface LintOutcome {
  /** The files checked, as messages name them. */
  files: string[];
  findings: Finding[];
  /** The files were found in the project's folders (no argument named them): the report names them. */
  found: boolean;
}

const VERSION_FILE = /^\d+\.\d+\.\d+\.ya?ml$/;

function questionnaireFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) out.push(...questionnaireFiles(path));
    } else if (VERSION_FILE.test(entry.name)) out.push(path);
  }
  return out;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    // A missing file is reported by lintFile, located.
    return false;
  }
}

/** Every rule on every questionnaire file given (files or folders), or on the questionnaires in use. */
export function lintQuestionnaires(inputs: readonly string[]): LintOutcome {
  let files: { path: string; display: string }[];
  if (inputs.length === 0) {
    // The project's own questionnaires: its config's folders, else ./questionnaires, else the built-in ones.
    const folders = projectFolders();
    files = folderFiles(folders).map((e) => ({ path: e.path, display: e.display }));
    if (files.length === 0) throw new UsageError(msg('lint.nothing', { dirs: folders.map((f) => f.dir).join(', ') }));
  } else {
    files = inputs.flatMap((input) =>
      isFolder(input) ? questionnaireFiles(input).map((path) => ({ path, display: path })) : [{ path: input, display: input }],
    );
  }
  return { files: files.map((f) => f.display), findings: files.flatMap((f) => lintFile(f.path, f.display)), found: inputs.length === 0 };
}
