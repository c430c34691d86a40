// `npm run bench`: every speed figure beside its floor, in one run (not a test: nothing here fails a build).
// Options: --quick (fewer runs, 1,000 and 5,000 files instead of 10,000 and 50,000), --sizes 10000,50000,
// --batch-runs N (rounds of each batch figure: 5 up to 10,000 files, 3 above, by default), --formats yaml,json, --dir DIR (where batches read and write;
// /dev/shm where there is one, else the system's temporary folder).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const sizesArg = args[args.indexOf('--sizes') + 1];
const sizes = args.includes('--sizes') ? sizesArg.split(',').map(Number) : quick ? [1000, 5000] : [10000, 50000];
const RUNS = quick ? 7 : 15;
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
// This VM's two cores swing a batch by ±25 % from one minute to the next: the smaller batches, quick to
// run, take the median of more rounds.
const batchRuns = (size) => Number(option('--batch-runs', size <= 10000 ? 5 : 3));
const FORMATS = option('--formats', 'yaml,json').split(',');
const bin = join(root, 'bin', 'sm-diagnostic.js');
// Batches read and write in memory (/dev/shm) where there is one: a VM's disk can swing a run by 2x
// from one minute to the next, and in memory the floor is at its cheapest, so that every figure
// against it is our own cost. --dir DIR measures on a disk instead.
const memoryDir = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
const work = join(option('--dir', memoryDir), `sm-diagnostic-bench-${process.pid}`);
const cores = availableParallelism();
const example = join(root, 'questionnaires', 'sm-maturity', 'examples', 'mairie-saint-exemple.yaml');
mkdirSync(work, { recursive: true });

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
function wall(cmd, argv, env = {}) {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LANG: 'en_US.UTF-8', ...env } });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}
/** The commands measured in turn, round after round, so that a busy moment hits them all alike. */
function interleaved(commands, runs) {
  const times = commands.map(() => []);
  for (let i = 0; i < runs; i++) commands.forEach(([cmd, argv, env], k) => times[k].push(wall(cmd, argv, env)));
  return times.map(median);
}

/** Wall time and peak memory (maximum resident set, worker threads included) of one run. */
function measured(argv) {
  const time = '/usr/bin/time';
  if (!existsSync(time)) return { ms: wall(process.execPath, argv), mb: null };
  const t = process.hrtime.bigint();
  const r = spawnSync(time, ['-f', '%M', process.execPath, ...argv], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, mb: Number(r.stderr.trim().split('\n').pop()) / 1024 };
}

/** Time to the first prompt of the interview, in a pseudo-terminal (util-linux `script`). */
async function firstPrompt() {
  if (spawnSync('script', ['--version']).status !== 0) return null;
  const times = [];
  for (let i = 0; i < Math.max(3, Math.floor(RUNS / 2)); i++) {
    times.push(
      await new Promise((resolve) => {
        const t = process.hrtime.bigint();
        const child = spawn('script', ['-qfec', `${process.execPath} ${bin} --lang en`, '/dev/null'], {
          env: { ...process.env, LANG: 'en_US.UTF-8', TERM: 'xterm' },
        });
        let seen = '';
        child.stdout.on('data', (d) => {
          seen += d.toString();
          if (seen.includes('Name of the organisation')) {
            resolve(Number(process.hrtime.bigint() - t) / 1e6);
            child.kill('SIGKILL');
          }
        });
        setTimeout(() => {
          child.kill('SIGKILL');
          resolve(NaN);
        }, 10000);
      }),
    );
  }
  return median(times.filter((x) => !Number.isNaN(x)));
}

const rows = [];
const row = (figure, value, floor, ratio, limit, extra = '') =>
  rows.push({
    figure,
    ms: value === null ? null : Math.round(value),
    floor: floor === null ? null : Math.round(floor),
    ratio,
    limit,
    ok: limit === null || ratio === null ? null : ratio <= limit,
    extra,
  });

