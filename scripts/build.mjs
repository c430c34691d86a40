// The build: TypeScript to dist/, each built-in questionnaire checked and compiled to JSON (so that a
// run reads JSON, not 2,000 lines of YAML), then one bundle of the command line with lazily loaded
// chunks (so that start-up does not walk hundreds of module files).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

rmSync(join(root, 'dist'), { recursive: true, force: true });
execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });

await import(join(root, 'dist', 'src', 'model', 'schemas.js'));
const { loadQuestionnaireFile } = await import(join(root, 'dist', 'src', 'io', 'load.js'));
for (const id of readdirSync(join(root, 'questionnaires'))) {
  const dir = join(root, 'questionnaires', id);
  for (const file of readdirSync(dir).filter((f) => /^\d+\.\d+\.\d+\.yaml$/.test(f))) {
    const loaded = loadQuestionnaireFile(join(dir, file), `questionnaires/${id}/${file}`, { compiled: false });
    const out = join(root, 'dist', 'questionnaires', id, file.replace(/\.yaml$/, '.json'));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify({ sha256: loaded.sha256, questionnaire: loaded.questionnaire }));
  }
}

const { build } = await import('esbuild');
await build({
  entryPoints: { cli: join(root, 'dist', 'src', 'cli.js'), worker: join(root, 'dist', 'src', 'batch', 'worker.js') },
  outdir: join(root, 'dist', 'bundle'),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  // Some dependencies are CommonJS and call require(); give the bundle one.
  banner: { js: "import { createRequire as __smdRequire } from 'node:module'; const require = __smdRequire(import.meta.url);" },
});
