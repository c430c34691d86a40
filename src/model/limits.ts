/** What a questionnaire may hold: far more than a real one needs, little enough to stay fast and safe. */
export const LIMITS = { questions: 500, options: 50, scaleValues: 21, rules: 1000 } as const;
