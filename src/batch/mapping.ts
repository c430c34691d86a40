import { z } from 'zod';
import { InputError } from '../errors.js';
import { readSource } from '../io/read.js';
import { schemaProblems } from '../io/schema-problems.js';
import type { CsvMapping } from './csv.js';

const MappingSchema = z
  .object({
    columns: z.record(z.string(), z.string()).optional(),
    values: z.record(z.string(), z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]))).optional(),
  })
  .strict();

/** A mapping file (`--mapping`): form column titles and answer texts → question ids and values. */
export function readMapping(path: string): CsvMapping {
  const source = readSource(path);
  const parsed = MappingSchema.safeParse(source.data);
  if (!parsed.success) throw new InputError(schemaProblems(source, MappingSchema, parsed.error.issues, 'answers'));
  return parsed.data;
}
