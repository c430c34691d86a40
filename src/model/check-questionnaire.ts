import type { Message, MessageKey } from '../i18n/index.js';
import { msg, list } from '../i18n/index.js';
import { actionText, isAction, type ActionItem } from './actions.js';
import { closest } from './check-answers.js';
import { FORMAT_1_LOCALES, own, type LocalText } from './common.js';
import type { Condition, ContextCondition, Question, Questionnaire } from './questionnaire.js';

export type Severity = 'error' | 'warning' | 'info';

/**
 * A finding about a questionnaire. `integrity` findings make it unusable for scoring; the others are
 * quality rules that `lint` reports.
 */
export interface QuestionnaireFinding {
  rule: string;
  severity: Severity;
  integrity: boolean;
  path: (string | number)[];
  /** Point at the key rather than the value. */
  key?: boolean;
  message: Message;
}

const RESERVED_OPTION_IDS = new Set(['unknown', 'na']);

/** How many unknown references get a "did you mean" (each costs a pass over the ids it could mean). */
const HINTS = 20;

/** Says an unknown reference of one kind, with what to write instead; a structural check reports it at `path`. */
type UnknownRef = (path: (string | number)[], id: string) => Message;

export function checkQuestionnaire(q: Questionnaire): QuestionnaireFinding[] {
  const findings: QuestionnaireFinding[] = [];
  const integrity = (rule: string, path: (string | number)[], message: Message): void => {
    findings.push({ rule, severity: 'error', integrity: true, path, message });
  };
  const quality = (rule: string, severity: Severity, path: (string | number)[], message: Message, key = false): void => {
    findings.push({ rule, severity, integrity: false, path, message, ...(key ? { key } : {}) });
  };

  // ---- unique ids ----
  const lists: [string, { id: string }[]][] = [
    ['sources', q.sources],
    ['roles', q.roles],
    ['scales', q.scales],
    ['levels', q.levels],
    ['principles', q.principles],
    ['context', q.context],
    ['questions', q.questions],
    ['recommendations', q.recommendations],
    ['contradictions', q.contradictions],
  ];
  for (const [name, items] of lists) {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.id)) integrity('unique-ids', [name, i, 'id'], msg('questionnaire.duplicate-id', { id: item.id }));
      seen.add(item.id);
    });
  }
  const contextAndQuestions = new Set<string>();
  [...q.context, ...q.questions].forEach((item) => {
    if (contextAndQuestions.has(item.id)) {
      const i = q.questions.findIndex((x) => x.id === item.id);
      if (i >= 0) integrity('unique-ids', ['questions', i, 'id'], msg('questionnaire.duplicate-id', { id: item.id }));
    }
    contextAndQuestions.add(item.id);
  });

  const ranks = q.levels.map((l) => l.rank).sort((a, b) => a - b);
  const wrong = ranks.findIndex((rank, i) => rank !== i + 1);
  if (wrong >= 0) {
    const at = q.levels.findIndex((l) => l.rank === ranks[wrong]);
    integrity('level-ranks', ['levels', at, 'rank'], msg('q.level-ranks', { count: ranks.length, found: list(ranks) }));
  }
  const rankSet = new Set(ranks);
  const principles = new Set(q.principles.map((p) => p.id));
  const scales = new Map(q.scales.map((s) => [s.id, s]));
  const roles = new Set(q.roles.map((r) => r.id));
  const sources = new Set(q.sources.map((s) => s.id));
  const questions = new Map(q.questions.map((x) => [x.id, x]));
  const contexts = new Map(q.context.map((c) => [c.id, c]));

  // An unknown reference says what to write instead: the closest id when it looks like a typo, else
  // where the ids are declared, with one of them as the example.
  let hints = 0;
  const fix = (path: (string | number)[], id: string, kind: MessageKey, where: string, ids: string, value: string | number, hint = ''): Message => {
    const key = path[path.length - 1];
    return msg('questionnaire.unknown-ref-fix', { id, kind: msg(kind), where, ids, key: typeof key === 'string' ? key : '', hint, value: hint || value });
  };
  const didYouMean = (id: string, ids: readonly string[]) => (++hints <= HINTS ? closest(id, ids) : undefined);
  const principleIds = q.principles.map((p) => p.id);
  const roleIds = q.roles.map((r) => r.id);
  const questionIds = q.questions.map((x) => x.id);
  const unknownPrinciple: UnknownRef = (path, id) =>
    fix(path, id, 'kind.principle', 'principles', list(principleIds), principleIds[0] ?? '', didYouMean(id, principleIds));
  const unknownRole: UnknownRef = (path, id) => fix(path, id, 'kind.role', 'roles', list(roleIds), roleIds[0] ?? '', didYouMean(id, roleIds));
  // Questions are too many to list: the example is the first one of the same principle (`people.time`:
  // `people.named-lead`), else the first one.
  const unknownQuestion: UnknownRef = (path, id) => {
    const prefix = `${id.split('.', 1)[0]}.`;
    const example = questionIds.find((x) => x.startsWith(prefix)) ?? questionIds[0] ?? '';
    return fix(path, id, 'kind.question', 'questions', '', example, didYouMean(id, questionIds));
  };
  const refPrinciple = (path: (string | number)[], id: string) => {
    if (!principles.has(id)) integrity('known-refs', path, unknownPrinciple(path, id));
  };
  const refLevel = (path: (string | number)[], rank: number) => {
    if (rankSet.has(rank)) return;
    // A number has no typo to guess: the nearest rank is the example.
    const nearest = ranks.reduce((best, r) => (Math.abs(r - rank) < Math.abs(best - rank) ? r : best), ranks[0] ?? rank);
    integrity('known-refs', path, fix(path, String(rank), 'kind.level', 'levels', list(ranks), nearest));
  };
  const refSources = (path: (string | number)[], ids: string[]) =>
    ids.forEach((id, i) => {
      if (!sources.has(id)) integrity('known-refs', [...path, i], msg('questionnaire.unknown-ref', { id, kind: msg('kind.source') }));
    });

  // ---- texts in every declared locale ----
  const declared = new Set(q.locales);
  const checkText = (path: (string | number)[], t: LocalText | undefined) => {
    if (!t) return;
    for (const locale of q.locales) {
      if (!own(t, locale)) {
        // The example shows the text's declared languages in the file's order, the missing one filled in.
        const shown = q.locales.filter((l) => l === locale || own(t, l) !== undefined).join(', ');
        const key = path[path.length - 1];
        quality('texts-complete', 'error', path, msg('questionnaire.missing-text', { locale, shown, key: typeof key === 'string' ? key : '' }));
      }
    }
    for (const locale of Object.keys(t)) {
      if (!declared.has(locale))
        quality('texts-complete', 'error', [...path, locale], msg('questionnaire.undeclared-locale', { locale, locales: q.locales.join(', ') }), true);
    }
  };
  walkTexts(q, checkText);

  // ---- what format 1 cannot hold ----
  if (q.format !== 2) {
    q.locales.forEach((locale, i) => {
      if (!FORMAT_1_LOCALES.includes(locale)) integrity('schema', ['locales', i], msg('questionnaire.needs-format-2', { what: `locale ${locale}` }));
    });
    if (q.intro) integrity('schema', ['intro'], msg('questionnaire.needs-format-2', { what: 'intro' }));
    if (q.respondents) integrity('schema', ['respondents'], msg('questionnaire.needs-format-2', { what: 'respondents' }));
    if (q.absent) integrity('schema', ['absent'], msg('questionnaire.needs-format-2', { what: 'absent' }));
    if (q.roadmap) integrity('schema', ['roadmap'], msg('questionnaire.needs-format-2', { what: 'roadmap' }));
    q.roles.forEach((r, i) => {
      if (r.when !== undefined || r.fallback !== undefined)
        integrity('schema', ['roles', i], msg('questionnaire.needs-format-2', { what: 'roles: when, fallback' }));
    });
    q.sources.forEach((x, i) => {
      if (x.when !== undefined) integrity('schema', ['sources', i, 'when'], msg('questionnaire.needs-format-2', { what: 'sources: when' }));
    });
    q.questions.forEach((x, i) => {
      if (x.prerequisite !== undefined) integrity('schema', ['questions', i, 'prerequisite'], msg('questionnaire.needs-format-2', { what: 'prerequisite' }));
      if (x.wording !== undefined) integrity('schema', ['questions', i, 'wording'], msg('questionnaire.needs-format-2', { what: 'wording' }));
    });
    q.recommendations.forEach((r, i) => {
      if (r.after !== undefined) integrity('schema', ['recommendations', i, 'after'], msg('questionnaire.needs-format-2', { what: 'after' }));
      r.actions.forEach((a, j) => {
        if (isAction(a)) integrity('schema', ['recommendations', i, 'actions', j], msg('questionnaire.needs-format-2', { what: 'actions with an id' }));
      });
    });
    q.contradictions.forEach((c, i) => {
      if (c.kind !== undefined) integrity('schema', ['contradictions', i, 'kind'], msg('questionnaire.needs-format-2', { what: 'kind' }));
    });
  } else checkFormat2(q, integrity, checkCondition, { question: unknownQuestion, role: unknownRole });
  const respondentIds = new Set<string>();
  q.respondents?.forEach((r, i) => {
    if (respondentIds.has(r.id)) integrity('unique-ids', ['respondents', i, 'id'], msg('questionnaire.duplicate-id', { id: r.id }));
    respondentIds.add(r.id);
  });

  // ---- cells ----
  const cellSeen = new Set<string>();
  q.cells.forEach((cell, i) => {
    refPrinciple(['cells', i, 'principle'], cell.principle);
    refLevel(['cells', i, 'level'], cell.level);
    const key = `${cell.principle}.${cell.level}`;
    if (cellSeen.has(key)) integrity('unique-ids', ['cells', i], msg('questionnaire.duplicate-id', { id: key }));
    cellSeen.add(key);
  });

  // ---- context ----
  q.context.forEach((c, i) => checkOptions(c.options, ['context', i, 'options']));

  // ---- questions ----
  const objectives = contexts.get('objectives');
  q.questions.forEach((x, i) => {
    const path = ['questions', i];
    refPrinciple([...path, 'principle'], x.principle);
    refLevel([...path, 'level'], x.level);
    refSources([...path, 'source'], x.source);
    if (x.showIf) checkCondition(x.showIf, [...path, 'showIf']);
    if (x.usage !== undefined && !objectives?.options.some((o) => o.id === x.usage)) {
      integrity('known-refs', [...path, 'usage'], msg('questionnaire.unknown-ref', { id: x.usage, kind: msg('kind.objective') }));
    }
    switch (x.type) {
      case 'scale':
        if (!scales.has(x.scale)) integrity('known-refs', [...path, 'scale'], msg('questionnaire.unknown-ref', { id: x.scale, kind: msg('kind.scale') }));
        break;
      case 'single':
      case 'multiple':
        checkOptions(x.options, [...path, 'options']);
        if (x.type === 'single') {
          x.options.forEach((o, j) => {
            if (o.exclusive !== undefined) {
              integrity('option-values', [...path, 'options', j, 'exclusive'], msg('q.exclusive-single'));
            }
          });
        }
        break;
      case 'number':
        if (!(x.min < x.max)) integrity('number-range', [...path, 'max'], msg('q.number-range', { min: x.min, max: x.max }));
        if (x.scoring.from === x.scoring.to) integrity('number-range', [...path, 'scoring'], msg('q.number-scoring'));
        break;
      case 'boolean':
        break;
    }
  });

  q.scales.forEach((s, i) => {
    const seen = new Set<number>();
    s.values.forEach((v, j) => {
      if (seen.has(v.value)) integrity('unique-ids', ['scales', i, 'values', j, 'value'], msg('questionnaire.duplicate-id', { id: String(v.value) }));
      seen.add(v.value);
    });
  });

  // ---- target ----
  refLevel(['target', 'default'], q.target.default);
  q.target.rules.forEach((r, i) => {
    refLevel(['target', 'rules', i, 'level'], r.level);
    checkCondition(r.when, ['target', 'rules', i, 'when']);
  });

  // ---- recommendations ----
  q.recommendations.forEach((r, i) => {
    const path = ['recommendations', i];
    refPrinciple([...path, 'cell', 'principle'], r.cell.principle);
    refLevel([...path, 'cell', 'level'], r.cell.level);
    refSources([...path, 'source'], r.source);
    if (!roles.has(r.owner)) integrity('known-refs', [...path, 'owner'], unknownRole([...path, 'owner'], r.owner));
    if (r.when) checkCondition(r.when, [...path, 'when']);
    if (r.trigger === 'answers' && !r.when) {
      integrity('recommendation-trigger', [...path, 'trigger'], msg('q.trigger-needs-when'));
    }
    r.variants?.forEach((v, j) => checkCondition(v.when, [...path, 'variants', j, 'when']));
  });

  // ---- contradictions ----
  q.contradictions.forEach((c, i) => {
    checkCondition(c.when, ['contradictions', i, 'when']);
    c.questions.forEach((id, j) => {
      if (!questions.has(id)) integrity('known-refs', ['contradictions', i, 'questions', j], unknownQuestion(['contradictions', i, 'questions', j], id));
    });
  });

  // ---- coverage (quality) ----
  // What a message's example needs from the file: its locales, its first scale, source and role.
  const example = { locales: q.locales.join(', '), scale: q.scales[0]?.id ?? '', source: q.sources[0]?.id ?? '', role: q.roles[0]?.id ?? '' };
  const cellQuestions = new Map<string, string[]>();
  for (const x of q.questions) {
    const ids = cellQuestions.get(`${x.principle}.${x.level}`);
    if (ids) ids.push(x.id);
    else cellQuestions.set(`${x.principle}.${x.level}`, [x.id]);
  }
  const count = (principle: string, rank: number) => cellQuestions.get(`${principle}.${rank}`)?.length ?? 0;
  for (const level of q.levels) {
    for (const p of q.principles) {
      const cell = `${p.id}.${level.rank}`;
      const ids = cellQuestions.get(cell) ?? [];
      // Said where the cell is described, else at its first question, else at the list.
      const cellIndex = q.cells.findIndex((c) => c.principle === p.id && c.level === level.rank);
      const firstQuestion = q.questions.findIndex((x) => x.principle === p.id && x.level === level.rank);
      const where = cellIndex >= 0 ? ['cells', cellIndex] : firstQuestion >= 0 ? ['questions', firstQuestion] : ['questions'];
      if (ids.length < 2) {
        quality(
          'cell-questions',
          'error',
          where,
          msg('q.cell-questions', { cell, count: ids.length, principle: p.id, level: level.rank, ...example }),
          where.length === 1,
        );
      } else if (ids.length > 4) {
        // The example moves the cell's last question to a neighbouring level of its principle with room
        // for it, else to another principle's cell at its level with room; else there is only removing.
        const room = (principle: string, rank: number) => (principle !== p.id || rank !== level.rank) && count(principle, rank) < 4;
        const byDistance = [...ranks].sort((a, b) => Math.abs(a - level.rank) - Math.abs(b - level.rank) || a - b);
        const rank = byDistance.find((r) => room(p.id, r));
        const principle = rank === undefined ? q.principles.find((o) => room(o.id, level.rank))?.id : undefined;
        const move =
          rank !== undefined ? { key: 'level', value: rank } : principle !== undefined ? { key: 'principle', value: principle } : { key: '', value: '' };
        quality(
          'cell-questions',
          'error',
          where,
          msg('q.cell-questions-many', { cell, count: ids.length, extra: ids.length - 4, question: ids[ids.length - 1]!, ...move }),
        );
      }
      if (!q.recommendations.some((r) => r.cell.principle === p.id && r.cell.level === level.rank)) {
        quality(
          'cell-recommendations',
          'error',
          cellIndex >= 0 ? ['cells', cellIndex] : ['recommendations'],
          msg('q.cell-recommendations', { cell, principle: p.id, level: level.rank, ...example }),
          cellIndex < 0,
        );
      }
    }
  }

  return findings;

  function checkOptions(options: { id: string }[], path: (string | number)[]) {
    const seen = new Set<string>();
    options.forEach((o, j) => {
      if (seen.has(o.id)) integrity('unique-ids', [...path, j, 'id'], msg('questionnaire.duplicate-id', { id: o.id }));
      if (RESERVED_OPTION_IDS.has(o.id)) integrity('option-values', [...path, j, 'id'], msg('q.reserved-option', { id: o.id }));
      seen.add(o.id);
    });
  }

  function checkCondition(c: Condition | ContextCondition, path: (string | number)[]): void {
    if ('all' in c) return c.all.forEach((x, i) => checkCondition(x, [...path, 'all', i]));
    if ('any' in c) return c.any.forEach((x, i) => checkCondition(x, [...path, 'any', i]));
    if ('not' in c) return checkCondition(c.not, [...path, 'not']);
    const bad = (message: Message) => integrity('condition-refs', path, message);
    if ('context' in c) {
      const ctx = contexts.get(c.context);
      if (!ctx) return integrity('condition-refs', [...path, 'context'], msg('questionnaire.unknown-ref', { id: c.context, kind: msg('kind.context') }));
      const ids = new Set(ctx.options.map((o) => o.id));
      for (const v of [c.is, ...(c.in ?? []), c.includes, ...(c.includesAny ?? [])]) {
        if (v !== undefined && !ids.has(v)) bad(msg('q.cond-not-option', { value: JSON.stringify(v), id: c.context, expected: list([...ids]) }));
      }
      if (ctx.type === 'single' && (c.includes !== undefined || c.includesAny !== undefined)) bad(msg('q.cond-context-single', { id: c.context }));
      if (ctx.type === 'multiple' && (c.is !== undefined || c.in !== undefined)) bad(msg('q.cond-context-multiple', { id: c.context }));
      return;
    }
    const question = questions.get(c.answer);
    if (!question) return integrity('condition-refs', [...path, 'answer'], unknownQuestion([...path, 'answer'], c.answer));
    checkAnswerPredicate(question, c, bad);
  }
}

