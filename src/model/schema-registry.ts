import { registered, type Schemas } from './schema-slot.js';

export type { Schemas };

/*
 * The zod schemas, reached without importing zod. Loading zod and building the schemas is a tenth of
 * `run`'s time, and a valid answers file for a built-in questionnaire needs neither (answers.ts has a
 * fast check, built-in questionnaires are checked at build time). A command that may need them loads
 * them first (loadSchemas), or runs its synchronous work through withSchemas, which loads them and
 * runs it again the first time it asks.
 */

/** Thrown by schemas() before the schemas are loaded; withSchemas catches it. */
export class SchemasNotLoaded extends Error {
  constructor() {
    super('internal error: the zod schemas are used before they are loaded (await loadSchemas() first)');
  }
}

export function schemas(): Schemas {
  const value = registered();
  if (!value) throw new SchemasNotLoaded();
  return value;
}

export async function loadSchemas(): Promise<Schemas> {
  if (!registered()) await import('./schemas.js');
  return schemas();
}

/** Runs `work`; if it needed the schemas before they were loaded, loads them and runs it again. */
export async function withSchemas<T>(work: () => T): Promise<T> {
  try {
    return work();
  } catch (error) {
    if (!(error instanceof SchemasNotLoaded)) throw error;
    await loadSchemas();
    return work();
  }
}
