import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { SCHEMA_KINDS, jsonSchemaText } from '../../src/model/json-schema.js';
import { EXAMPLES, ROOT, SM } from '../helpers/load.js';
import { parseJson } from '../helpers/read.js';

describe('committed JSON Schemas', () => {
  for (const kind of SCHEMA_KINDS) {
    it(`schemas/${kind}.schema.json is what the zod schema generates (run npm run schemas:update)`, () => {
      expect(readFileSync(join(ROOT, 'schemas', `${kind}.schema.json`), 'utf8')).toBe(jsonSchemaText(kind));
    });
  }

  it('are draft-07 schemas', () => {
    for (const kind of SCHEMA_KINDS) {
      expect(parseJson<{ $schema: string }>(jsonSchemaText(kind)).$schema).toBe('http://json-schema.org/draft-07/schema#');
    }
  });

  const ajv = new Ajv({ allErrors: true, strict: false });

  it('accept every example answers file', () => {
    const validate = ajv.compile(JSON.parse(jsonSchemaText('answers')));
    const files = readdirSync(EXAMPLES).filter((f) => /\.(?:ya?ml|json)$/.test(f));
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const f of files) {
      const data = parse(readFileSync(join(EXAMPLES, f), 'utf8')) as unknown;
      expect({ file: f, ok: validate(data), errors: validate.errors ?? null }).toEqual({ file: f, ok: true, errors: null });
    }
  });

  it('accept the built-in questionnaire', () => {
    const validate = ajv.compile(JSON.parse(jsonSchemaText('questionnaire')));
    expect(validate(parse(readFileSync(SM, 'utf8')))).toBe(true);
  });
});
