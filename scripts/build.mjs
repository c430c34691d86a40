// The build: TypeScript to dist/, each built-in questionnaire checked and compiled to JSON (so that a
// run reads JSON, not 2,000 lines of YAML), then one bundle of the command line with lazily loaded
// chunks (so that start-up does not walk hundreds of module files) and of the library entry, its type
// declarations in one file, and the list of the third-party code they hold (dist/THIRD-PARTY.md).
// The package has no runtime dependencies: everything it runs is in dist/bundle/.
//
// `node scripts/build.mjs` always builds. `--if-changed` (what `prepare` runs, so on `npm install` and
// on the first `npx sm-diagnostic` in a clone) does nothing when dist/ was built from the same inputs.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const STAMP = join(dist, '.build-stamp');
/** What a build makes that the package needs; a stamp without them is not trusted. */
const OUTPUTS = ['bundle/cli.js', 'bundle/worker.js', 'bundle/index.js', 'bundle/index.d.ts', 'THIRD-PARTY.md'];

/** The files the build reads (dependencies through the lockfile), hashed with their paths. */
function inputsHash() {
  const hash = createHash('sha256');
  const add = (file) => {
    hash.update(relative(root, file).split(sep).join('/'));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  };
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) add(path);
    }
  };
  for (const dir of ['src', 'scoring', 'questionnaires']) walk(join(root, dir));
  for (const file of ['package.json', 'npm-shrinkwrap.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts/build.mjs']) {
    if (existsSync(join(root, file))) add(join(root, file));
  }
  return hash.digest('hex');
}

const inputs = inputsHash();
if (process.argv.includes('--if-changed')) {
  const stamp = existsSync(STAMP) ? readFileSync(STAMP, 'utf8').trim() : '';
  if (stamp === inputs && OUTPUTS.every((f) => existsSync(join(dist, f)))) {
    console.log('sm-diagnostic: dist/ is up to date with the sources (npm run build rebuilds)');
    process.exit(0);
  }
}

rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });

await import(join(dist, 'src', 'model', 'schemas.js'));
const { loadQuestionnaireFile } = await import(join(dist, 'src', 'io', 'load.js'));
for (const id of readdirSync(join(root, 'questionnaires'))) {
  const dir = join(root, 'questionnaires', id);
  for (const file of readdirSync(dir).filter((f) => /^\d+\.\d+\.\d+\.yaml$/.test(f))) {
    const loaded = loadQuestionnaireFile(join(dir, file), `questionnaires/${id}/${file}`, { compiled: false });
    const out = join(dist, 'questionnaires', id, file.replace(/\.yaml$/, '.json'));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify({ sha256: loaded.sha256, questionnaire: loaded.questionnaire }));
  }
}

// The command line, its batch worker and the library entry, sharing their chunks.
const { build } = await import('esbuild');
const bundled = await build({
  absWorkingDir: root,
  entryPoints: {
    cli: join(dist, 'src', 'cli.js'),
    worker: join(dist, 'src', 'batch', 'worker.js'),
    index: join(dist, 'src', 'index.js'),
  },
  outdir: join(dist, 'bundle'),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  // Licences are in dist/THIRD-PARTY.md, with their full texts.
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
  // Some dependencies are CommonJS and call require(); give the bundle one.
  banner: { js: "import { createRequire as __smdRequire } from 'node:module'; const require = __smdRequire(import.meta.url);" },
});
writeFileSync(join(dist, 'esbuild-meta.json'), JSON.stringify(bundled.metafile));

// The library's types in one file, with the types it uses from dependencies (zod) copied in: the package
// installs no dependency, so its declarations may import none.
const { rollup } = await import('rollup');
const { dts } = await import('rollup-plugin-dts');
const types = await rollup({
  input: join(dist, 'src', 'index.d.ts'),
  plugins: [dts({ respectExternal: true })],
  onwarn: (warning) => {
    throw new Error(`type declarations: ${warning.message}`);
  },
});
const { output } = await types.write({ file: join(dist, 'bundle', 'index.d.ts'), format: 'es' });
await types.close();
const declarations = readFileSync(join(dist, 'bundle', 'index.d.ts'), 'utf8');
const { default: ts } = await import('typescript');
const refs = ts.preProcessFile(declarations, true, true);
const imported = [...refs.importedFiles, ...refs.referencedFiles, ...refs.typeReferenceDirectives, ...refs.libReferenceDirectives].map((r) => r.fileName);
if (imported.length > 0) throw new Error(`dist/bundle/index.d.ts refers to modules the package does not hold: ${imported.join(', ')}`);

// The third-party packages whose code or types are in dist/bundle/: name, version, licence and its text.
const packages = new Map();
const packageOf = (file) => {
  const parts = file.split(/[\\/]/);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return;
  const dir = parts.slice(0, at + (parts[at + 1]?.startsWith('@') ? 3 : 2)).join('/');
  const abs = dir.startsWith('/') ? dir : join(root, dir);
  if (packages.has(abs)) return;
  const pkg = JSON.parse(readFileSync(join(abs, 'package.json'), 'utf8'));
  packages.set(abs, pkg);
};
for (const file of Object.keys(bundled.metafile.inputs)) packageOf(file);
for (const file of output.flatMap((o) => o.moduleIds ?? [])) packageOf(file);
writeFileSync(join(dist, 'THIRD-PARTY.md'), thirdParty([...packages.entries()]));

writeFileSync(STAMP, `${inputs}\n`);

function thirdParty(entries) {
  const self = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const licence = (pkg) => (typeof pkg.license === 'string' ? pkg.license : (pkg.license?.type ?? pkg.licenses?.map((l) => l.type).join(' OR ') ?? 'UNKNOWN'));
  const rows = new Map();
  for (const [dir, pkg] of entries) {
    const key = `${pkg.name}@${pkg.version}`;
    if (rows.has(key)) continue;
    const file = readdirSync(dir).find((f) => /^(?:licen[cs]e|copying)(?:[.-].*)?$/i.test(f));
    rows.set(key, { name: pkg.name, version: pkg.version, licence: licence(pkg), text: file ? readFileSync(join(dir, file), 'utf8').trim() : undefined });
  }
  const sorted = [...rows.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.version < b.version ? -1 : 1));
  const lines = [
    `# Third-party software in ${self.name} ${self.version}`,
    '',
    `The files in \`dist/bundle/\` hold code from these packages, bundled by the build (\`npm run build\`);`,
    'the package installs no dependency. Each package is listed with its version and licence, then the',
    'licence text it ships.',
    '',
    '| package | version | licence |',
    '|---|---|---|',
    ...sorted.map((p) => `| ${p.name} | ${p.version} | ${p.licence} |`),
  ];
  for (const p of sorted) {
    const fence = '`'.repeat(Math.max(3, ...[...(p.text ?? '').matchAll(/`+/g)].map((m) => m[0].length + 1)));
    lines.push('', `## ${p.name} ${p.version}`, '', `Licence: ${p.licence}`, '');
    if (p.text) lines.push(`${fence}text`, p.text, fence);
    else lines.push('(The package ships no licence file; its package.json names the licence above.)');
  }
  return `${lines.join('\n')}\n`;
}
