/**
 * The result format's names, on their own so that scoring (which writes them) does not build the
 * result's zod schema: only `compare`, `schema` and the tests need that.
 */
export const RESULT_FORMAT = 'sm-diagnostic/result@2';
export const RESULT_FORMAT_V1 = 'sm-diagnostic/result@1';
/** The scoring model that produces the figures: 1 until the diagnosis model 2 lands. */
export const MODEL = 1;
