import { z } from 'zod';
import { AnswersSchema } from './answers-schema.js';
import { questionnaireSchemas } from './questionnaire-schema.js';
import { ResultSchema } from './result.js';

export const SCHEMA_KINDS = ['questionnaire', 'answers', 'result'] as const;
export type SchemaKind = (typeof SCHEMA_KINDS)[number];

const TITLES: Record<SchemaKind, string> = {
  questionnaire: 'sm-diagnostic questionnaire',
  answers: 'sm-diagnostic answers file',
  result: 'sm-diagnostic result',
};

/** The JSON Schema (draft-07, which editors' YAML support reads) of one of the three file kinds. */
export function jsonSchema(kind: SchemaKind): Record<string, unknown> {
  const schema = { questionnaire: questionnaireSchemas().QuestionnaireSchema, answers: AnswersSchema, result: ResultSchema }[kind];
  // Files are written by people: defaults make keys optional there. Results are read by programs.
  const generated = z.toJSONSchema(schema, { target: 'draft-07', io: kind === 'result' ? 'output' : 'input' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return { $schema, $id: `urn:sm-diagnostic:schema:${kind}`, title: TITLES[kind], ...rest };
}

export function jsonSchemaText(kind: SchemaKind): string {
  return `${JSON.stringify(jsonSchema(kind), null, 2)}\n`;
}
