import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import semver from 'semver';
import { UsageError } from '../errors.js';
import { list, msg } from '../i18n/index.js';
import { findConfig } from './config.js';
import { packageRoot } from './package-root.js';

/*
 * Where questionnaires come from, in this order: the file `-q PATH` names (and the folder of versions it
 * stands in), `--questionnaires DIR`, the folders of `sm-diagnostic.config.yaml` (found by walking up from
 * the current folder), SM_DIAGNOSTIC_QUESTIONNAIRES, then the package's built-in folder. Each folder holds
 * `<id>/<version>.yaml`. One registry serves run, batch (and its workers), compare, lint, diff, --migrate
 * and the interview.
 */

export type Origin = 'file' | 'option' | 'config' | 'environment' | 'builtin';

export interface Folder {
  dir: string;
  origin: Origin;
}

export interface Entry {
  id: string;
  version: string;
  /** The file's absolute path. */
  path: string;
  /** As messages name it. */
  display: string;
  origin: Origin;
}

const VERSION_FILE = /^(\d+\.\d+\.\d+)\.yaml$/;

export class Registry {
  private scanned: Map<string, Map<string, Entry>> | undefined;

  constructor(readonly folders: readonly Folder[]) {}

  /** Every questionnaire id and version the folders hold; one id@version in two places with different bytes is an error. */
  private entries(): Map<string, Map<string, Entry>> {
    if (this.scanned) return this.scanned;
    const byId = new Map<string, Map<string, Entry>>();
    for (const folder of this.folders) {
      for (const entry of folderEntries(folder)) {
        let versions = byId.get(entry.id);
        if (!versions) byId.set(entry.id, (versions = new Map<string, Entry>()));
        const other = versions.get(entry.version);
        if (!other) versions.set(entry.version, entry);
        else if (other.path !== entry.path && fingerprint(other.path) !== fingerprint(entry.path)) {
          throw new UsageError(msg('questionnaire.conflict', { ref: `${entry.id}@${entry.version}`, first: other.display, second: entry.display }));
        }
      }
    }
    this.scanned = byId;
    return byId;
  }

