/**
 * Counters on the innermost operation of each loop whose work grows with an input's size. The tool
 * never reads them; tests double an input and check that the count at most doubles (work linear in
 * the input, whatever an attacker writes). An increment costs next to nothing.
 */
export const steps = {
  /** A key compared while looking an id up: answers' keys located in their file, duplicate keys, unknown ids. */
  idLookup: 0,
  /** A file name tried for an organisation whose name slugs like another's (`acme`, `acme-2`…). */
  suffixProbe: 0,
  /** A token read by the template tokenizer. */
  templateToken: 0,
  /** A CSV column compared with the questionnaire's questions or a mapping. */
  columnMatch: 0,
};

export type Step = keyof typeof steps;

/** Sets every counter back to zero (before a measured run). */
export function resetSteps(): void {
  for (const key of Object.keys(steps) as Step[]) steps[key] = 0;
}
