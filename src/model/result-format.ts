/**
 * The result format's name, on its own so that scoring (which writes it) does not build the result's
 * zod schema: only `compare` and `schema` need that.
 */
export const RESULT_FORMAT = 'sm-diagnostic/result@1';
