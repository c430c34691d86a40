/** What lint and golden print, in English, on the repository `init` makes with the starter questionnaire. */
export const STARTER_LINT_OK = 'checked: questionnaires/starter/1.0.0.yaml\n1 file checked: 0 errors, 0 warnings\n';
export const STARTER_GOLDEN_OK = [
  '✓ questionnaires/starter/examples/association-du-parc.yaml · starter@1.0.0',
  '✓ questionnaires/starter/examples/northwind-bakery.yaml · starter@1.0.0',
  '2 examples: every result as stored',
  '',
].join('\n');