console.error(`bench: ${RUNS} runs a figure, ${sizes.map((n) => `${batchRuns(n)} rounds of ${n} files`).join(', ')}, ${cores} cores, in ${work}`);
const [node0, version, help, report] = interleaved(
  [
    [process.execPath, ['-e', '0']],
    [process.execPath, [bin, '--version']],
    [process.execPath, [bin, '--help']],
    [process.execPath, [bin, 'run', '--answers', example, '-o', join(work, 'report'), '--format', 'md,json', '--force', '--quiet']],
  ],
  RUNS,
);
row('node -e 0', node0, null, null, null);
row('--version', version, node0, version / node0, 1.5);
row('--help', help, node0, help / node0, 1.5);
row('run --answers (md + json)', report, node0, report / node0, 3);
const prompt = await firstPrompt();
row('first interview prompt', prompt, node0, prompt === null ? null : prompt / node0, null, prompt === null ? 'no `script` here' : '');
const [lint] = interleaved([[process.execPath, [bin, 'lint']]], Math.max(3, Math.floor(RUNS / 2)));
row('lint (built-in questionnaire)', lint, node0, lint / node0, null);

const floorScript = join(work, 'floor.mjs');
writeFileSync(
  floorScript,
  `// The floor of a batch: read and parse the same files with the same parser, write outputs of the same sizes.
import { readdirSync, readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
const { parseSource } = await import(${JSON.stringify(join(root, 'dist', 'src', 'io', 'read.js'))});
const [inDir, sizesFile, out] = process.argv.slice(2);
const sizes = JSON.parse(readFileSync(sizesFile, 'utf8'));
rmSync(out, { recursive: true, force: true });
mkdirSync(out);
for (const f of readdirSync(inDir).sort()) parseSource(readFileSync(join(inDir, f), 'utf8'), f);
sizes.forEach((n, i) => writeFileSync(join(out, 'f' + i), Buffer.alloc(n, 97)));
`,
);

/** Two floor processes at once, each over half of the input files (hard links in two folders): the pair's wall time. */
async function floorPair(input, sizesFile, floorOut) {
  const halves = [join(work, 'half-a'), join(work, 'half-b')];
  for (const h of halves) {
    rmSync(h, { recursive: true, force: true });
    mkdirSync(h);
  }
  readdirSync(input)
    .sort()
    .forEach((f, i) => linkSync(join(input, f), join(halves[i % 2], f)));
  const halfSizes = join(work, 'half-sizes.json');
  writeFileSync(halfSizes, JSON.stringify(JSON.parse(readFileSync(sizesFile, 'utf8')).filter((_, i) => i % 2 === 0)));
  const t = process.hrtime.bigint();
  await Promise.all(
    halves.map(
      (h, k) =>
        new Promise((resolve, reject) => {
          const child = spawn(process.execPath, [floorScript, h, halfSizes, `${floorOut}-${k}`], { stdio: 'ignore' });
          child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`floor exited ${code}`))));
        }),
    ),
  );
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  for (const h of [...halves, `${floorOut}-0`, `${floorOut}-1`]) rmSync(h, { recursive: true, force: true });
  return ms;
}

