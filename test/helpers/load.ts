import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAnswers, loadQuestionnaireFile, type LoadedAnswers, type LoadedQuestionnaire } from '../../src/io/load.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const FIXTURES = join(ROOT, 'test', 'fixtures');
export const TINY = join(FIXTURES, 'questionnaires', 'tiny', '1.0.0.yaml');
export const SM = join(ROOT, 'questionnaires', 'sm-maturity', '1.0.0.yaml');
export const EXAMPLES = join(ROOT, 'questionnaires', 'sm-maturity', 'examples');

export function tiny(): LoadedQuestionnaire {
  return loadQuestionnaireFile(TINY, 'tiny/1.0.0.yaml');
}
export function sm(): LoadedQuestionnaire {
  return loadQuestionnaireFile(SM, 'questionnaires/sm-maturity/1.0.0.yaml');
}
export const SM2 = join(ROOT, 'questionnaires', 'sm-maturity', '2.0.0.yaml');
export function sm2(): LoadedQuestionnaire {
  return loadQuestionnaireFile(SM2, 'questionnaires/sm-maturity/2.0.0.yaml');
}
export function answers(file: string, questionnaire?: string): LoadedAnswers {
  return loadAnswers(file, { lang: 'en', ...(questionnaire ? { questionnaire } : {}) });
}
