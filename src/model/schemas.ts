import { AnswersSchema } from './answers-schema.js';
import { questionnaireSchemas } from './questionnaire-schema.js';
import { registerSchemas } from './schema-slot.js';

/** Importing this module makes the zod schemas available to schemas() (see schema-registry.ts). */
registerSchemas({ AnswersSchema, questionnaireSchemas });
