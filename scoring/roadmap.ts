import type { Question, Recommendation, Role } from '../src/model/questionnaire.js';
import type { Explanations, Result, Step } from '../src/model/result.js';
import { actionIdOf, isAction, type ActionItem } from '../src/model/actions.js';
import { answersNamed, holds, type ConditionInput } from './conditions.js';
import { horizonRank, type Indexed } from './indexed.js';
import type { Horizon } from '../src/model/common.js';

/*
 * Model 2's roadmap: which recommendations fire, which of their actions show, and in what order and
 * horizon. Pure: ids and numbers in, ids and numbers out.
 *
 * - An answer is weak when its score is below its cell's threshold, or when it is unknown or unanswered.
 * - A recommendation fires when at least one question its actions improve is weak (a format-1 action,
 *   tied to no question, counts for its cell's questions), and shows only the actions whose question is
 *   weak: it never contradicts an answer.
 * - Blocking points are the weak prerequisites, wherever they are: each one's recommendation is a step in
 *   the first horizon whatever the level or the target.
 * - The other steps come from cells up to the target (gaps and consolidation) and from the level above it
 *   (next level), ranked by urgency — the weak answers' distance to the threshold × their weight ÷ the
 *   effort — with `after:` respected and the principles' order as the tie-break.
 * - The roadmap holds at most `maxSteps` (7) steps, or the confirm step and every blocking point when
 *   those alone are more; its first horizon holds the confirm step, the blocking points, and as many
 *   other steps as the declared capacity allows. The rest stay in `otherSteps`.
 */

export const CONFIRM_STEP = 'confirm-uncertain-answers';
const EPSILON = 1e-9;
const EFFORT_COST = { low: 1, medium: 2, high: 3 } as const;
/** Format 1 questionnaires name no roadmap: these are model 2's defaults, and the built-in capacity ids. */
const DEFAULT_MAX_STEPS = 7;
const DEFAULT_CONFIRM_FROM = 5;
const DEFAULT_CAPACITY = { context: 'capacity', steps: { minimal: 1, 'part-time': 2, dedicated: 3, team: 4 } as Record<string, number>, default: 'part-time' };
const FALLBACK_FIRST_HORIZON = 2;

export interface QuestionWeakness {
  question: Question;
  /** Weak: below its cell's threshold, unknown or unanswered (never a question left out). */
  weak: boolean;
  /** How far below the threshold, in [0, 1] (unknown and unanswered: the whole threshold). */
  deficit: number;
  uncertain: boolean;
  reason: 'weak' | 'unknown' | 'unanswered' | undefined;
}

export interface RoadmapInput {
  ix: Indexed;
  weakness: ReadonlyMap<string, QuestionWeakness>;
  cellStatus: ReadonlyMap<string, 'reached' | 'below' | 'not-applicable'>;
  target: number;
  conditions: ConditionInput;
  uncertain: readonly string[];
}

interface Candidate {
  rec: Recommendation;
  order: number;
  kind: Step['kind'];
  variant: number | null;
  actions: string[];
  weak: string[];
  because: string[];
  urgency: number;
  owner: string;
}

/** A role the organisation has: the role itself when its `when` holds (or it has none), else its fallback, in turn. */
export function resolveOwner(roles: ReadonlyMap<string, Role>, id: string, input: ConditionInput): string {
  let current = id;
  for (let hops = 0; hops <= roles.size; hops++) {
    const role = roles.get(current);
    if (!role || role.when === undefined || holds(role.when, input)) return current;
    if (role.fallback === undefined) return current;
    current = role.fallback;
  }
  return current;
}

/** The questions a recommendation's action improves: its own, or (format 1) the cell's, or those its rule names. */
function actionQuestions(ix: Indexed, rec: Recommendation, item: ActionItem): readonly string[] {
  if (isAction(item)) return [item.question];
  const named = rec.when ? answersNamed(rec.when) : [];
  if (rec.trigger === 'answers' && named.length > 0) return named;
  return ix.cellByKey.get(`${rec.cell.principle}.${rec.cell.level}`)?.questions.map((x) => x.id) ?? [];
}

export interface Roadmap {
  blockers: Result['blockers'];
  nextSteps: Step[];
  otherSteps: Step[];
  explained: Explanations['steps'];
}

