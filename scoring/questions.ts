import type { AnswerValue } from '../src/model/answers.js';
import type { Question } from '../src/model/questionnaire.js';
import type { ScaleSpec } from './indexed.js';

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/** The score in [0, 1] of a valid value for its question. */
export function questionScore(question: Question, value: AnswerValue, scales: ReadonlyMap<string, ScaleSpec>): number {
  switch (question.type) {
    case 'scale': {
      const scale = scales.get(question.scale);
      if (!scale || typeof value !== 'number') return 0;
      return scale.max > scale.min ? clamp01((value - scale.min) / (scale.max - scale.min)) : 0;
    }
    case 'single': {
      const option = question.options.find((o) => o.id === value);
      return option ? option.score : 0;
    }
    case 'multiple': {
      if (!Array.isArray(value)) return 0;
      let sum = 0;
      for (const option of question.options) if (value.includes(option.id)) sum += option.score;
      return clamp01(sum);
    }
    case 'number': {
      if (typeof value !== 'number') return 0;
      const { from, to } = question.scoring;
      return from === to ? (value >= to ? 1 : 0) : clamp01((value - from) / (to - from));
    }
    case 'boolean':
      return value === true ? question.scoring.yes : value === false ? question.scoring.no : 0;
  }
}
