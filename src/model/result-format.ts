/**
 * The result format's names, on their own so that scoring (which writes them) does not build the
 * result's zod schema: only `compare`, `schema` and the tests need that.
 */
export const RESULT_FORMAT = 'sm-diagnostic/result@2';
export const RESULT_FORMAT_V1 = 'sm-diagnostic/result@1';
/** The scoring model that produces the figures: model 2 scores every questionnaire version. */
export const MODEL = 2;
