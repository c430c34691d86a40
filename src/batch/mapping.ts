import { z } from 'zod';
import { InputError } from '../errors.js';
import { msg } from '../i18n/index.js';
import { readSource } from '../io/read.js';
import { schemaProblems } from '../io/schema-problems.js';
import type { CsvMapping } from './csv.js';

const Value = z.union([z.string(), z.number(), z.boolean()]);
const MappingSchema = z
  .object({
    columns: z.record(z.string(), z.string()).optional(),
    values: z.record(z.string(), z.record(z.string(), Value)).optional(),
    ignore: z.array(z.string()).optional(),
    aliases: z.record(z.string(), z.array(z.string())).optional(),
    dateFormat: z.string().optional(),
  })
  .strict();

/** A mapping file (`--mapping`): form column titles and answer texts → question ids and values. */
export function readMapping(path: string): CsvMapping {
  const source = readSource(path);
  // An empty file (a skeleton with every line commented out) maps nothing.
  if (source.data === null || source.data === undefined) return {};
  // A key whose lines are all commented out (a skeleton not yet finished) is left out rather than refused.
  const data =
    typeof source.data === 'object' && !Array.isArray(source.data)
      ? Object.fromEntries(Object.entries(source.data).filter(([, v]) => v !== null))
      : source.data;
  const parsed = MappingSchema.safeParse(data);
  if (!parsed.success) throw new InputError(schemaProblems(source, MappingSchema, parsed.error.issues, 'answers'));
  return parsed.data;
}

/**
 * Several `--mapping` files, merged in the order given: each adds its columns, values, ignore patterns
 * and aliases; the same key given two different values is an error naming both files.
 */
export function readMappings(paths: readonly string[]): CsvMapping {
  const merged: Required<Pick<CsvMapping, 'columns' | 'values' | 'aliases'>> & CsvMapping = { columns: {}, values: {}, aliases: {}, ignore: [] };
  const from = new Map<string, string>();
  const set = (key: string, current: unknown, next: unknown, path: string, assign: () => void) => {
    if (current !== undefined && JSON.stringify(current) !== JSON.stringify(next))
      throw new InputError([
        {
          file: path,
          message: msg('mapping.conflict', { key, first: JSON.stringify(current), second: JSON.stringify(next), a: from.get(key) ?? '', b: path }),
        },
      ]);
    if (current === undefined) {
      from.set(key, path);
      assign();
    }
  };
  for (const path of paths) {
    const m = readMapping(path);
    for (const [title, target] of Object.entries(m.columns ?? {}))
      set(`columns."${title}"`, Object.hasOwn(merged.columns, title) ? merged.columns[title] : undefined, target, path, () => (merged.columns[title] = target));
    for (const [table, entries] of Object.entries(m.values ?? {})) {
      const into = Object.hasOwn(merged.values, table) ? merged.values[table]! : (merged.values[table] = {});
      for (const [cell, value] of Object.entries(entries))
        set(`values.${table}."${cell}"`, Object.hasOwn(into, cell) ? into[cell] : undefined, value, path, () => (into[cell] = value));
    }
    for (const [name, variants] of Object.entries(m.aliases ?? {})) {
      const list = Object.hasOwn(merged.aliases, name) ? merged.aliases[name]! : (merged.aliases[name] = []);
      for (const v of variants) if (!list.includes(v)) list.push(v);
    }
    merged.ignore!.push(...(m.ignore ?? []));
    if (m.dateFormat !== undefined) set('dateFormat', merged.dateFormat, m.dateFormat, path, () => (merged.dateFormat = m.dateFormat));
  }
  return merged;
}
