import { join } from 'node:path';
import { score, type ScoreOptions } from '../../scoring/index.js';
import { loadAnswers } from '../../src/io/load.js';
import type { Locale } from '../../src/model/common.js';
import { present } from '../../src/report/labels.js';
import { EXAMPLES } from './load.js';

/** An example of the built-in questionnaire scored and presented as `run` writes it (in its own language, or `lang`). */
export function example(file: string, options: { lang?: Locale; explain?: boolean; target?: number } = {}) {
  const loaded = loadAnswers(join(EXAMPLES, file), { lang: 'en' });
  const q = loaded.questionnaire.questionnaire;
  const lang = options.lang ?? loaded.assessment.lang ?? 'en';
  const scoring: ScoreOptions = {
    sha256: loaded.questionnaire.sha256,
    ...(options.explain ? { explain: true } : {}),
    ...(options.target !== undefined ? { target: options.target } : {}),
  };
  const scored = score(q, loaded.assessment, scoring);
  return { q, lang, loaded, scored, result: present(scored, q, lang) };
}
