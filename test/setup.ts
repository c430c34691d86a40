// Tests call the loading functions directly, as a library does: the zod schemas are loaded first (the
// command line loads them only when needed; test/cli/run.test.ts checks that path through the built CLI).
import '../src/model/schemas.js';
