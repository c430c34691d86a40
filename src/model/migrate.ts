import type { AnswerEntry, AnswersFile } from './answers.js';
import type { Questionnaire } from './questionnaire.js';
import { emptyRecord, own } from './common.js';

export interface MigrationStep {
  from: string;
  to: string;
  renamed: [string, string][];
  removed: string[];
  remapped: [string, string, string | null][];
}

/**
 * Carries an answers file forward through each version's declared migration, oldest first: renamed
 * questions keep their answers, removed ones are dropped, remapped options follow their mapping.
 * `chain` runs from the version after the file's one to the target version.
 */
export function migrateAnswers(file: AnswersFile, chain: readonly Questionnaire[]): { file: AnswersFile; steps: MigrationStep[] } {
  let answers: Record<string, AnswerEntry> = Object.assign(emptyRecord<AnswerEntry>(), file.answers);
  let from = file.questionnaire.split('@')[1]!;
  const steps: MigrationStep[] = [];
  for (const q of chain) {
    // A version without a migration (a patch or a minor release) carries every answer as it is; so does
    // one whose migration comes from a version older than the answers' (left over from an earlier release).
    const m = q.migration && !olderThan(q.migration.from, from) ? q.migration : { from: q.version };
    const step: MigrationStep = { from, to: q.version, renamed: [], removed: [], remapped: [] };
    const next = emptyRecord<AnswerEntry>();
    for (const [id, entry] of Object.entries(answers)) {
      const to = own(m.questions, id);
      if (to === null) {
        step.removed.push(id);
        continue;
      }
      if (to !== undefined) step.renamed.push([id, to]);
      const mapped = remapOptions(id, entry, own(m.options, id), step);
      if (mapped === undefined) step.removed.push(id);
      else next[to ?? id] = mapped;
    }
    answers = next;
    steps.push(step);
    from = q.version;
  }
  const last = chain[chain.length - 1];
  return { file: { ...file, questionnaire: last ? `${last.id}@${last.version}` : file.questionnaire, answers }, steps };
}

/** The entry with its options remapped; undefined when its one option was removed (it becomes unanswered). */
function remapOptions(id: string, entry: AnswerEntry, map: Record<string, string | null> | undefined, step: MigrationStep): AnswerEntry | undefined {
  if (!map) return entry;
  const wrapped = typeof entry === 'object' && entry !== null && !Array.isArray(entry);
  const value = wrapped ? ('value' in entry ? entry.value : undefined) : entry;
  const one = (v: string): string | null => {
    if (!Object.hasOwn(map, v)) return v;
    step.remapped.push([id, v, map[v]!]);
    return map[v]!;
  };
  let mapped: AnswerEntry | undefined;
  if (typeof value === 'string' && value !== 'unknown') {
    const v = one(value);
    if (v === null) return undefined;
    mapped = v;
  } else if (Array.isArray(value)) {
    mapped = value.map(one).filter((v): v is string => v !== null);
  } else return entry;
  return wrapped && 'note' in entry && entry.note !== undefined ? { value: mapped, note: entry.note } : mapped;
}

/** `a` < `b` for versions `x.y.z` (the model stays free of the semver package). */
function olderThan(a: string, b: string): boolean {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (pa[i]! !== pb[i]!) return pa[i]! < pb[i]!;
  return false;
}
