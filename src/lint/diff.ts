import semver from 'semver';
import type { LocalText } from '../model/common.js';
import type { Question, Questionnaire, Recommendation } from '../model/questionnaire.js';

export type Bump = 'none' | 'patch' | 'minor' | 'major';
export const BUMPS: readonly Bump[] = ['none', 'patch', 'minor', 'major'];

export interface Change {
  /** What changed, in the domain's words: question, option, scale, weight, threshold, cell, target… */
  entity: string;
  kind: 'added' | 'removed' | 'changed' | 'renamed';
  id: string;
  /** Short, language-neutral detail: `weight 1 → 1.5`, `text (fr)`… */
  detail: string;
  bump: Exclude<Bump, 'none'>;
}

const stable = (x: unknown) => JSON.stringify(x);
const same = (a: unknown, b: unknown) => stable(a) === stable(b);
const byId = <T extends { id: string }>(items: readonly T[]) => new Map(items.map((x) => [x.id, x]));

function textsChanged(a: LocalText | undefined, b: LocalText | undefined): string[] {
  const out: string[] = [];
  const locales = [...new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])].sort();
  for (const locale of locales) if ((a?.[locale] ?? '') !== (b?.[locale] ?? '')) out.push(locale);
  return out;
}

/** The smallest version bump a change needs, and every change classified, between two questionnaires. */
export function diffQuestionnaires(before: Questionnaire, after: Questionnaire): { changes: Change[]; bump: Bump } {
  const changes: Change[] = [];
  // Only a migration from this very version (or one between) maps its answers: one left over from an older release does not.
  const migration = after.migration && !semver.lt(after.migration.from, before.version) ? after.migration : undefined;
  const add = (entity: string, kind: Change['kind'], id: string, detail: string, bump: Change['bump']) => changes.push({ entity, kind, id, detail, bump });
  const text = (entity: string, id: string, field: string, a: LocalText | undefined, b: LocalText | undefined) => {
    const locales = textsChanged(a, b);
    if (locales.length > 0) add(entity, 'changed', id, `${field} (${locales.join(', ')})`, 'patch');
  };

  text('questionnaire', after.id, 'title', before.title, after.title);
  text('questionnaire', after.id, 'description', before.description, after.description);
  text('questionnaire', after.id, 'intro', before.intro, after.intro);
  text('level', '0', 'title', before.notEngaged.title, after.notEngaged.title);
  text('level', '0', 'description', before.notEngaged.description, after.notEngaged.description);
  // A locale added is new reach (minor); one removed breaks answers and reports in it (major).
  for (const l of before.locales) if (!after.locales.includes(l)) add('locale', 'removed', l, '', 'major');
  for (const l of after.locales) if (!before.locales.includes(l)) add('locale', 'added', l, '', 'minor');
  // Respondent roles decide the views of a combined assessment.
  const respondentsBefore = byId(before.respondents ?? []);
  const respondentsAfter = byId(after.respondents ?? []);
  for (const id of respondentsBefore.keys()) if (!respondentsAfter.has(id)) add('respondent', 'removed', id, '', 'major');
  for (const [id, r] of respondentsAfter) {
    const old = respondentsBefore.get(id);
    if (!old) add('respondent', 'added', id, '', 'minor');
    else {
      if ((old.management ?? false) !== (r.management ?? false))
        add('respondent', 'changed', id, `management ${old.management ?? false} → ${r.management ?? false}`, 'minor');
      text('respondent', id, 'label', old.label, r.label);
    }
  }

  // ---- structure: levels, principles, scales ----
  const levelsBefore = new Map(before.levels.map((l) => [l.rank, l]));
  const levelsAfter = new Map(after.levels.map((l) => [l.rank, l]));
  for (const [rank, l] of levelsBefore) if (!levelsAfter.has(rank)) add('level', 'removed', String(rank), l.id, 'major');
  for (const [rank, l] of levelsAfter) {
    const old = levelsBefore.get(rank);
    if (!old) add('level', 'added', String(rank), l.id, 'major');
    else {
      if (old.weight !== l.weight) add('weight', 'changed', `level ${rank}`, `${old.weight} → ${l.weight}`, 'minor');
      text('level', String(rank), 'title', old.title, l.title);
      text('level', String(rank), 'description', old.description, l.description);
    }
  }
  const principlesBefore = byId(before.principles);
  const principlesAfter = byId(after.principles);
  for (const id of principlesBefore.keys()) if (!principlesAfter.has(id)) add('principle', 'removed', id, '', 'major');
  for (const [id, p] of principlesAfter) {
    const old = principlesBefore.get(id);
    if (!old) add('principle', 'added', id, '', 'major');
    else {
      if (old.weight !== p.weight) add('weight', 'changed', `principle ${id}`, `${old.weight} → ${p.weight}`, 'minor');
      text('principle', id, 'title', old.title, p.title);
      text('principle', id, 'description', old.description, p.description);
    }
  }
  const scalesBefore = byId(before.scales);
  const scalesAfter = byId(after.scales);
  for (const id of scalesBefore.keys()) if (!scalesAfter.has(id)) add('scale', 'removed', id, '', 'major');
  for (const [id, s] of scalesAfter) {
    const old = scalesBefore.get(id);
    if (!old) add('scale', 'added', id, '', 'minor');
    else {
      if (
        !same(
          old.values.map((v) => v.value),
          s.values.map((v) => v.value),
        )
      ) {
        add('scale', 'changed', id, `values ${old.values.map((v) => v.value).join(',')} → ${s.values.map((v) => v.value).join(',')}`, 'major');
      }
      s.values.forEach((v) => {
        const ov = old.values.find((x) => x.value === v.value);
        if (ov) {
          text('scale', `${id}=${v.value}`, 'label', ov.label, v.label);
          text('scale', `${id}=${v.value}`, 'description', ov.description, v.description);
        }
      });
      text('scale', id, 'title', old.title, s.title);
    }
  }

  // ---- thresholds and cells ----
  if (before.threshold !== after.threshold) add('threshold', 'changed', 'threshold', `${before.threshold} → ${after.threshold}`, 'minor');
  const cellKey = (c: { principle: string; level: number }) => `${c.principle}.${c.level}`;
  const cellsBefore = new Map(before.cells.map((c) => [cellKey(c), c]));
  for (const c of after.cells) {
    const old = cellsBefore.get(cellKey(c));
    if ((old?.threshold ?? before.threshold) !== (c.threshold ?? after.threshold)) {
      add('threshold', 'changed', `cell ${cellKey(c)}`, `${old?.threshold ?? before.threshold} → ${c.threshold ?? after.threshold}`, 'minor');
    }
    text('cell', cellKey(c), 'description', old?.description, c.description);
  }

  // ---- context ----
  const contextBefore = byId(before.context);
  const contextAfter = byId(after.context);
  for (const id of contextBefore.keys()) if (!contextAfter.has(id)) add('context', 'removed', id, '', 'major');
  for (const [id, c] of contextAfter) {
    const old = contextBefore.get(id);
    if (!old) {
      add('context', 'added', id, '', 'minor');
      continue;
    }
    if (old.type !== c.type) add('context', 'changed', id, `type ${old.type} → ${c.type}`, 'major');
    text('context', id, 'text', old.text, c.text);
    text('context', id, 'help', old.help, c.help);
    optionChanges('context option', id, old.options, c.options, undefined);
  }

  // ---- questions, with the migration's renames ----
  const renamed = new Map<string, string>();
  const removedByMigration = new Set<string>();
  for (const [from, to] of Object.entries(migration?.questions ?? {})) {
    if (to === null) removedByMigration.add(from);
    else renamed.set(from, to);
  }
  const questionsBefore = byId(before.questions);
  const questionsAfter = byId(after.questions);
  for (const [id] of questionsBefore) {
    if (questionsAfter.has(id) && !renamed.has(id)) continue;
    const to = renamed.get(id);
    if (to !== undefined && questionsAfter.has(to)) add('question', 'renamed', id, `→ ${to} (migrated)`, 'major');
    else add('question', 'removed', id, removedByMigration.has(id) ? 'migration: removed' : 'no migration', 'major');
  }
  for (const [id, x] of questionsAfter) {
    const fromId = [...renamed.entries()].find(([, to]) => to === id)?.[0];
    const old = questionsBefore.get(fromId ?? id);
    if (!old) {
      add('question', 'added', id, `${x.principle}.${x.level}`, 'minor');
      continue;
    }
    questionChanges(old, x, migration?.options?.[old.id]);
  }

  // ---- target, recommendations, contradictions ----
  if (before.target.default !== after.target.default) add('target', 'changed', 'default', `${before.target.default} → ${after.target.default}`, 'minor');
  ruleChanges('target rule', before.target.rules, after.target.rules, (a, b) => {
    if (!same(a.when, b.when) || a.level !== b.level) return 'minor';
    if (textsChanged(a.reason, b.reason).length > 0) return 'patch';
    return undefined;
  });
  if (
    !same(
      before.target.rules.map((r) => r.id),
      after.target.rules.filter((r) => before.target.rules.some((o) => o.id === r.id)).map((r) => r.id),
    )
  ) {
    add('target', 'changed', 'rules', 'order', 'minor');
  }
  ruleChanges('recommendation', before.recommendations, after.recommendations, recommendationBump);
  ruleChanges('contradiction', before.contradictions, after.contradictions, (a, b) => {
    if (!same(a.when, b.when) || !same(a.questions, b.questions) || (a.kind ?? 'contradiction') !== (b.kind ?? 'contradiction')) return 'minor';
    if (textsChanged(a.message, b.message).length > 0) return 'patch';
    return undefined;
  });
  // Roles own the steps of a roadmap: who has one (when, fallback) moves the report.
  const rolesBefore = byId(before.roles);
  const rolesAfter = byId(after.roles);
  for (const id of rolesBefore.keys()) if (!rolesAfter.has(id)) add('role', 'removed', id, '', 'minor');
  for (const r of after.roles) {
    const old = rolesBefore.get(r.id);
    if (!old) add('role', 'added', r.id, '', 'patch');
    else {
      if (!same(old.when, r.when) || old.fallback !== r.fallback) add('role', 'changed', r.id, 'when, fallback', 'minor');
      text('role', r.id, 'label', old.label, r.label);
    }
  }
  if (!same(before.sources, after.sources)) add('sources', 'changed', 'sources', '', 'patch');
  if (!same(before.roadmap, after.roadmap)) add('roadmap', 'changed', 'roadmap', '', 'minor');
  if (!same(before.absent?.when, after.absent?.when)) add('absent', 'changed', 'when', '', 'minor');
  else {
    text('absent', 'absent', 'title', before.absent?.title, after.absent?.title);
    text('absent', 'absent', 'description', before.absent?.description, after.absent?.description);
  }
  // Anything else that differs (a key this list does not know yet) is not silently a patch: it counts as minor.
  if (changes.length === 0 && !same(unversioned(before), unversioned(after))) add('questionnaire', 'changed', after.id, 'other', 'minor');

  const bump = changes.reduce<Bump>((max, c) => (BUMPS.indexOf(c.bump) > BUMPS.indexOf(max) ? c.bump : max), 'none');
  return { changes, bump };

  function optionChanges(
    entity: string,
    questionId: string,
    a: readonly { id: string; label: LocalText; score?: number }[],
    b: readonly { id: string; label: LocalText; score?: number }[],
    remap: Record<string, string | null> | undefined,
  ) {
    const bOptions = byId(b);
    for (const o of a) {
      const to = remap?.[o.id];
      if (bOptions.has(o.id) && to === undefined) continue;
      if (to) add(entity, 'renamed', `${questionId}:${o.id}`, `→ ${to} (migrated)`, 'major');
      else add(entity, 'removed', `${questionId}:${o.id}`, to === null ? 'migration: removed' : 'no migration', 'major');
    }
    const aOptions = byId(a);
    const targets = new Set(Object.values(remap ?? {}).filter((x): x is string => x !== null));
    for (const o of b) {
      const old = aOptions.get(o.id);
      if (!old) {
        if (!targets.has(o.id)) add(entity, 'added', `${questionId}:${o.id}`, '', 'minor');
        continue;
      }
      if (old.score !== o.score) add('option score', 'changed', `${questionId}:${o.id}`, `${old.score} → ${o.score}`, 'minor');
      text(entity, `${questionId}:${o.id}`, 'label', old.label, o.label);
    }
  }

  function questionChanges(old: Question, x: Question, remap: Record<string, string | null> | undefined) {
    const id = x.id;
    if (old.type !== x.type) {
      add('question', 'changed', id, `type ${old.type} → ${x.type}`, 'major');
      return;
    }
    if (old.principle !== x.principle) add('question', 'changed', id, `principle ${old.principle} → ${x.principle}`, 'major');
    if (old.level !== x.level) add('question', 'changed', id, `level ${old.level} → ${x.level}`, 'major');
    if (old.weight !== x.weight) add('weight', 'changed', id, `${old.weight} → ${x.weight}`, 'minor');
    if (!same(old.showIf, x.showIf)) add('question', 'changed', id, 'showIf', 'minor');
    if (old.usage !== x.usage) add('question', 'changed', id, `usage ${old.usage ?? '—'} → ${x.usage ?? '—'}`, 'minor');
    // A prerequisite, weak, is a blocking point whatever the level: the report moves.
    if (Boolean(old.prerequisite) !== Boolean(x.prerequisite))
      add('question', 'changed', id, `prerequisite ${Boolean(old.prerequisite)} → ${Boolean(x.prerequisite)}`, 'minor');
    text('question', id, 'text', old.text, x.text);
    text('question', id, 'help', old.help, x.help);
    if (!same(old.wording, x.wording)) {
      const conditions = (w: Question['wording']) => (w ?? []).map((v) => v.when);
      add('question', 'changed', id, 'wording variants', same(conditions(old.wording), conditions(x.wording)) ? 'patch' : 'minor');
    }
    if (old.type === 'scale' && x.type === 'scale' && old.scale !== x.scale) add('question', 'changed', id, `scale ${old.scale} → ${x.scale}`, 'major');
    if (old.type === 'number' && x.type === 'number') {
      if (x.min > old.min || x.max < old.max) add('question', 'changed', id, `range ${old.min}–${old.max} → ${x.min}–${x.max}`, 'major');
      else if (x.min !== old.min || x.max !== old.max) add('question', 'changed', id, `range ${old.min}–${old.max} → ${x.min}–${x.max}`, 'minor');
      if (!same(old.scoring, x.scoring))
        add('question', 'changed', id, `scoring ${old.scoring.from}→${old.scoring.to} becomes ${x.scoring.from}→${x.scoring.to}`, 'minor');
      text('question', id, 'unit', old.unit, x.unit);
    }
    if (old.type === 'boolean' && x.type === 'boolean' && !same(old.scoring, x.scoring)) add('question', 'changed', id, 'scoring', 'minor');
    if ((old.type === 'single' || old.type === 'multiple') && (x.type === 'single' || x.type === 'multiple')) {
      optionChanges('option', id, old.options, x.options, remap);
      for (const o of x.options) {
        const oo = old.options.find((y) => y.id === o.id);
        if (oo && Boolean(oo.exclusive) !== Boolean(o.exclusive)) add('option', 'changed', `${id}:${o.id}`, 'exclusive', 'major');
      }
    }
  }

  function ruleChanges<T extends { id: string }>(entity: string, a: readonly T[], b: readonly T[], bumpOf: (a: T, b: T) => Change['bump'] | undefined) {
    const aById = byId(a);
    const bById = byId(b);
    for (const r of a) if (!bById.has(r.id)) add(entity, 'removed', r.id, '', 'minor');
    for (const r of b) {
      const old = aById.get(r.id);
      if (!old) add(entity, 'added', r.id, '', 'minor');
      else {
        const bump = bumpOf(old, r);
        if (bump) add(entity, 'changed', r.id, bump === 'patch' ? 'wording' : 'rule', bump);
      }
    }
  }
}

