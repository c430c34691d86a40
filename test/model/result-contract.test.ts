import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { scoreGroup } from '../../scoring/index.js';
import type { Assessment } from '../../src/model/answers.js';
import { present, presentCompact } from '../../src/report/labels.js';
import { EXAMPLES, ROOT } from '../helpers/load.js';
import { example } from '../helpers/report.js';

/*
 * result@2 is ids and numbers: every text is in `labels`, in the report's language. These tests walk
 * the result of every example (and of a combined assessment, with views and disagreements) and check
 * the contract the product promises.
 */
const files = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.yaml'))
  .sort();
const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(join(ROOT, 'schemas', 'result.schema.json'), 'utf8')) as object);

/** Every string of a value outside its `labels`, with where it stands. */
function strings(value: unknown, path: string, out: [string, string][] = []): [string, string][] {
  if (typeof value === 'string') out.push([path, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => strings(v, `${path}[${i}]`, out));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (path === '' && k === 'labels') continue;
      strings(v, path === '' ? k : `${path}.${k}`, out);
    }
  }
  return out;
}

const ID = /^[a-z0-9]+(?:[-.][a-z0-9]+)*(?:#\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const VERSION = /^\d+\.\d+\.\d+$/;
const HASH = /^[0-9a-f]{64}$/;

/** What the answers file itself gave: names, roles, notes, reasons — text the respondent wrote. */
function givenTexts(file: string): Set<string> {
  const data = parse(readFileSync(join(EXAMPLES, file), 'utf8')) as {
    organisation: { name: string };
    respondent?: { role?: string; name?: string };
    answers: Record<string, unknown>;
  };
  const out = new Set<string>([data.organisation.name]);
  if (data.respondent?.role) out.add(data.respondent.role);
  if (data.respondent?.name) out.add(data.respondent.name);
  for (const entry of Object.values(data.answers)) {
    if (entry && typeof entry === 'object' && !Array.isArray(entry)) {
      const e = entry as { note?: string; na?: string };
      if (e.note) out.add(e.note);
      if (e.na) out.add(e.na);
    }
  }
  return out;
}

function kindOf(s: string, given: Set<string>): string | undefined {
  if (s === 'sm-diagnostic/result@2') return 'format';
  if (HASH.test(s)) return 'hash';
  if (DATE.test(s)) return 'date';
  if (VERSION.test(s)) return 'version';
  if (ID.test(s)) return 'id';
  if (given.has(s)) return 'given';
  return undefined;
}

describe('result@2', () => {
  for (const file of files) {
    it(`${file}: no text outside labels but ids, dates, versions, hashes and what the answers file gave`, () => {
      const { result } = example(file, { explain: true });
      const given = givenTexts(file);
      const stray = strings(result, '').filter(([, s]) => kindOf(s, given) === undefined);
      expect(stray).toEqual([]);
    });

    it(`${file}: the French and English results are the same but for lang and labels`, () => {
      const fr = example(file, { lang: 'fr', explain: true }).result;
      const en = example(file, { lang: 'en', explain: true }).result;
      const { lang: _a, labels: labelsFr, ...restFr } = fr;
      const { lang: _b, labels: labelsEn, ...restEn } = en;
      expect(JSON.stringify(restFr)).toBe(JSON.stringify(restEn));
      expect(Object.keys(labelsFr)).toEqual(Object.keys(labelsEn));
      expect(labelsFr).not.toEqual(labelsEn);
    });

    it(`${file}: validates against the committed schemas/result.schema.json, with and without explanations`, () => {
      for (const explain of [false, true]) {
        const { result } = example(file, { explain });
        expect({ ok: validate(result), errors: validate.errors ?? null }).toEqual({ ok: true, errors: null });
      }
    });

    it(`${file}: labels name every id the result uses, and nothing else`, () => {
      const { result } = example(file);
      const labels = result.labels;
      const need = [
        ...result.principles.map((p) => `principle:${p.id}`),
        ...result.levels.map((l) => `level:${l.level}`),
        'level:0',
        ...result.cells.map((c) => `cell:${c.principle}.${c.level}`),
        ...result.answers.map((a) => `question:${a.question}`),
        ...result.nextSteps.flatMap((s) => [
          `recommendation:${s.id}`,
          `role:${s.owner}`,
          ...s.actions.map((a) => `action:${a}`),
          ...s.sources.map((x) => `source:${x}`),
        ]),
        ...result.warnings.map((w) => `warning:${w.id}`),
      ];
      for (const key of need) expect(labels, key).toHaveProperty([key]);
      for (const key of Object.keys(labels))
        expect(key).toMatch(/^(principle|level|cell|question|option|unit|recommendation|action|role|source|warning|rule):/);
    });
  }

  it('holds a combined assessment with its respondents, views and disagreements, in the schema', () => {
    const a = example('mairie-saint-exemple.yaml');
    const b = example('atelier-bois-durable.yaml');
    const members: Assessment[] = [
      { ...a.loaded.assessment, respondent: { role: 'direction' } },
      { ...b.loaded.assessment, organisation: a.loaded.assessment.organisation, respondent: { role: 'staff' } },
    ];
    const result = present(scoreGroup(a.q, members, { sha256: a.loaded.questionnaire.sha256 }), a.q, 'fr');
    expect(result.respondents).toEqual([{ role: 'direction' }, { role: 'staff' }]);
    expect(result.views.map((v) => v.view)).toEqual(['management', 'staff']);
    expect(result.disagreements.length).toBeGreaterThan(0);
    expect({ ok: validate(result), errors: validate.errors ?? null }).toEqual({ ok: true, errors: null });
    expect(result.labels['role:direction']).toBe('Direction générale');
  });
});

describe('the compact JSON of a batch', () => {
  for (const file of files) {
    it(`${file}: is the presented result, labels and all, on one line`, () => {
      const { q, lang, scored } = example(file);
      const compact = presentCompact(scored, q, lang);
      expect(compact.json).not.toContain('\n');
      expect(JSON.parse(compact.json)).toEqual(present(scored, q, lang));
      expect(compact.json).toBe(JSON.stringify(present(scored, q, lang)));
    });
  }
});
