import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { score } from '../../scoring/index.js';
import { loadAnswers } from '../../src/io/load.js';
import { renderJson, renderMarkdown } from '../../src/report/render.js';
import { ROOT } from '../helpers/load.js';

/**
 * Every example answers file of every questionnaire version is scored and compared with its stored
 * report and result. After an intended change, `npm run golden:update` rewrites them, so that the pull
 * request shows how the reports moved.
 */
const UPDATE = process.env.GOLDEN_UPDATE === '1';
const questionnaires = join(ROOT, 'questionnaires');

for (const id of readdirSync(questionnaires)) {
  const examples = join(questionnaires, id, 'examples');
  if (!existsSync(examples)) continue;
  describe(`golden reports of ${id}`, () => {
    for (const file of readdirSync(examples).filter((f) => /\.(ya?ml|json)$/.test(f)).sort()) {
      it(file, () => {
        const loaded = loadAnswers(join(examples, file), { lang: 'en', display: `questionnaires/${id}/examples/${file}` });
        const q = loaded.questionnaire.questionnaire;
        const lang = loaded.assessment.lang ?? 'en';
        const result = score(q, loaded.assessment, { sha256: loaded.questionnaire.sha256, lang });
        const goldenDir = join(ROOT, 'test', 'golden', id, q.version);
        const name = basename(file).replace(/\.(ya?ml|json)$/, '');
        const outputs: [string, string][] = [
          [join(goldenDir, `${name}.md`), renderMarkdown(result, q, lang)],
          [join(goldenDir, `${name}.json`), renderJson(result)],
        ];
        for (const [path, content] of outputs) {
          if (UPDATE) {
            mkdirSync(goldenDir, { recursive: true });
            writeFileSync(path, content);
          }
          expect(existsSync(path), `${path} is missing: run npm run golden:update`).toBe(true);
          expect(content).toBe(readFileSync(path, 'utf8'));
        }
      });
    }
  });
}
