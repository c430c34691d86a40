import { describe, expect, it, vi } from 'vitest';
import { cli } from '../helpers/cli.js';

// An injected bug: scoring throws what a programming error throws.
vi.mock('../../scoring/score.js', async (original) => ({
  ...(await original<typeof import('../../scoring/score.js')>()),
  score: () => {
    throw new TypeError("Cannot read properties of undefined (reading 'level')");
  },
}));

describe('an internal error (a bug)', () => {
  it('exits 70 with one line asking for a report with --debug, and no stack trace', async () => {
    const r = await cli(['run', '--answers', 'questionnaires/sm-maturity/examples/mairie-saint-exemple.yaml', '--json']);
    expect(r).toEqual({
      code: 70,
      stdout: '',
      stderr:
        "sm-diagnostic: error: internal error: Cannot read properties of undefined (reading 'level') (run again with --debug for details, and please report it)\n",
    });
  });

  it('shows the stack trace with --debug', async () => {
    const r = await cli(['run', '--answers', 'questionnaires/sm-maturity/examples/mairie-saint-exemple.yaml', '--json', '--debug']);
    expect(r.code).toBe(70);
    expect(r.stderr).toMatch(/^sm-diagnostic: error: internal error: .*\nTypeError: Cannot read properties of undefined \(reading 'level'\)\n\s+at /);
  });
});
