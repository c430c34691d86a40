// Rewrites schemas/*.schema.json from the zod schemas (run after `npm run build`).
import { writeFileSync } from 'node:fs';
import { SCHEMA_KINDS, jsonSchemaText } from '../dist/src/model/json-schema.js';

for (const kind of SCHEMA_KINDS) {
  writeFileSync(new URL(`../schemas/${kind}.schema.json`, import.meta.url), jsonSchemaText(kind));
  console.log(`schemas/${kind}.schema.json`);
}
