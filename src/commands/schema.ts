import { EXIT, UsageError } from '../errors.js';
import { list, msg } from '../i18n/index.js';
import type { Io } from '../io/terminal.js';
import { SCHEMA_KINDS, jsonSchemaText, type SchemaKind } from '../model/json-schema.js';
import '../model/schemas.js';

/** `schema KIND`: the JSON Schema of questionnaires, answers files or results, on stdout. */
export function schemaCommand(kind: string, io: Io): number {
  if (!(SCHEMA_KINDS as readonly string[]).includes(kind)) {
    throw new UsageError(msg('cli.invalid-value', { option: 'KIND', value: kind, expected: list(SCHEMA_KINDS) }));
  }
  io.stdout.write(jsonSchemaText(kind as SchemaKind));
  return EXIT.ok;
}