function checkAnswerPredicate(question: Question, c: Extract<Condition, { answer: string }>, bad: (message: Message) => void): void {
  const id = question.id;
  const numeric = c.gte !== undefined || c.lte !== undefined || c.gt !== undefined || c.lt !== undefined;
  const values = [c.is, ...(c.in ?? [])].filter((v) => v !== undefined);
  switch (question.type) {
    case 'scale':
    case 'number':
      if (c.includes !== undefined) bad(msg('q.cond-not-multiple', { id }));
      for (const v of values) if (typeof v !== 'number') bad(msg('q.cond-numbers', { id, value: JSON.stringify(v) }));
      break;
    case 'single': {
      const ids = new Set(question.options.map((o) => o.id));
      if (numeric || c.includes !== undefined) bad(msg('q.cond-single', { id }));
      for (const v of values)
        if (typeof v !== 'string' || !ids.has(v)) bad(msg('q.cond-not-option', { value: JSON.stringify(v), id, expected: list([...ids]) }));
      break;
    }
    case 'multiple': {
      const ids = new Set(question.options.map((o) => o.id));
      if (numeric || values.length > 0) bad(msg('q.cond-multiple', { id }));
      if (c.includes !== undefined && !ids.has(c.includes)) bad(msg('q.cond-not-option', { value: JSON.stringify(c.includes), id, expected: list([...ids]) }));
      break;
    }
    case 'boolean':
      if (numeric || c.includes !== undefined || values.some((v) => typeof v !== 'boolean')) bad(msg('q.cond-boolean', { id }));
      break;
  }
}

