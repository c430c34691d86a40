import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import semver from 'semver';
import { CliError } from '../errors.js';
import { msg, list, type Message } from '../i18n/index.js';
import { parseSource, readText } from '../io/read.js';
import { registry } from '../io/registry.js';
import type { Questionnaire } from '../model/questionnaire.js';
import { questionnaireSchemas } from '../model/questionnaire-schema.js';

type At = (path: (string | number)[], message: Message, key?: boolean) => void;

/**
 * A migration maps answers of its `from` version to this one: that version must exist (next to the file,
 * or in the questionnaire folders), be older, and have the questions and options it renames or removes;
 * what they become must exist here. Checked at lint time, so that `run --migrate` never blames the answers.
 */
export function checkMigration(q: Questionnaire, path: string, at: At): void {
  const m = q.migration;
  if (!m) return;
  if (!semver.lt(m.from, q.version)) {
    at(['migration', 'from'], msg('q.migration-not-older', { from: m.from, version: q.version }));
    return;
  }
  const previous = siblings(q.id, path)
    .filter((v) => semver.lt(v, q.version))
    .pop();
  if (previous !== undefined && semver.lt(m.from, previous)) {
    at(['migration', 'from'], msg('q.migration-stale', { from: m.from, previous }));
    return;
  }
  const before = readVersion(q.id, m.from, path);
  if (before === undefined) {
    const versions = siblings(q.id, path).filter((v) => semver.lt(v, q.version));
    at(['migration', 'from'], msg('q.migration-from', { id: q.id, from: m.from, available: versions.length > 0 ? list(versions) : '—' }));
    return;
  }
  if (before === null) return; // that version has problems of its own, which lint reports on its file
  const oldQuestions = new Map(before.questions.map((x) => [x.id, x]));
  const newQuestions = new Map(q.questions.map((x) => [x.id, x]));
  for (const [from, to] of Object.entries(m.questions ?? {})) {
    if (!oldQuestions.has(from)) at(['migration', 'questions', from], msg('q.migration-old-id', { id: from, from: m.from }), true);
    if (to !== null && !newQuestions.has(to)) at(['migration', 'questions', from], msg('q.migration-new-id', { id: to, version: q.version }));
    if (to === null && newQuestions.has(from)) at(['migration', 'questions', from], msg('q.migration-removed-kept', { id: from, version: q.version }));
  }
  // Options are keyed by the question's id in the previous version, as `run --migrate` and `diff` read them.
  for (const [oldId, map] of Object.entries(m.options ?? {})) {
    const then = oldQuestions.get(oldId);
    const renamed = m.questions?.[oldId];
    const id = typeof renamed === 'string' ? renamed : oldId;
    const now = renamed === null ? undefined : newQuestions.get(id);
    const renamedFrom = Object.entries(m.questions ?? {}).find(([, to]) => to === oldId)?.[0];
    if (!then && renamedFrom !== undefined) {
      at(['migration', 'options', oldId], msg('q.migration-options-new-id', { id: oldId, old: renamedFrom, from: m.from }), true);
      continue;
    }
    if (!then || !now) {
      at(
        ['migration', 'options', oldId],
        msg(then ? 'q.migration-new-id' : 'q.migration-old-id', then ? { id, version: q.version } : { id: oldId, from: m.from }),
        true,
      );
      continue;
    }
    const oldOptions = 'options' in then ? then.options.map((o) => o.id) : [];
    const newOptions = 'options' in now ? now.options.map((o) => o.id) : [];
    for (const [a, b] of Object.entries(map)) {
      if (!oldOptions.includes(a)) at(['migration', 'options', oldId, a], msg('q.migration-old-option', { id: oldId, option: a, from: m.from }), true);
      if (b !== null && !newOptions.includes(b)) at(['migration', 'options', oldId, a], msg('q.migration-new-option', { id, option: b, version: q.version }));
    }
  }
}

/** The versions of `id` next to the file and in the registry. */
function siblings(id: string, path: string): string[] {
  const versions = new Set<string>();
  try {
    for (const name of readdirSync(dirname(path))) {
      const v = /^(\d+\.\d+\.\d+)\.yaml$/.exec(name)?.[1];
      if (v !== undefined) versions.add(v);
    }
  } catch {
    // an unreadable folder has no versions to offer
  }
  try {
    for (const v of registry().versions(id)) versions.add(v);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
  }
  return [...versions].sort(semver.compare);
}

/** The questionnaire `id@version`: the file next to this one, else the registry's; undefined if none, null if it does not read. */
function readVersion(id: string, version: string, path: string): Questionnaire | null | undefined {
  let file = join(dirname(path), `${version}.yaml`);
  if (!existsSync(file)) {
    try {
      if (!registry().has(id, version)) return undefined;
      file = registry().entry(id, version).path;
    } catch (error) {
      if (error instanceof CliError) return undefined;
      throw error;
    }
  }
  try {
    const parsed = questionnaireSchemas().QuestionnaireSchema.safeParse(parseSource(readText(file, file), file).data);
    if (!parsed.success) return null;
    return parsed.data.id === id ? parsed.data : undefined;
  } catch (error) {
    if (error instanceof CliError) return null;
    throw error;
  }
}