export function roadmap(input: RoadmapInput): Roadmap {
  const { ix, weakness, cellStatus, target, conditions } = input;
  const q = ix.questionnaire;
  const settings = q.roadmap ?? {};
  const maxSteps = settings.maxSteps ?? DEFAULT_MAX_STEPS;
  const confirmFrom = settings.confirmFrom ?? DEFAULT_CONFIRM_FROM;

  // Blocking points: weak prerequisites, in the questionnaire's order.
  const blockers: Result['blockers'] = [];
  // In the principles' order, then by level, whatever the order of the file.
  for (const x of ix.interviewOrder) {
    const w = weakness.get(x.id);
    if (x.prerequisite === true && w?.weak) blockers.push({ question: x.id, reason: w.reason! });
  }
  const blocking = new Set(blockers.map((b) => b.question));

  const candidates: Candidate[] = [];
  for (const { recommendation: rec, order } of ix.recommendations) {
    if (rec.when !== undefined && rec.trigger !== 'answers' && !holds(rec.when, conditions)) continue;
    if (rec.trigger === 'answers' && (rec.when === undefined || !holds(rec.when, conditions))) continue;
    const variantIndex = rec.variants?.findIndex((v) => holds(v.when, conditions)) ?? -1;
    const variant = variantIndex >= 0 ? variantIndex : null;
    const items = (variant !== null ? rec.variants![variant]!.actions : undefined) ?? rec.actions;
    const actions: string[] = [];
    const weak = new Set<string>();
    items.forEach((item, i) => {
      const questions = actionQuestions(ix, rec, item).filter((id) => weakness.get(id)?.weak === true);
      if (questions.length === 0) return;
      actions.push(actionIdOf(rec.id, item, i));
      for (const id of questions) weak.add(id);
    });
    if (actions.length === 0) continue;
    const level = rec.cell.level;
    const status = cellStatus.get(`${rec.cell.principle}.${level}`);
    const isBlocker = [...weak].some((id) => blocking.has(id));
    let kind: Step['kind'];
    if (isBlocker) kind = 'blocker';
    else if (level <= target) kind = status === 'below' ? 'gap' : 'consolidate';
    else if (level === target + 1) kind = 'next-level';
    else continue;
    const weakIds = q.questions.filter((x) => weak.has(x.id)).map((x) => x.id);
    const named: string[] = [];
    if (rec.when) answersNamed(rec.when, named);
    if (variant !== null) answersNamed(rec.variants![variant]!.when, named);
    const because = [...new Set([...weakIds, ...named])];
    // gap × weight ÷ effort: the weak answers' distance to the threshold, weighted; lower levels first.
    let gap = 0;
    for (const id of weakIds) gap += weakness.get(id)!.deficit * weakness.get(id)!.question.weight;
    const levelFactor = kind === 'gap' ? target - level + 2 : kind === 'consolidate' ? 1 : 0.5;
    const urgency = (gap * levelFactor) / EFFORT_COST[rec.effort];
    candidates.push({ rec, order, kind, variant, actions, weak: weakIds, because, urgency, owner: resolveOwner(ix.roles, rec.owner, conditions) });
  }

  const principleRank = (c: Candidate) => ix.principleIndex.get(c.rec.cell.principle) ?? 0;
  const byPrinciple = (a: Candidate, b: Candidate) => principleRank(a) - principleRank(b) || a.rec.cell.level - b.rec.cell.level || a.order - b.order;
  const blockerSteps = respectAfter(candidates.filter((c) => c.kind === 'blocker').sort(byPrinciple));
  const others = respectAfter(
    candidates.filter((c) => c.kind !== 'blocker').sort((a, b) => (Math.abs(b.urgency - a.urgency) > EPSILON ? b.urgency - a.urgency : byPrinciple(a, b))),
  );

  const confirm = input.uncertain.length >= confirmFrom ? [confirmCandidate(ix, input, candidates)] : [];
  const room = Math.max(0, maxSteps - confirm.length - blockerSteps.length);
  const kept = others.slice(0, room);
  const left = others.slice(room);

  // Horizons: the confirm step and the blocking points now; then as many others as the capacity allows.
  const firstHorizon = capacitySteps(ix, conditions);
  let now = 0;
  const horizons = new Map<Candidate, Horizon>();
  const placed = new Map<string, Horizon>();
  for (const c of [...confirm, ...blockerSteps]) {
    horizons.set(c, '0-3');
    placed.set(c.rec.id, '0-3');
  }
  for (const c of [...kept, ...left]) {
    let h: Horizon = c.rec.horizon;
    // Never sooner than what must come before it.
    for (const before of c.rec.after ?? []) {
      const hb = placed.get(before);
      if (hb !== undefined && horizonRank(hb) > horizonRank(h)) h = hb;
    }
    if (h === '0-3') {
      if (now < firstHorizon) now += 1;
      else h = '3-6';
    }
    horizons.set(c, h);
    placed.set(c.rec.id, h);
  }
  const soonest = (list: Candidate[]) =>
    list
      .map((c, i) => ({ c, i }))
      .sort((a, b) => horizonRank(horizons.get(a.c)!) - horizonRank(horizons.get(b.c)!) || a.i - b.i)
      .map(({ c }) => c);

  const toStep = (c: Candidate, position: number): Step => {
    const step: Step = {
      position,
      kind: c.kind,
      id: c.rec.id,
      horizon: horizons.get(c)!,
      effort: c.rec.effort,
      owner: c.owner,
      actions: c.actions,
      because: c.because,
      variant: c.variant,
      // A source that binds some organisations only (a country's law) is cited for them only.
      sources: c.rec.source.filter((id) => {
        const when = ix.sources.get(id)?.when;
        return when === undefined || holds(when, conditions);
      }),
    };
    if (c.kind !== 'confirm') {
      step.principle = c.rec.cell.principle;
      step.level = c.rec.cell.level;
    }
    return step;
  };
  const roadmapOrder = [...confirm, ...blockerSteps, ...soonest(kept)];
  const nextSteps = roadmapOrder.map((c, i) => toStep(c, i + 1));
  const otherSteps = soonest(left).map((c, i) => toStep(c, i + 1));
  const explained: Explanations['steps'] = [...roadmapOrder, ...soonest(left)].map((c) => ({
    id: c.rec.id,
    trigger: c.kind === 'confirm' ? 'uncertain' : c.kind,
    answers: c.because,
    ...(c.kind === 'confirm' || c.kind === 'blocker' ? {} : { urgency: Math.round(c.urgency * 10000) / 10000 }),
  }));
  return { blockers, nextSteps, otherSteps, explained };
}

