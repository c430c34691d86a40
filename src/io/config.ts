import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { msg } from '../i18n/index.js';
import { readSource } from './read.js';

/*
 * A project's file, `sm-diagnostic.config.yaml`, found by walking up from the current folder:
 *
 *   questionnaires: [questionnaires, ../shared/questionnaires]   # folders of <id>/<version>.yaml
 *
 * Paths are relative to the file.
 */

export const CONFIG_FILE = 'sm-diagnostic.config.yaml';

export interface Config {
  file: string;
  /** Absolute folders, in the order given. */
  questionnaires: string[];
}

const found = new Map<string, Config | undefined>();

export function findConfig(from: string): Config | undefined {
  const start = resolve(from);
  if (found.has(start)) return found.get(start);
  let config: Config | undefined;
  for (let dir = start; ; dir = dirname(dir)) {
    const file = join(dir, CONFIG_FILE);
    if (existsSync(file)) {
      config = readConfig(file);
      break;
    }
    if (dirname(dir) === dir) break;
  }
  found.set(start, config);
  return config;
}

function readConfig(file: string): Config {
  const source = readSource(file);
  const data = source.data as { questionnaires?: unknown } | null;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new InputError([{ file, line: 1, col: 1, message: msg('yaml.not-mapping') }]);
  for (const key of Object.keys(data)) {
    if (key !== 'questionnaires')
      throw new InputError([{ file, ...source.locate([key], true), message: msg('schema.unknown-key', { key, expected: 'questionnaires' }) }]);
  }
  const folders = data.questionnaires ?? [];
  if (!Array.isArray(folders) || folders.some((f) => typeof f !== 'string' || f === '')) {
    throw new InputError([{ file, ...source.locate(['questionnaires']), message: msg('config.folders') }]);
  }
  return { file, questionnaires: (folders as string[]).map((f) => resolve(dirname(file), f)) };
}