/** Calls `visit` on every user-facing text of the questionnaire with its path. */
export function walkTexts(q: Questionnaire, visit: (path: (string | number)[], t: LocalText | undefined) => void): void {
  visit(['title'], q.title);
  visit(['description'], q.description);
  visit(['intro'], q.intro);
  q.roles.forEach((r, i) => visit(['roles', i, 'label'], r.label));
  q.respondents?.forEach((r, i) => visit(['respondents', i, 'label'], r.label));
  q.scales.forEach((s, i) => {
    visit(['scales', i, 'title'], s.title);
    s.values.forEach((v, j) => {
      visit(['scales', i, 'values', j, 'label'], v.label);
      visit(['scales', i, 'values', j, 'description'], v.description);
    });
  });
  visit(['notEngaged', 'title'], q.notEngaged.title);
  visit(['notEngaged', 'description'], q.notEngaged.description);
  q.levels.forEach((l, i) => {
    visit(['levels', i, 'title'], l.title);
    visit(['levels', i, 'description'], l.description);
  });
  q.principles.forEach((p, i) => {
    visit(['principles', i, 'title'], p.title);
    visit(['principles', i, 'description'], p.description);
  });
  q.cells.forEach((c, i) => visit(['cells', i, 'description'], c.description));
  q.context.forEach((c, i) => {
    visit(['context', i, 'text'], c.text);
    visit(['context', i, 'help'], c.help);
    c.options.forEach((o, j) => visit(['context', i, 'options', j, 'label'], o.label));
  });
  q.questions.forEach((x, i) => {
    visit(['questions', i, 'text'], x.text);
    visit(['questions', i, 'help'], x.help);
    if (x.type === 'number') visit(['questions', i, 'unit'], x.unit);
    if (x.type === 'single' || x.type === 'multiple') x.options.forEach((o, j) => visit(['questions', i, 'options', j, 'label'], o.label));
  });
  q.target.rules.forEach((r, i) => visit(['target', 'rules', i, 'reason'], r.reason));
  q.recommendations.forEach((r, i) => {
    visit(['recommendations', i, 'title'], r.title);
    visit(['recommendations', i, 'why'], r.why);
    r.actions.forEach((a, j) => visit(isAction(a) ? ['recommendations', i, 'actions', j, 'text'] : ['recommendations', i, 'actions', j], actionText(a)));
    r.variants?.forEach((v, j) => {
      visit(['recommendations', i, 'variants', j, 'title'], v.title);
      visit(['recommendations', i, 'variants', j, 'why'], v.why);
      v.actions?.forEach((a, k) =>
        visit(isAction(a) ? ['recommendations', i, 'variants', j, 'actions', k, 'text'] : ['recommendations', i, 'variants', j, 'actions', k], actionText(a)),
      );
    });
  });
  q.contradictions.forEach((c, i) => visit(['contradictions', i, 'message'], c.message));
}

