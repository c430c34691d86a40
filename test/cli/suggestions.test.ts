import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closest } from '../../src/model/check-answers.js';
import { cli } from '../helpers/cli.js';
import { ROOT } from '../helpers/load.js';

/*
 * A mistyped command or option, or an answers file given where a command goes: said as what was meant,
 * exit 2. `run` is the default command, so commander's own suggestion never fires for commands: the tool
 * handles it.
 */
describe('what was meant', () => {
  it.each([
    [['rnu'], 'sm-diagnostic: error: unknown command "rnu"; did you mean "run"?\n'],
    [['lsit'], 'sm-diagnostic: error: unknown command "lsit"; did you mean "list"?\n'],
    [['bacth', 'x'], 'sm-diagnostic: error: unknown command "bacth"; did you mean "batch"?\n'],
    [['frobnicate'], 'sm-diagnostic: error: unknown command "frobnicate"; see --help\n'],
    [['run', '--anwsers', 'x'], 'sm-diagnostic: error: unknown option --anwsers; did you mean --answers?\n'],
    [['mairie.yaml'], 'sm-diagnostic: error: "mairie.yaml" is not a command; to score an answers file:\n  sm-diagnostic run --answers mairie.yaml\n'],
    [['run', 'mairie.yaml'], 'sm-diagnostic: error: an answers file is given with --answers:\n  sm-diagnostic run --answers mairie.yaml\n'],
  ])('%j → exit 2, %j', async (args, stderr) => {
    const r = await cli(args);
    expect(r.stderr).toBe(stderr);
    expect(r.code).toBe(2);
  });

  it('in French too', async () => {
    const r = await cli(['rnu'], { env: { LANG: 'fr_FR.UTF-8' } });
    expect(r.stderr).toBe('sm-diagnostic: erreur : commande inconnue « rnu » ; vouliez-vous dire « run » ?\n');
    expect(r.code).toBe(2);
  });

  it('counts a swap of two letters as one edit, and suggests nothing past two', () => {
    expect(closest('rnu', ['run', 'list'])).toBe('run');
    expect(closest('compair', ['compare', 'lint'])).toBe('compare');
    expect(closest('xyzzy', ['run', 'list'])).toBeUndefined();
  });

  it('a reader that closes the pipe early ends the output quietly (no EPIPE stack)', () => {
    // A result of about 100 kB: more than a pipe holds, so the writer meets the closed pipe.
    const answers = join(ROOT, 'questionnaires', 'sm-maturity', 'panel', 'grand-groupe', 'answers.yaml');
    const r = spawnSync(
      'sh',
      ['-c', `"${process.execPath}" "${join(ROOT, 'bin', 'sm-diagnostic.js')}" run --answers "${answers}" --json --explain --quiet | head -1`],
      {
        encoding: 'utf8',
      },
    );
    expect(r.stdout).toBe('{\n');
    expect(r.stderr).toBe('');
  });
});
