import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../errors.js';
import { list, msg } from '../i18n/index.js';
import { parseAnswers, questionnaireFromText } from '../io/load.js';
import { packageRoot } from '../io/package-root.js';
import { filesUnder } from '../io/registry.js';
import { exists, isFolder, writeSet } from '../io/write.js';
import { jsonSchemaText, SCHEMA_KINDS } from '../model/json-schema.js';
import { EXAMPLE_FILE, goldenFiles } from './golden.js';

/*
 * `init`: a questionnaire repository from nothing. The files come from the package's `scaffold/` folder
 * (`{{id}}` and `{{package}}` filled in), the JSON Schemas from the tool itself, and the stored results
 * of the two examples are computed here, so that `lint` and `golden` pass on the first commit.
 */

export interface InitRequest {
  dir: string;
  id: string;
  force: boolean;
  /** `sm-diagnostic@<version>`: the package the workflow installs. */
  packageSpec: string;
}

export interface InitOutcome {
  /** The files written, relative to the folder, in the order written. */
  files: string[];
  /** The questionnaire, relative to the folder. */
  questionnaire: string;
}

const ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const STARTER_VERSION = '1.0.0';

/** Where each file of `scaffold/` goes in the new repository. */
function target(rel: string, id: string): string {
  if (rel === 'gitignore') return '.gitignore';
  if (rel === 'workflow.yml') return '.github/workflows/questionnaires.yml';
  if (rel.startsWith('questionnaire/')) return `questionnaires/${id}/${rel.slice('questionnaire/'.length)}`;
  return rel;
}

/** What a folder holds that makes it not empty: everything but a lone `.git` (a repository just made). */
function contents(dir: string): string[] {
  if (!exists(dir)) return [];
  if (!isFolder(dir)) throw new UsageError(msg('init.not-folder', { dir }));
  return readdirSync(dir)
    .filter((name) => name !== '.git')
    .sort();
}

/** The repository's files, in memory: nothing is written here. */
export function initFiles(id: string, packageSpec: string, dir = '.'): [string, string][] {
  const root = join(packageRoot(), 'scaffold');
  const fill = (text: string) => text.replaceAll('{{id}}', id).replaceAll('{{package}}', packageSpec);
  const files: [string, string][] = filesUnder(root).map((file) => [target(relative(root, file).split(sep).join('/'), id), fill(readFileSync(file, 'utf8'))]);
  for (const kind of SCHEMA_KINDS) files.push([`schemas/${kind}.schema.json`, jsonSchemaText(kind)]);

  // The examples' stored results, scored with the starter as it will be written.
  const qPath = `questionnaires/${id}/${STARTER_VERSION}.yaml`;
  const loaded = questionnaireFromText(files.find(([f]) => f === qPath)![1], qPath, resolve(dir, qPath));
  const examples = files.filter(([f]) => f.startsWith(`questionnaires/${id}/examples/`) && EXAMPLE_FILE.test(f));
  for (const [file, text] of examples) {
    const answers = parseAnswers(text, { file, loaded, lang: 'en' });
    const name = file.slice(file.lastIndexOf('/') + 1).replace(EXAMPLE_FILE, '');
    for (const [f, content] of goldenFiles(answers, name)) files.push([`questionnaires/${id}/golden/${STARTER_VERSION}/${f}`, content]);
  }
  return files;
}

/** Writes a new questionnaire repository in `dir`: refused in a folder that holds anything but `.git`, unless `force`. */
export function initProject(request: InitRequest): InitOutcome {
  const { dir, id } = request;
  if (!ID.test(id)) throw new UsageError(msg('init.bad-id', { id }));
  const found = contents(dir);
  if (found.length > 0 && !request.force) throw new UsageError(msg('init.not-empty', { dir, found: list(found, 5) }));
  const files = initFiles(id, request.packageSpec, dir);
  writeSet(
    files.map(([f, content]) => [join(dir, f), content] as const),
    request.force,
  );
  return { files: files.map(([f]) => f), questionnaire: `questionnaires/${id}/${STARTER_VERSION}.yaml` };
}