  ids(): string[] {
    return [...this.entries().keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** The versions of a questionnaire, oldest first. */
  versions(id: string): string[] {
    return [...(this.entries().get(id)?.keys() ?? [])].sort(semver.compare);
  }

  entry(id: string, version?: string): Entry {
    const versions = this.versions(id);
    if (versions.length === 0) throw new UsageError(msg('questionnaire.not-found', { ref: version ? `${id}@${version}` : id, available: this.available() }));
    const chosen = version ?? versions[versions.length - 1]!;
    const found = this.entries().get(id)?.get(chosen);
    if (!found) throw new UsageError(msg('answers.unknown-version', { id, version: chosen, available: list(versions) }));
    return found;
  }

  has(id: string, version: string): boolean {
    return this.entries().get(id)?.has(version) ?? false;
  }

  /** `id@version` of everything the folders hold, for messages. */
  available(): string {
    return list(this.ids().flatMap((id) => this.versions(id).map((v) => `${id}@${v}`)));
  }

  /** The questionnaire asked for when none is named: the only one, or the built-in sm-maturity. */
  defaultId(): string {
    const ids = this.ids();
    const own = ids.filter((id) => [...this.entries().get(id)!.values()].some((e) => e.origin !== 'builtin'));
    if (own.length === 1) return own[0]!;
    return ids.includes(DEFAULT_QUESTIONNAIRE) ? DEFAULT_QUESTIONNAIRE : (ids[0] ?? DEFAULT_QUESTIONNAIRE);
  }

  /** The files of the folders a project owns (not the built-in ones), for lint and diff. */
  projectEntries(): Entry[] {
    return this.ids().flatMap((id) =>
      this.versions(id)
        .map((v) => this.entries().get(id)!.get(v)!)
        .filter((e) => e.origin !== 'builtin'),
    );
  }
}

export const DEFAULT_QUESTIONNAIRE = 'sm-maturity';

function folderEntries(folder: Folder): Entry[] {
  if (!isFolder(folder.dir)) return [];
  const out: Entry[] = [];
  for (const id of readdirSync(folder.dir).sort()) {
    const dir = join(folder.dir, id);
    if (id.startsWith('.') || !isFolder(dir)) continue;
    for (const file of readdirSync(dir).sort()) {
      const version = VERSION_FILE.exec(file)?.[1];
      if (version === undefined) continue;
      const path = join(dir, file);
      out.push({ id, version, path, display: displayOf(path, folder), origin: folder.origin });
    }
  }
  return out;
}

function displayOf(path: string, folder: Folder): string {
  if (folder.origin === 'builtin') return relative(packageRoot(), path).split('\\').join('/');
  return shownPath(path);
}

/** A path as messages name it: relative to `cwd` when inside it, else absolute. */
export function shownPath(path: string, cwd = process.cwd()): string {
  const rel = relative(cwd, path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel.split('\\').join('/');
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

const prints = new Map<string, string>();
/** A file's bytes (line ends aside) as a hash, to tell two copies of one version apart. */
function fingerprint(path: string): string {
  let p = prints.get(path);
  if (p === undefined) {
    p = createHash('sha256').update(readFileSync(path, 'utf8').replace(/\r\n?/g, '\n')).digest('hex');
    prints.set(path, p);
  }
  return p;
}

export interface RegistryOptions {
  /** `-q`: a file, or `id[@version]`. */
  questionnaire?: string;
  /** `--questionnaires DIR`. */
  questionnaires?: string;
  /** Where the search for the config file starts; the current folder by default. */
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/** Whether `-q` names a file rather than `id[@version]`. */
export function looksLikePath(ref: string): boolean {
  return /[\\/]/.test(ref) || /\.(?:ya?ml|json)$/i.test(ref) || existsSync(ref);
}

/** The folders a command reads questionnaires from, in order. */
export function registryFolders(options: RegistryOptions = {}): Folder[] {
  const folders: Folder[] = [];
  const env = options.env ?? process.env;
  if (options.questionnaire !== undefined && looksLikePath(options.questionnaire)) {
    // A file standing in `<dir>/<id>/<version>.yaml`: its other versions are in reach (--migrate).
    const file = resolve(options.questionnaire);
    const idDir = dirname(file);
    if (VERSION_FILE.test(basename(file))) folders.push({ dir: dirname(idDir), origin: 'file' });
  }
  if (options.questionnaires !== undefined) folders.push({ dir: resolve(options.questionnaires), origin: 'option' });
  const config = findConfig(options.cwd ?? process.cwd());
  if (config) for (const dir of config.questionnaires) folders.push({ dir, origin: 'config' });
  if (env.SM_DIAGNOSTIC_QUESTIONNAIRES) folders.push({ dir: resolve(env.SM_DIAGNOSTIC_QUESTIONNAIRES), origin: 'environment' });
  folders.push({ dir: join(packageRoot(), 'questionnaires'), origin: 'builtin' });
  const seen = new Set<string>();
  return folders.filter((f) => !seen.has(f.dir) && seen.add(f.dir));
}

/**
 * The folders a project's own questionnaires live in, for lint and diff: those of its config file, else
 * the nearest `questionnaires/` folder (this one's or a parent's, within the repository), else the built-in folder.
 */
export function projectFolders(cwd = process.cwd()): Folder[] {
  const config = findConfig(cwd);
  if (config) return config.questionnaires.map((dir) => ({ dir, origin: 'config' as const }));
  // The nearest `questionnaires/` folder, up to the top of the repository (a folder holding `.git`).
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const local = join(dir, 'questionnaires');
    if (isFolder(local)) return [{ dir: local, origin: 'option' }];
    if (existsSync(join(dir, '.git')) || dirname(dir) === dir) break;
  }
  return [{ dir: join(packageRoot(), 'questionnaires'), origin: 'builtin' }];
}

/** Every `<id>/<version>.yaml` of some folders, in order, without loading them. */
export function folderFiles(folders: readonly Folder[]): Entry[] {
  return folders.flatMap(folderEntries);
}

let current: Registry | undefined;

/** The registry of this process: the one a command set, else the one the current folder implies. */
export function registry(): Registry {
  return (current ??= new Registry(registryFolders()));
}

/** Sets the registry for what follows (a command from its options, a batch worker from its settings). */
export function useRegistry(value: Registry): Registry {
  current = value;
  return value;
}

/** Every file under `dir`, at any depth, sorted by code point; none when `dir` is not a folder. */
export function filesUnder(dir: string): string[] {
  if (!isFolder(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}
