// Compares the figures of every example with those of an earlier commit's golden results: cells, principle
// levels and scores, overall level and score. The earlier results are read from git (result@1, whose cell
// scores are 0–1); today's come from the built command line (result@2, 0–100).
//
//   node scripts/compare-figures.mjs [COMMIT]     (default 342b8ec, the last commit before result@2)
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const commit = process.argv[2] ?? '342b8ec';
const examples = join(root, 'questionnaires', 'sm-maturity', 'examples');
const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8' });

let compared = 0;
let differences = 0;
let largest = 0;
for (const file of readdirSync(examples)
  .filter((f) => f.endsWith('.yaml'))
  .sort()) {
  const name = file.replace(/\.yaml$/, '');
  const before = JSON.parse(git('show', `${commit}:test/golden/sm-maturity/1.0.0/${name}.json`));
  const after = JSON.parse(
    execFileSync(process.execPath, [join(root, 'bin', 'sm-diagnostic.js'), 'run', '--answers', join(examples, file), '--json', '--lang', before.lang], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  // Each earlier figure is compared at the precision it was written with: 0.1 for principle and overall
  // scores (so today's two decimals are rounded to one first), 0.0001 of 1 for cells (0.01 out of 100).
  const figures = [
    ['overall.level', before.overall.level, after.overall.level, 0],
    ['overall.score', before.overall.score, Math.round(after.overall.score * 10) / 10, 0],
    ...before.principles.flatMap((p) => {
      const a = after.principles.find((x) => x.id === p.id);
      return [
        [`principles.${p.id}.level`, p.level, a?.level, 0],
        [`principles.${p.id}.score`, p.score, a?.score === null || a === undefined ? a?.score : Math.round(a.score * 10) / 10, 0],
      ];
    }),
    ...before.cells.flatMap((c) => {
      const a = after.cells.find((x) => x.principle === c.principle && x.level === c.level);
      return [
        [`cells.${c.principle}.${c.level}.score`, c.score === null ? null : c.score * 100, a?.score, 0.01],
        [`cells.${c.principle}.${c.level}.status`, c.status, a?.status, 0],
      ];
    }),
  ];
  let own = 0;
  for (const [what, b, a, tolerance] of figures) {
    compared += 1;
    const same = typeof b === 'number' && typeof a === 'number' ? Math.abs(a - b) <= tolerance + 1e-9 : a === b;
    if (typeof b === 'number' && typeof a === 'number') largest = Math.max(largest, Math.abs(a - b));
    if (!same) {
      own += 1;
      console.log(`${name}: ${what}: ${b} → ${a}`);
    }
  }
  differences += own;
  console.log(`${name}: ${figures.length} figures, ${own === 0 ? 'identical' : `${own} different`}`);
}
console.log(`${compared} figures of ${commit}'s golden results compared, ${differences} different (largest gap ${largest.toFixed(4)})`);
process.exitCode = differences === 0 ? 0 : 1;