type Report = (rule: string, path: (string | number)[], message: Message, key?: boolean) => void;

/**
 * What format 2 adds, checked: actions with ids name a question and are unique across the questionnaire
 * (a variant may reword one of its recommendation's actions under the same id); `after` naming
 * recommendations, without a cycle; roles whose `when` may not hold handing over to a fallback that
 * exists; the roadmap's capacity naming a context question and its options.
 */
function checkFormat2(
  q: Questionnaire,
  integrity: Report,
  checkCondition: (c: Condition, path: (string | number)[]) => void,
  unknown: { question: UnknownRef; role: UnknownRef },
): void {
  const questionIds = new Set(q.questions.map((x) => x.id));
  const recommendationIds = new Set(q.recommendations.map((r) => r.id));
  const roleIds = new Map(q.roles.map((r) => [r.id, r]));
  const actionOwner = new Map<string, string>();
  q.recommendations.forEach((r, i) => {
    const own = new Set<string>();
    const checkAction = (a: ActionItem, path: (string | number)[], variant: boolean) => {
      // A plain text is an action tied to no question: shown whenever its recommendation is.
      if (!isAction(a)) return;
      if (!questionIds.has(a.question)) integrity('known-refs', [...path, 'question'], unknown.question([...path, 'question'], a.question));
      const owner = actionOwner.get(a.id);
      if (variant && own.has(a.id)) return;
      if (owner !== undefined) integrity('unique-ids', [...path, 'id'], msg('questionnaire.duplicate-id', { id: a.id }));
      else actionOwner.set(a.id, r.id);
      own.add(a.id);
    };
    r.actions.forEach((a, j) => checkAction(a, ['recommendations', i, 'actions', j], false));
    r.variants?.forEach((v, j) => v.actions?.forEach((a, k) => checkAction(a, ['recommendations', i, 'variants', j, 'actions', k], true)));
    r.after?.forEach((id, j) => {
      if (!recommendationIds.has(id) || id === r.id)
        integrity('known-refs', ['recommendations', i, 'after', j], msg('questionnaire.unknown-ref', { id, kind: msg('kind.recommendation') }));
    });
  });
  // `after` without a cycle: a roadmap could not order the steps.
  const after = new Map(q.recommendations.map((r) => [r.id, r.after ?? []]));
  const state = new Map<string, 'visiting' | 'done'>();
  const cyclic = (id: string): boolean => {
    if (state.get(id) === 'done') return false;
    if (state.get(id) === 'visiting') return true;
    state.set(id, 'visiting');
    const found = (after.get(id) ?? []).some((d) => after.has(d) && cyclic(d));
    state.set(id, 'done');
    return found;
  };
  q.recommendations.forEach((r, i) => {
    state.clear();
    if (cyclic(r.id)) integrity('known-refs', ['recommendations', i, 'after'], msg('q.after-cycle', { id: r.id }));
  });
  // Roles: a fallback exists, and a chain of fallbacks ends with a role every organisation has.
  q.sources.forEach((x, i) => {
    if (x.when) checkCondition(x.when, ['sources', i, 'when']);
  });
  q.roles.forEach((r, i) => {
    if (r.when) checkCondition(r.when, ['roles', i, 'when']);
    if (r.fallback !== undefined && !roleIds.has(r.fallback))
      integrity('known-refs', ['roles', i, 'fallback'], unknown.role(['roles', i, 'fallback'], r.fallback));
    let role = r;
    for (let hops = 0; role.when !== undefined; hops++) {
      const next = role.fallback !== undefined ? roleIds.get(role.fallback) : undefined;
      if (!next || hops > q.roles.length) {
        integrity('known-refs', ['roles', i], msg('q.role-fallback', { id: r.id }));
        break;
      }
      role = next;
    }
  });
  const capacity = q.roadmap?.capacity;
  if (capacity) {
    const c = q.context.find((x) => x.id === capacity.context);
    if (!c) integrity('known-refs', ['roadmap', 'capacity', 'context'], msg('questionnaire.unknown-ref', { id: capacity.context, kind: msg('kind.context') }));
    else {
      const options = new Set(c.options.map((o) => o.id));
      for (const id of Object.keys(capacity.steps))
        if (!options.has(id))
          integrity('known-refs', ['roadmap', 'capacity', 'steps', id], msg('questionnaire.unknown-ref', { id, kind: msg('kind.option') }), true);
      if (!options.has(capacity.default))
        integrity('known-refs', ['roadmap', 'capacity', 'default'], msg('questionnaire.unknown-ref', { id: capacity.default, kind: msg('kind.option') }));
    }
  }
  if (q.absent) checkCondition(q.absent.when, ['absent', 'when']);
  q.questions.forEach((x, i) => x.wording?.forEach((w, j) => checkCondition(w.when, ['questions', i, 'wording', j, 'when'])));
}