/**
 * Steps in order, each after the steps its `after:` names (when they are in the list): taken by urgency,
 * a step brings the steps it depends on forward, just before it, rather than waiting behind less urgent ones.
 */
function respectAfter(list: Candidate[]): Candidate[] {
  const byId = new Map(list.map((c) => [c.rec.id, c]));
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const out: Candidate[] = [];
  const place = (c: Candidate) => {
    if (placed.has(c.rec.id) || visiting.has(c.rec.id)) return; // a cycle (lint refuses them) cannot stall
    visiting.add(c.rec.id);
    for (const id of c.rec.after ?? []) {
      const before = byId.get(id);
      if (before) place(before);
    }
    visiting.delete(c.rec.id);
    placed.add(c.rec.id);
    out.push(c);
  };
  for (const c of list) place(c);
  return out;
}

/** How many steps other than the confirm step and the blocking points the first horizon holds. */
function capacitySteps(ix: Indexed, conditions: ConditionInput): number {
  const capacity = ix.questionnaire.roadmap?.capacity ?? (ix.contexts.has(DEFAULT_CAPACITY.context) ? DEFAULT_CAPACITY : undefined);
  if (!capacity) return FALLBACK_FIRST_HORIZON;
  const value = conditions.context[capacity.context];
  const chosen = typeof value === 'string' && Object.hasOwn(capacity.steps, value) ? value : capacity.default;
  return Object.hasOwn(capacity.steps, chosen) ? capacity.steps[chosen]! : FALLBACK_FIRST_HORIZON;
}

/** The step that asks to confirm the uncertain answers; its owner is whoever most of the steps on them would fall to. */
function confirmCandidate(ix: Indexed, input: RoadmapInput, candidates: readonly Candidate[]): Candidate {
  const uncertain = new Set(input.uncertain);
  const counts = new Map<string, number>();
  for (const c of candidates) {
    const n = c.weak.filter((id) => uncertain.has(id)).length;
    if (n > 0) counts.set(c.owner, (counts.get(c.owner) ?? 0) + n);
  }
  let owner = '';
  let best = -1;
  for (const [role, n] of counts) {
    if (n > best || (n === best && role < owner)) {
      owner = role;
      best = n;
    }
  }
  if (owner === '') owner = resolveOwner(ix.roles, ix.questionnaire.roles[0]!.id, input.conditions);
  const rec: Recommendation = {
    id: CONFIRM_STEP,
    cell: { principle: '', level: 0 },
    trigger: 'gap',
    title: {},
    actions: [{}],
    owner,
    horizon: '0-3',
    effort: 'low',
    source: [],
  };
  const because = ix.questionnaire.questions.filter((x) => uncertain.has(x.id)).map((x) => x.id);
  return { rec, order: -1, kind: 'confirm', variant: null, actions: [`${CONFIRM_STEP}#1`], weak: because, because, urgency: Infinity, owner };
}
