import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeReport } from '../../src/app/report.js';
import { loadAnswers } from '../../src/io/load.js';
import { isAction } from '../../src/model/actions.js';
import { text } from '../../src/model/common.js';
import { ROOT, sm2 } from '../helpers/load.js';

/*
 * sm-maturity 2.0.0 as its users meet it: the 2026 topics each fire for an organisation of the panel,
 * a Québec organisation reads Québec's words, a 1–9-person association is given no owner it cannot
 * have, and a case at its target is told how to consolidate or go further.
 */

const SM = join(ROOT, 'questionnaires', 'sm-maturity');
const PANEL = join(SM, 'panel');

function report(file: string, options: { migrate?: boolean } = {}) {
  const loaded = loadAnswers(file, { lang: 'fr', ...(options.migrate ? { migrate: true } : {}) });
  const made = makeReport({ loaded, lang: 'fr', formats: ['md', 'json'] });
  return { result: made.result, md: made.files.find(([f]) => f.endsWith('.md'))![1] as string };
}
const panel = (name: string) => report(join(PANEL, name, 'answers.yaml'));

/** Topic → the question that asks it, the recommendation that answers it, a panel case where it fires. */
const TOPICS_2026: [string, string, string, string][] = [
  ['generative AI at work', 'technology.ai-use', 'technology.ai-rules', 'grand-groupe'],
  ['the DSA and moderation', 'legal.moderation', 'legal.publish-moderation', 'northwind-industries'],
  ['harassment of community managers', 'resources.moderator-support', 'resources.protect-moderators', 'reseau-sante-quebec'],
  ["executives' and employees' own voice", 'resources.leaders-voice', 'resources.support-leaders-voice', 'banque-regionale'],
  ['prospecting automation under data protection law', 'legal.prospecting-data', 'legal.prospecting-compliance', 'pme-industrielle'],
  ['accessibility', 'technology.accessibility', 'technology.accessible-content', 'reseau-sante-quebec'],
  ['platform dependence and exit', 'vision.platform-dependence', 'vision.reduce-platform-dependence', 'grand-groupe'],
  ['political ads', 'governance.political-ads', 'governance.political-ads-compliance', 'grand-groupe'],
  ['influencer disclosure for B2B', 'legal.influencer-disclosure', 'legal.influencer-compliance', 'saas-startup'],
];

describe('sm-maturity 2.0.0', () => {
  const q = sm2().questionnaire;

  it('covers each 2026 topic with a question, a recommendation acting on it, and a panel case where it fires', () => {
    for (const [topic, question, recommendation, name] of TOPICS_2026) {
      expect(
        q.questions.some((x) => x.id === question),
        topic,
      ).toBe(true);
      const rec = q.recommendations.find((r) => r.id === recommendation);
      expect(
        rec?.actions.some((a) => isAction(a) && a.question === question),
        topic,
      ).toBe(true);
      const { result } = panel(name);
      expect(
        [...result.nextSteps, ...result.otherSteps].some((s) => s.id === recommendation),
        `${topic}: ${recommendation} in ${name}`,
      ).toBe(true);
    }
    // Influencer disclosure is asked of B2B organisations too: the start-up sells to businesses.
    expect(panel('saas-startup').result.context.audience).toBe('b2b');
  });

  it("speaks Québec's words to a Québec organisation, and none of France's", () => {
    const { md, result } = panel('reseau-sante-quebec');
    expect(result.context.jurisdiction).toBe('qc');
    for (const word of ['RPRP', 'EFVP', 'fin de semaine']) expect(md.includes(word), word).toBe(true);
    for (const word of ['délégué à la protection des données', "analyse d'impact", 'week-end']) expect(md.includes(word), word).toBe(false);
  });

  it('gives a 1–9-person association no owner it cannot have', () => {
    const { md, result } = panel('association-jardins-partages');
    expect([result.context.type, result.context.headcount]).toEqual(['association', '1-9']);
    const impossible = ['it', 'dpo', 'legal', 'hr', 'customer-service', 'agency'];
    const owners = [...result.nextSteps, ...result.otherSteps].map((s) => s.owner);
    expect(owners.filter((o) => impossible.includes(o))).toEqual([]);
    const ownerLines = md.split('\n').filter((l) => l.startsWith('*Responsable :*'));
    expect(ownerLines.length).toBeGreaterThan(0);
    for (const id of impossible) {
      const label = text(q.roles.find((r) => r.id === id)!.label, 'fr');
      expect(
        ownerLines.filter((l) => l.includes(label)),
        label,
      ).toEqual([]);
    }
  });

  it('scores the 1.0.0 answers of Northwind Industries at practice level 2 or more through --migrate', () => {
    const { result } = report(join(SM, 'examples', 'northwind-industries.yaml'), { migrate: true });
    expect(result.questionnaire.version).toBe('2.1.0');
    expect(result.overall.practiceLevel).toBeGreaterThanOrEqual(2);
  });

  const everyCase = [
    ...readdirSync(join(SM, 'examples'))
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => join(SM, 'examples', f)),
    ...readdirSync(PANEL).map((d) => join(PANEL, d, 'answers.yaml')),
  ];

  it('keeps every roadmap of the examples and the panel within PRODUCT.md: order, length, first horizon, each action once', () => {
    const capacity: Record<string, number> = { minimal: 1, 'part-time': 2, dedicated: 3, team: 4 };
    for (const file of everyCase) {
      const { result } = report(file);
      const o = result.overall;
      const steps = result.nextSteps;
      expect(o.target, file).toBeLessThanOrEqual(o.practiceLevel + 1);
      const confirm = steps.filter((s) => s.kind === 'confirm').length;
      expect(confirm, file).toBe(o.uncertain >= 5 ? 1 : 0);
      const blockers = steps.filter((s) => s.kind === 'blocker').length;
      // The confirm step, then the blocking points, all in the first horizon; then the others.
      expect(
        steps.slice(0, confirm + blockers).every((s, i) => (i < confirm ? s.kind === 'confirm' : s.kind === 'blocker') && s.horizon === '0-3'),
        file,
      ).toBe(true);
      expect(steps.length, file).toBeLessThanOrEqual(Math.max(7, confirm + blockers));
      const others = steps.slice(confirm + blockers);
      const cap = capacity[typeof result.context.capacity === 'string' ? result.context.capacity : 'part-time'] ?? 2;
      expect(others.filter((s) => s.horizon === '0-3').length, file).toBeLessThanOrEqual(cap);
      const actions = [...steps, ...result.otherSteps].flatMap((s) => s.actions);
      expect(new Set(actions).size, file).toBe(actions.length);
    }
  });

  it('tells every case at its target how to consolidate or go further, each step tied to a weak answer', () => {
    let atTarget = 0;
    for (const file of everyCase) {
      const { result } = report(file);
      if (result.gaps.length > 0) continue;
      atTarget += 1;
      const steps = [...result.nextSteps, ...result.otherSteps].filter((s) => s.kind !== 'confirm' && s.kind !== 'blocker');
      expect(steps.length, file).toBeGreaterThan(0);
      for (const s of steps) {
        expect(['consolidate', 'next-level'], `${file}: ${s.id}`).toContain(s.kind);
        const weak = s.because.filter((id) => {
          const a = result.answers.find((x) => x.question === id);
          return a !== undefined && (a.status === 'unknown' || a.status === 'unanswered' || (a.score !== null && a.score < 60));
        });
        expect(weak.length, `${file}: ${s.id}`).toBeGreaterThan(0);
      }
    }
    expect(atTarget).toBeGreaterThan(0);
  });
});
