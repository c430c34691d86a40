import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeReport } from '../../src/app/report.js';
import { loadAnswers } from '../../src/io/load.js';
import { ROOT } from '../helpers/load.js';

/**
 * Every example answers file of every questionnaire version is scored and compared with its stored
 * report and result, as `run --answers FILE --format md,json` writes them. After an intended change,
 * `npm run golden:update` rewrites them, so that the pull request shows how the reports moved.
 */
const UPDATE = process.env.GOLDEN_UPDATE === '1';
const questionnaires = join(ROOT, 'questionnaires');

/** Each file equal to its stored copy in `dir` (written there first under `npm run golden:update`). */
function matchGolden(dir: string, files: readonly (readonly [string, string | Uint8Array])[]): void {
  for (const [f, content] of files) {
    const path = join(dir, f);
    if (UPDATE) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path, content);
    }
    expect(existsSync(path), `${path} is missing: run npm run golden:update`).toBe(true);
    expect(content).toBe(readFileSync(path, 'utf8'));
  }
}

for (const id of readdirSync(questionnaires)) {
  const examples = join(questionnaires, id, 'examples');
  if (!existsSync(examples)) continue;
  describe(`golden reports of ${id}`, () => {
    for (const file of readdirSync(examples).filter((f) => /\.(?:ya?ml|json)$/.test(f)).sort()) {
      it(file, () => {
        const loaded = loadAnswers(join(examples, file), { lang: 'en', display: `questionnaires/${id}/examples/${file}` });
        const name = basename(file).replace(/\.(?:ya?ml|json)$/, '');
        const report = makeReport({ loaded, lang: loaded.assessment.lang ?? 'en', formats: ['md', 'json'], base: name });
        const goldenDir = join(ROOT, 'test', 'golden', id, loaded.questionnaire.questionnaire.version);
        const outputs = report.files.filter(([f]) => f.endsWith('.md') || f.endsWith('.json'));
        expect(outputs.map(([f]) => f)).toEqual([`${name}.md`, `${name}.json`]);
        matchGolden(goldenDir, outputs);
      });
    }
  });
}

/** The fixtures of a questionnaire of another topic, in format 1 and format 2, kept as golden reports too. */
const fixtures = join(ROOT, 'test', 'fixtures', 'questionnaires', 'open-data');
describe('golden reports of open-data (fixtures)', () => {
  for (const file of readdirSync(fixtures).filter((f) => /^answers-.*\.yaml$/.test(f)).sort()) {
    it(file, () => {
      const version = /^questionnaire: open-data@(\S+)/m.exec(readFileSync(join(fixtures, file), 'utf8'))![1]!;
      const loaded = loadAnswers(join(fixtures, file), { lang: 'en', display: `test/fixtures/questionnaires/open-data/${file}`, questionnaire: join(fixtures, `${version}.yaml`) });
      const name = basename(file).replace(/\.yaml$/, '');
      const report = makeReport({ loaded, lang: loaded.assessment.lang ?? 'en', formats: ['md', 'json'], base: name });
      const goldenDir = join(ROOT, 'test', 'golden', 'open-data', version);
      matchGolden(goldenDir, report.files.filter(([f]) => f.endsWith('.md') || f.endsWith('.json')));
    });
  }
});

/**
 * The panel's organisations, answered for sm-maturity 2.0.0: their reports are golden too, scored with
 * 2.0.0 as the answers name it and with 2.0.1, its patch (the same levels and scores; laws cited only
 * where they bind).
 */
const panelDir = join(questionnaires, 'sm-maturity', 'panel');
for (const version of ['2.0.0', '2.0.1', '2.1.0']) {
  describe(`golden reports of sm-maturity ${version} (the panel)`, () => {
    for (const name of existsSync(panelDir) ? readdirSync(panelDir).sort() : []) {
      it(name, () => {
        const loaded = loadAnswers(join(panelDir, name, 'answers.yaml'), {
          lang: 'en',
          display: `questionnaires/sm-maturity/panel/${name}/answers.yaml`,
          questionnaire: join(questionnaires, 'sm-maturity', `${version}.yaml`),
        });
        const report = makeReport({ loaded, lang: loaded.assessment.lang ?? 'en', formats: ['md', 'json'], base: name });
        const goldenDir = join(ROOT, 'test', 'golden', 'sm-maturity', version);
        matchGolden(goldenDir, report.files.filter(([f]) => f.endsWith('.md') || f.endsWith('.json')));
      });
    }
  });
}
