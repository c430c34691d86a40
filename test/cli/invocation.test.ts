import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { invocation, invocationIn, shellWord } from '../../src/cli/invocation.js';
import { commandLines, hanging, wordLines } from '../../src/report/wrap.js';

/** Every printed command starts the way the person started the tool. */
describe('how the tool was started', () => {
  const root = mkdtempSync(join(tmpdir(), 'smd-inv-'));
  const bin = join(root, 'clone', 'bin', 'sm-diagnostic.js');
  mkdirSync(join(root, 'clone', 'bin'), { recursive: true });
  writeFileSync(bin, '');
  chmodSync(bin, 0o755);

  it('node bin/…: the path as it can be typed from the current folder', () => {
    expect(invocation(bin, { PATH: '/usr/bin' }, join(root, 'clone'))).toBe('node bin/sm-diagnostic.js');
    expect(invocation(bin, { PATH: '/usr/bin' }, root)).toBe('node clone/bin/sm-diagnostic.js');
    expect(invocation(bin, { PATH: '/usr/bin' }, join(root, 'elsewhere'))).toBe(`node ${bin}`);
  });

  it('a global install: the name on the PATH, when it is this program', () => {
    const global = join(root, 'global-bin');
    mkdirSync(global);
    symlinkSync(bin, join(global, 'sm-diagnostic'));
    expect(invocation(bin, { PATH: `/usr/bin:${global}` }, '/')).toBe('sm-diagnostic');
  });

  it('npx: with the package and --yes as given; a shell npx started does not count', () => {
    const cached = join(root, '.npm', '_npx', 'abc', 'node_modules', 'sm-diagnostic', 'bin', 'sm-diagnostic.js');
    mkdirSync(join(cached, '..'), { recursive: true });
    writeFileSync(cached, '');
    const npx = { npm_command: 'exec', PATH: '/usr/bin' };
    expect(invocation(cached, { ...npx, npm_config_package: './sm-diagnostic-0.1.0.tgz' }, root)).toBe('npx --package ./sm-diagnostic-0.1.0.tgz sm-diagnostic');
    expect(invocation(cached, { ...npx, npm_config_package: '/tmp/a b/x.tgz', npm_config_yes: 'true' }, root)).toBe(
      "npx --yes --package '/tmp/a b/x.tgz' sm-diagnostic",
    );
    expect(invocation(cached, npx, root)).toBe('npx sm-diagnostic');
    expect(invocation(bin, npx, join(root, 'clone'))).toBe('node bin/sm-diagnostic.js');
    // `npx sm-diagnostic` in a clone: npx links the clone's folder and runs its bin.
    expect(invocation(bin, { ...npx, npm_lifecycle_script: "'sm-diagnostic'" }, join(root, 'clone'))).toBe('npx sm-diagnostic');
  });

  it('quotes a word only when the shell would read it otherwise', () => {
    expect(shellWord('out/mairie-2026.answers.yaml')).toBe('out/mairie-2026.answers.yaml');
    expect(shellWord("l'équipe.yaml")).toBe(`'l'\\''équipe.yaml'`);
  });
});

describe('the same command typed from the folder init made', () => {
  it('moves the relative paths it holds, keeps the absolute ones and the names on the PATH', () => {
    expect(invocationIn('npx --yes --package ./sm-diagnostic-0.1.0.tgz sm-diagnostic', '/home/a', '/home/a/forms')).toBe(
      'npx --yes --package ../sm-diagnostic-0.1.0.tgz sm-diagnostic',
    );
    expect(invocationIn('npx --package ./sm-diagnostic-0.1.0.tgz sm-diagnostic', '/home/a', '/home/a')).toBe(
      'npx --package ./sm-diagnostic-0.1.0.tgz sm-diagnostic',
    );
    expect(invocationIn('node bin/sm-diagnostic.js', '/home/a/tool', '/home/a/tool/forms')).toBe('node ../bin/sm-diagnostic.js');
    expect(invocationIn('node bin/sm-diagnostic.js', '/home/a/tool', '/tmp/x/forms')).toBe('node /home/a/tool/bin/sm-diagnostic.js');
    expect(invocationIn('node /opt/smd/bin/sm-diagnostic.js', '/home/a', '/home/a/forms')).toBe('node /opt/smd/bin/sm-diagnostic.js');
    expect(invocationIn('npx --yes sm-diagnostic', '/home/a', '/home/a/forms')).toBe('npx --yes sm-diagnostic');
    expect(invocationIn('sm-diagnostic', '/home/a', '/home/a/forms')).toBe('sm-diagnostic');
  });
});

describe('a printed command within 80 columns', () => {
  const long = "npx --yes --package ./sm-diagnostic-0.1.0.tgz sm-diagnostic run --resume 'out dir/sm-diagnostic-draft.yaml' -o 'out dir'";

  it('breaks between words, never inside quotes, with a backslash that keeps it one command', () => {
    const text = commandLines(long, 80, '  ');
    expect(text).toBe("npx --yes --package ./sm-diagnostic-0.1.0.tgz sm-diagnostic run --resume \\\n    'out dir/sm-diagnostic-draft.yaml' -o 'out dir'");
    expect(`  ${text}`.split('\n').every((l) => [...l].length <= 80)).toBe(true);
    expect(text.replace(/ \\\n\s+/g, ' ')).toBe(long);
  });

  it('stays on one line when it fits, and on Windows, whose shells read no backslash', () => {
    expect(commandLines('sm-diagnostic run --answers x.yaml --print', 80, '  ')).toBe('sm-diagnostic run --answers x.yaml --print');
    expect(commandLines(long, 80, '  ', 'win32')).toBe(long);
  });

  it('a message: words wrapped with a hanging indent, its command line broken as a command', () => {
    expect(hanging(`an answers file is given with --answers:\n  ${long}`, 80)).toBe(
      `an answers file is given with --answers:\n  npx --yes --package ./sm-diagnostic-0.1.0.tgz sm-diagnostic run --resume \\\n    'out dir/sm-diagnostic-draft.yaml' -o 'out dir'`,
    );
  });
});

describe('French spacing at a line end', () => {
  it('keeps ? ! : ; » with the word before and « with the word after', () => {
    expect(wordLines('vouliez-vous dire « run » ?', 22)).toEqual(['vouliez-vous dire', '« run » ?']);
    expect(wordLines('a b ? c', 3)).toEqual(['a', 'b ?', 'c']);
  });
});
