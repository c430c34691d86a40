import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const dir = 'test/fixtures/answers';

/** Each bad answers file: its one-line message, with file, line and column, and exit 2. */
const cases: [string, string][] = [
  ['unknown-id', `${dir}/unknown-id.yaml:6:3: unknown question id "vision.objectivs"; did you mean "vision.objectives"? (see sm-maturity@1.0.0)`],
  ['out-of-range', `${dir}/out-of-range.yaml:5:22: 7 is out of range for "vision.objectives": expected one of 0, 1, 2, 3, 4, or unknown`],
  ['broken', `${dir}/broken.yaml:3:1: invalid YAML: bad indentation`],
  ['duplicate-key', `${dir}/duplicate-key.yaml:6:3: duplicate key "vision.objectives": each key may appear only once`],
  ['alias', `${dir}/alias.yaml:2:20: YAML aliases and anchors (& and *) are not allowed; write the value out in full`],
  ['wrong-version', `${dir}/wrong-version.yaml:1:16: questionnaire sm-maturity has no version 9.9.9 here (available: 1.0.0, 2.0.0, 2.0.1, 2.1.0)`],
  [
    'bad-entry',
    `${dir}/bad-entry.yaml:2:34: unknown key "colour" (expected: name, id)\n${dir}/bad-entry.yaml:5:34: unknown key "notes" (expected: value, note)`,
  ],
  ['wrong-type', `${dir}/wrong-type.yaml:5:22: wrong kind of answer for "vision.objectives": expected a whole number among 0, 1, 2, 3, 4`],
  [
    'bad-option',
    `${dir}/bad-option.yaml:5:27: "everywhere" is not an option of "vision.platform-choice": expected one of not-chosen, trend, some-thought, audiences`,
  ],
  ['bad-date', `${dir}/bad-date.yaml:3:7: 2026-02-30 is not a real date (YYYY-MM-DD)`],
  ['missing-organisation', `${dir}/missing-organisation.yaml:1:1: missing "organisation"`],
  ['not-a-mapping', `${dir}/not-a-mapping.yaml:1:1: expected a mapping of keys and values at the top of the file`],
  [
    'other-questionnaire',
    `${dir}/other-questionnaire.yaml:1:16: no questionnaire "dsomm@1.0.0" (available: sm-maturity@1.0.0, sm-maturity@2.0.0, sm-maturity@2.0.1, sm-maturity@2.1.0)`,
  ],
  ['bad-context', `${dir}/bad-context.yaml:4:23: "huge" is not an option of context "headcount": expected one of 1-9, 10-49, 50-249, 250-999, 1000-plus`],
  ['empty', `${dir}/empty.yaml: the file is empty`],
  ['binary', `${dir}/binary.yaml: this looks like a binary file, not text; expected YAML or JSON`],
  ['broken-json', `${dir}/broken-json.json:6:1: invalid JSON: a closing quote, bracket or brace is missing`],
];

describe('a bad answers file', () => {
  for (const [name, message] of cases) {
    const file = `${dir}/${name}.${name === 'broken-json' ? 'json' : 'yaml'}`;
    it(`${name}: exits 2 with a located message and writes nothing`, async () => {
      const out = join(mkdtempSync(join(tmpdir(), 'smd-bad-')), 'reports');
      const r = await cli(['run', '--answers', file, '-o', out]);
      expect(r).toEqual({ code: 2, stdout: '', stderr: `${message}\n` });
      expect(existsSync(out)).toBe(false);
    });
  }

  it('is described in French when the user speaks French', async () => {
    const r = await cli(['run', '--answers', `${dir}/unknown-id.yaml`, '--quiet'], { env: { LANG: 'fr_FR.UTF-8' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `${dir}/unknown-id.yaml:6:3: identifiant de question inconnu « vision.objectivs » ; vouliez-vous dire « vision.objectives » ? (voir sm-maturity@1.0.0)\n`,
    );
  });

  it('names a missing file', async () => {
    const r = await cli(['run', '--answers', 'nowhere.yaml']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'nowhere.yaml: file not found\n' });
  });

  it('refuses a folder given as a file', async () => {
    const r = await cli(['run', '--answers', dir]);
    expect(r).toEqual({ code: 2, stdout: '', stderr: `${dir}: this is a folder; expected a file\n` });
  });

  it('accepts a file saved on Windows (byte-order mark, CRLF line ends)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'smd-crlf-'));
    const r = await cli(['run', '--answers', `${dir}/crlf-bom.yaml`, '-o', out, '--quiet']);
    expect(r.code).toBe(0);
    expect(existsSync(join(out, 'windows-crlf-2026-11-23.json'))).toBe(true);
  });
});