/** A questionnaire without what a new version always changes: its version and its migration. */
function unversioned(q: Questionnaire): unknown {
  const { version: _v, migration: _m, ...rest } = q;
  return rest;
}

function recommendationBump(a: Recommendation, b: Recommendation): Change['bump'] | undefined {
  if (
    !same(a.cell, b.cell) ||
    a.trigger !== b.trigger ||
    !same(a.when, b.when) ||
    !same(
      a.variants?.map((v) => v.when),
      b.variants?.map((v) => v.when),
    )
  ) {
    return 'minor';
  }
  const { cell: _c, trigger: _t, when: _w, variants: va, ...restA } = a;
  const { cell: _c2, trigger: _t2, when: _w2, variants: vb, ...restB } = b;
  return same(restA, restB) && same(va, vb) ? undefined : 'patch';
}

/** The bump between two version numbers, or undefined when `after` is not greater than `before`. */
/** The kind of bump from one version to the next; undefined when `after` is not greater. */
export function versionBump(before: string, after: string): Exclude<Bump, 'none'> | undefined {
  if (!semver.gt(after, before)) return undefined;
  const kind = semver.diff(before, after);
  return kind === 'major' || kind === 'minor' || kind === 'patch' ? kind : undefined;
}

/** The smallest version above `before` that a change of `bump` needs. */
export function smallestVersion(before: string, bump: Bump): string {
  return bump === 'none' ? before : semver.inc(before, bump)!;
}
