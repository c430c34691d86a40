// `npm audit --json` on the whole tree, read for CI (.ci/run): exit 1 when the registry answered with
// high or critical findings; exit 0, saying so, when it gave no audit (offline, the audit endpoint
// refused or failed), since a registry outage is not a fault of the change under test.
// The package bundles its dependencies, so development dependencies ship too: none is left out.
// `node scripts/audit.mjs FILE` reads a saved `npm audit --json` output instead of running it.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const FAILING = ['high', 'critical'];

const saved = process.argv[2];
const run = saved
  ? { stdout: readFileSync(saved, 'utf8'), stderr: '', status: 0 }
  : spawnSync('npm', ['audit', '--json'], { encoding: 'utf8', shell: process.platform === 'win32' });
let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  report = undefined;
}
const counts = report?.metadata?.vulnerabilities;
if (!report || !counts || typeof counts.total !== 'number') {
  const why = report?.message ?? report?.error?.summary ?? (run.stderr.trim().split('\n').pop() || `npm audit exited with ${run.status}`);
  console.log(`npm audit: the registry gave no audit (${why}); nothing checked.`);
  process.exit(0);
}

const levels = ['critical', 'high', 'moderate', 'low', 'info'];
console.log(`npm audit: ${counts.total} vulnerable packages (${levels.map((l) => `${counts[l] ?? 0} ${l}`).join(', ')})`);
const rank = (s) => levels.indexOf(s);
for (const v of Object.values(report.vulnerabilities ?? {}).sort((a, b) => rank(a.severity) - rank(b.severity) || (a.name < b.name ? -1 : 1))) {
  const via = (v.via ?? []).map((x) => (typeof x === 'string' ? `via ${x}` : `${x.title ?? ''} ${x.url ?? ''}`.trim())).join('; ');
  console.log(`  ${v.severity.padEnd(8)} ${v.name} ${v.range ?? ''}${via ? `: ${via}` : ''}${v.fixAvailable ? ' (fix available)' : ''}`);
}
const failing = FAILING.reduce((n, l) => n + (counts[l] ?? 0), 0);
if (failing > 0) {
  console.log(`npm audit: ${failing} high or critical; CI fails.`);
  process.exit(1);
}