/** Flushes what earlier runs left to write, so that one run does not pay for another's files. */
const settle = () => spawnSync('sync');
const memory = {};
for (const format of FORMATS) {
  for (const size of sizes) {
    const input = join(work, `${format}-${size}`);
    execFileSync(process.execPath, [join(root, 'scripts', 'generate-answers.mjs'), String(size), input, format], { stdio: 'ignore' });
    const single = join(work, `out-${format}-${size}-1`);
    const all = join(work, `out-${format}-${size}-n`);
    const floorOut = join(work, 'floor-out');
    const sizesFile = join(work, 'sizes.json');
    const times = { one: [], floor: [], many: [], peak: [], pair: [] };
    // Rounds of the three, interleaved, so that a busy moment of the machine hits them alike.
    for (let round = 0; round < batchRuns(size); round++) {
      for (const dir of [single, all, floorOut]) rmSync(dir, { recursive: true, force: true });
      settle();
      times.one.push(measured([bin, 'batch', input, '-o', single, '--jobs', '1', '--quiet']).ms);
      if (round === 0)
        writeFileSync(
          sizesFile,
          JSON.stringify(
            readdirSync(single)
              .filter((f) => !f.startsWith('.'))
              .map((f) => statSync(join(single, f)).size),
          ),
        );
      rmSync(single, { recursive: true, force: true });
      settle();
      times.floor.push(measured([floorScript, input, sizesFile, floorOut]).ms);
      rmSync(floorOut, { recursive: true, force: true });
      settle();
      const { ms, mb } = measured([bin, 'batch', input, '-o', all, '--quiet']);
      times.many.push(ms);
      times.peak.push(mb);
      rmSync(all, { recursive: true, force: true });
      settle();
      // The machine's own ceiling: two independent floor processes, each over half the files, side by side.
      times.pair.push(await floorPair(input, sizesFile, floorOut));
      console.error(
        `bench: ${format} ${size} round ${round + 1}: --jobs 1 ${Math.round(times.one.at(-1))} ms, floor ${Math.round(times.floor.at(-1))} ms, ` +
          `--jobs ${cores} ${Math.round(ms)} ms, two floors side by side ${Math.round(times.pair.at(-1))} ms`,
      );
    }
    const one = median(times.one);
    const floor = median(times.floor);
    const many = median(times.many);
    const peak = times.peak.includes(null) ? null : Math.max(...times.peak);
    memory[`${format}-${size}`] = peak;
    const perSecond = (n, ms) => `${Math.round((n * 1000) / ms)} assessments/s`;
    row(`batch ${size} ${format} --jobs 1`, one, floor, one / floor, 1.5, perSecond(size, one));
    // Ours on all cores against --jobs 1, as a share of what two floor processes side by side get against
    // one: the product asks for at least 0.85 of the machine's own ceiling.
    const ceiling = floor / median(times.pair);
    const speedup = one / many;
    row(
      `batch ${size} ${format} --jobs ${cores}`,
      many,
      one,
      speedup / ceiling,
      null,
      `${perSecond(size, many)}; ${speedup.toFixed(2)}× faster than --jobs 1; two floors side by side ${ceiling.toFixed(2)}× one; peak ${peak === null ? '?' : `${Math.round(peak)} MB`}`,
    );
    Object.assign(rows.at(-1), { limit: '≥ 0.85', ok: speedup / ceiling >= 0.85 });
    for (const dir of [input, single, all, floorOut]) rmSync(dir, { recursive: true, force: true });
  }
  const [small, large] = sizes;
  const a = memory[`${format}-${small}`];
  const b = memory[`${format}-${large}`];
  if (a && b) row(`peak memory ${large} vs ${small} ${format}`, null, null, b / a, 1.5, `${Math.round(b)} MB vs ${Math.round(a)} MB`);
}

const fmt = (x, d = 2) => (x === null || x === undefined ? '—' : typeof x === 'number' ? x.toFixed(d) : String(x));
const table = [
  '| figure | median ms | floor ms | ratio | limit | ok | |',
  '|---|--:|--:|--:|--:|:-:|---|',
  ...rows.map(
    (r) =>
      `| ${r.figure} | ${fmt(r.ms, 0)} | ${fmt(r.floor, 0)} | ${fmt(r.ratio)} | ${r.limit === null ? '—' : typeof r.limit === 'string' ? r.limit : `≤ ${fmt(r.limit)}`} | ${r.ok === null ? '' : r.ok ? '✔' : '✘'} | ${r.extra} |`,
  ),
].join('\n');
console.log(table);
const out = join(root, 'test-output', 'bench.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify({ node: process.version, cores, runs: RUNS, batchRuns: Object.fromEntries(sizes.map((n) => [n, batchRuns(n)])), sizes, rows }, null, 2)}\n`,
);
console.error(`bench: table written to ${out}`);
rmSync(work, { recursive: true, force: true });
