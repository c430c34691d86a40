import type { AnswersSchema } from './answers-schema.js';
import type { questionnaireSchemas } from './questionnaire-schema.js';

export interface Schemas {
  AnswersSchema: typeof AnswersSchema;
  questionnaireSchemas: typeof questionnaireSchemas;
}

/*
 * Where the zod schemas are once loaded: schemas.ts puts them here when it is imported, schema-registry.ts
 * reads them (and imports schemas.ts when they are not here yet). A slot of its own, so that neither of
 * the two imports the other back.
 */
let slot: Schemas | undefined;

export function registerSchemas(value: Schemas): void {
  slot = value;
}

export function registered(): Schemas | undefined {
  return slot;
}
