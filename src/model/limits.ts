/** What a questionnaire may hold: far more than a real one needs, little enough to stay fast and safe. */
export const LIMITS = { questions: 500, options: 50, scaleValues: 21, rules: 1000 } as const;

/** The longest texts and lists an answers file takes: its schema, its fast check and the interview's prompts all use these. */
export const ANSWER_LIMITS = {
  /** An organisation's name. */
  name: 200,
  /** An organisation's id and a respondent's role. */
  id: 100,
  /** A respondent's name. */
  respondentName: 200,
  /** A note on an answer (evidence, context). */
  note: 4000,
  /** Why a question does not apply. */
  reason: 1000,
  /** An answer's text value. */
  value: 200,
  /** The options of a multiple-choice answer. */
  list: 100,
  /** The options ticked for one context question. */
  context: 50,
} as const;
