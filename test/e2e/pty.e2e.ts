import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AnswersFile } from '../../src/model/answers.js';
import type { Result } from '../../src/model/result.js';
import { ROOT, sm } from '../helpers/load.js';
import { readJson, readYaml } from '../helpers/read.js';
import { Terminal } from '../helpers/tmux.js';

/*
 * The interview in a real pseudo-terminal (tmux): keys are typed as a person would, Ctrl+C is a real
 * SIGINT from the terminal, and the program draws with its real stdin/stderr. `.ci/run` installs tmux.
 */
const t = new Terminal(`smd-e2e-${process.pid}`);
afterAll(() => t.stop());

describe('the interview in a real terminal', () => {
  it('keeps every answer across Ctrl+C and --resume, and reports them all', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smd-pty-'));
    t.start(dir, '-q sm-maturity@1.0.0 --lang en');
    await t.see('Name of the organisation');
    t.type('Pty Test Hall');
    t.keys('Enter');
    await t.see('Your role');
    t.keys('Down', 'Enter'); // communication
    await t.see('What kind of organisation');
    t.keys('Down', 'Down', 'Down', 'Enter'); // public body
    await t.see('How many people');
    t.keys('Down', 'Down', 'Enter'); // 50-249
    await t.see('Who do you mainly address');
    t.keys('Down', 'Down', 'Enter'); // public
    await t.see('What do you expect');
    t.keys('Space', 'Down', 'Down', 'Space', 'Enter'); // listen, serve
    await t.see('What means');
    t.keys('Down', 'Enter'); // part-time
    await t.see('[1/');
    t.clear();
    t.keys('Down', 'Down', 'Down', 'Enter'); // vision.objectives: 3
    await t.see('[2/');
    t.clear();
    t.keys('Down', 'Down', 'Enter'); // vision.platform-choice: some-thought
    await t.see('[3/');
    t.clear();
    t.keys('Down', 'Down', 'Down', 'Down', 'Down', 'Enter'); // vision.engagement-capacity: don't know
    await t.see('[4/');
    t.keys('C-c');
    expect(await t.exited(join(dir, 'exit-code'))).toBe(130);
    const after = t.screen();
    expect(after).toContain('interrupted; your answers are kept in sm-diagnostic-draft.yaml');
    // The command, broken with a backslash to fit the terminal, is the one that resumes.
    expect(after.replace(/ \\\n\s+/g, ' ')).toContain(
      `to resume, type:\n  node ${join(ROOT, 'bin', 'sm-diagnostic.js')} run --resume sm-diagnostic-draft.yaml -q sm-maturity@1.0.0`,
    );
    const draft = readYaml<AnswersFile>(join(dir, 'sm-diagnostic-draft.yaml'));
    expect(draft.answers).toEqual({
      'vision.objectives': 3,
      'vision.platform-choice': 'some-thought',
      'vision.engagement-capacity': 'unknown',
    });

    t.start(dir, 'run --resume -q sm-maturity@1.0.0');
    await t.see('Resuming sm-diagnostic-draft.yaml: 3 of');
    let answeredAfter = 0;
    let shown = await t.see('[4/');
    for (;;) {
      const headers = [...shown.matchAll(/\[\d+\/\d+\]/g)];
      const current = shown.slice(headers[headers.length - 1]?.index ?? 0);
      const isNumber = /\(a\s+number\s+from\s+\d+/.test(current);
      t.clear();
      if (answeredAfter === 0)
        t.keys('Down', 'Down', 'Down', 'Down', 'Enter'); // vision.written-strategy: reviewed
      else if (isNumber) {
        t.type('24');
        t.keys('Enter');
      } else t.keys('Enter');
      answeredAfter += 1;
      shown = await t.see(/\[\d+\/\d+\][\s\S]*\? |Review your answers/);
      if (shown.includes('Review your answers')) break;
    }
    t.clear();
    t.keys('Enter'); // finish
    expect(await t.exited(join(dir, 'exit-code'))).toBe(0);

    const today = readdirSync(dir).find((f) => f.endsWith('.answers.yaml'))!;
    const base = today.replace('.answers.yaml', '');
    expect(base).toMatch(/^pty-test-hall-\d{4}-\d{2}-\d{2}$/);
    const answers = readYaml<AnswersFile>(join(dir, `${base}.answers.yaml`)).answers;
    expect(answers['vision.objectives']).toBe(3);
    expect(answers['vision.platform-choice']).toBe('some-thought');
    expect(answers['vision.engagement-capacity']).toBe('unknown');
    expect(answers['vision.written-strategy']).toBe('reviewed');
    expect(Object.keys(answers).length).toBe(3 + answeredAfter);
    const report = readFileSync(join(dir, `${base}.md`), 'utf8');
    const result = readJson<Result>(join(dir, `${base}.json`));
    // Every answer given, before and after the interruption, is in the report's appendix (by its question's text).
    const q = sm().questionnaire;
    const textOf = (id: string) => q.questions.find((x) => x.id === id)!.text.en!;
    for (const id of Object.keys(answers)) {
      expect(report).toContain(`| ${q.questions.find((x) => x.id === id)!.level} · ${textOf(id)} |`);
      expect(result.answers.find((a) => a.question === id)!.status).toMatch(/answered|unknown/);
    }
    expect(report).toContain(`· ${textOf('vision.objectives')} | 3 — Largely |`);
    expect(report).toContain(`· ${textOf('vision.engagement-capacity')} | don't know |`);
    expect(existsSync(join(dir, 'sm-diagnostic-draft.yaml'))).toBe(false);
  });
});
