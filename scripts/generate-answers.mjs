// Writes N generated answers files (deterministic) for batch runs and benchmarks.
// Usage: node scripts/generate-answers.mjs N DIR [yaml|json]   (after npm run build)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadBuiltin } from '../dist/src/io/load.js';

const [count = '100', dir = 'tmp/generated', format = 'yaml'] = process.argv.slice(2);
const q = loadBuiltin('sm-maturity').questionnaire;
let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
const pick = (items) => items[Math.floor(random() * items.length)];

mkdirSync(dir, { recursive: true });
for (let i = 0; i < Number(count); i++) {
  const maturity = random();
  const answers = {};
  for (const x of q.questions) {
    const r = random();
    if (r < 0.05) answers[x.id] = 'unknown';
    else if (r < 0.07) answers[x.id] = { na: 'not relevant here' };
    else if (x.type === 'scale') answers[x.id] = Math.min(4, Math.max(0, Math.round(maturity * 4 + (random() - 0.5) * 2)));
    else if (x.type === 'single') answers[x.id] = pick(x.options).id;
    else if (x.type === 'multiple') answers[x.id] = x.options.filter((o) => !o.exclusive && random() < maturity).map((o) => o.id);
    else if (x.type === 'number') answers[x.id] = Math.round((x.min + random() * (x.max - x.min)) * 10) / 10;
    else answers[x.id] = random() < maturity;
  }
  const context = Object.fromEntries(
    q.context.map((c) => [c.id, c.type === 'single' ? pick(c.options).id : c.options.filter(() => random() < 0.5).map((o) => o.id)]),
  );
  const file = {
    questionnaire: `${q.id}@${q.version}`,
    organisation: { name: `Organisation ${i + 1}`, id: `org-${String(i + 1).padStart(6, '0')}` },
    respondent: { role: pick(['direction', 'communication', 'staff']) },
    date: '2026-11-23',
    lang: i % 2 === 0 ? 'fr' : 'en',
    context,
    answers,
  };
  const name = `org-${String(i + 1).padStart(6, '0')}.${format}`;
  writeFileSync(join(dir, name), format === 'json' ? `${JSON.stringify(file, null, 2)}\n` : stringify(file));
}
console.log(`${count} ${format} files in ${dir}`);
