import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { AnswersFile } from '../../src/model/answers.js';
import { EXAMPLES, ROOT, TINY } from '../helpers/load.js';
import { Terminal } from '../helpers/tmux.js';

/*
 * A full disk, for real: a 1 MB tmpfs mounted in a mount namespace of its own (`unshare -m`), nearly
 * filled by a filler file. The test fills or frees it from outside with `nsenter` while the interview
 * waits for a key. The interview loses no answer (saved again once there is room, or printed as YAML on
 * the way out); a batch stops with exit 3, the file and the reason, and leaves nothing temporary.
 */
const bin = join(ROOT, 'bin', 'sm-diagnostic.js');
const t = new Terminal(`smd-disk-${process.pid}`);
afterAll(() => t.stop());

const ENV = { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'en_US.UTF-8', NO_COLOR: '1', HOME: tmpdir() };

/** The interview's process: the pane's shell runs `unshare … sh`, whose child is node. */
function toolPid(): number {
  const shell = t.tmux('list-panes', '-t', t.session, '-F', '#{pane_pid}').trim();
  let pid = shell;
  for (let depth = 0; depth < 2; depth++) pid = spawnSync('pgrep', ['-P', pid], { encoding: 'utf8' }).stdout.trim().split('\n')[0]!;
  return Number(pid);
}

/** A command run in the tool's mount namespace (where the tmpfs is). */
function inside(pid: number, command: string): string {
  return execFileSync('nsenter', ['-t', String(pid), '-m', 'sh', '-c', command], { encoding: 'utf8' });
}

/**
 * Starts the interview on the tiny questionnaire in `work/disk`, a 1 MB tmpfs with `free` bytes left
 * (about); once it ends, its exit code, its draft and the listing of the tmpfs are copied to `work`.
 */
async function startInterview(work: string): Promise<void> {
  const disk = join(work, 'disk');
  mkdirSync(disk);
  await t.shell(work, ENV, 80, 24);
  t.run(
    `unshare -m sh -c 'mount -t tmpfs -o size=1m tmpfs ${disk} && head -c 700000 /dev/zero > ${disk}/filler && cd ${disk} && ` +
      `${process.execPath} ${bin} -q ${TINY} --lang en -o out; echo $? > ${work}/code; cp out/sm-diagnostic-draft.yaml ${work}/draft 2>/dev/null; ls -A out > ${work}/listing'`,
  );
  await t.tinyOpening('Disk Org');
  await t.see('[1/8]');
}

/** Waits until the tool has exited and written its exit code beside the disk. */
async function codeIn(work: string): Promise<number> {
  const begin = Date.now();
  for (;;) {
    try {
      const text = readFileSync(join(work, 'code'), 'utf8').trim();
      if (text !== '') return Number(text);
    } catch {
      // not yet
    }
    if (Date.now() - begin > 20_000) throw new Error(`the tool did not exit:\n${t.screen()}`);
    await new Promise((r) => setTimeout(r, 40));
  }
}

const fill = (pid: number, disk: string) => inside(pid, `cat /dev/zero > ${disk}/full 2>/dev/null; true`);
const draftOf = (pid: number, disk: string) => parse(inside(pid, `cat ${disk}/out/sm-diagnostic-draft.yaml`)) as AnswersFile;
const FAILED = 'Draft not saved — cannot write out/sm-diagnostic-draft.yaml: no space left on the disk (ENOSPC).';

describe('a full disk during an interview', () => {
  it('loses no answer: the failed autosave is shown, and the next answer once there is room saves them all', async () => {
    const work = mkdtempSync(join(tmpdir(), 'smd-disk-iv-'));
    const disk = join(work, 'disk');
    await startInterview(work);
    const pid = toolPid();
    t.keys('Down', 'Down', 'Down', 'Enter'); // alpha.q1: 3
    await t.see('[2/8]');
    expect(draftOf(pid, disk).answers).toEqual({ 'alpha.q1': 3 });

    fill(pid, disk);
    t.keys('Down', 'Enter'); // alpha.q2: some
    await t.see('[3/8]');
    expect(t.lines().join(' ').replace(/\s+/g, ' ')).toContain(`${FAILED} Your answers are kept in memory, and saved again at the next answer.`);
    t.type('42');
    t.keys('Enter'); // alpha.q3: 42
    await t.see('[4/8]');
    t.keys('Enter'); // alpha.q4: yes
    await t.see('[5/8]');
    expect(draftOf(pid, disk).answers).toEqual({ 'alpha.q1': 3 });
    // Every line drawn fits the 80 columns (wrapped lines are joined by the capture).
    expect(t.lines().filter((l) => [...l].length > 80)).toEqual([]);

    inside(pid, `rm ${disk}/full`);
    t.keys('Space', 'Enter'); // beta.q1: x
    await t.see('Draft saved again in out/sm-diagnostic-draft.yaml: no answer lost.');
    await t.see('[6/8]');
    expect(draftOf(pid, disk).answers).toEqual({ 'alpha.q1': 3, 'alpha.q2': 'some', 'alpha.q3': 42, 'alpha.q4': true, 'beta.q1': ['x'] });

    t.keys('C-c');
    expect(await codeIn(work)).toBe(130);
    expect(t.lines().join('\n')).toContain('interrupted; your answers are kept in out/sm-diagnostic-draft.yaml');
  });

  it('the disk stays full, then Ctrl+C: exit 130, and every answer given is on stderr as YAML', async () => {
    const work = mkdtempSync(join(tmpdir(), 'smd-disk-full-'));
    const disk = join(work, 'disk');
    await startInterview(work);
    const pid = toolPid();
    t.keys('Enter'); // alpha.q1: 0
    await t.see('[2/8]');
    fill(pid, disk);
    t.keys('Down', 'Down', 'Enter'); // alpha.q2: yes
    await t.see('[3/8]');
    t.type('7');
    t.keys('Enter'); // alpha.q3: 7
    await t.see('[4/8]');
    t.keys('C-c');
    expect(await codeIn(work)).toBe(130);
    const lines = t.lines();
    const start = lines.findIndex((l) => l.startsWith('Your last answers could not be saved'));
    expect(start).toBeGreaterThanOrEqual(0);
    expect(lines.slice(start, start + 4).join(' ')).toMatch(
      /^Your last answers could not be saved \(cannot write out\/sm-diagnostic-draft\.yaml: no space left on the disk \(ENOSPC\)\)\. Here are all your answers, as YAML: copy them into a file to keep them, and resume with run --resume FILE\./,
    );
    const yamlStart = lines.findIndex((l, i) => i > start && l.startsWith('questionnaire:'));
    const yamlEnd = lines.findIndex((l, i) => i > yamlStart && l === 'interrupted');
    const printed = parse(lines.slice(yamlStart, yamlEnd).join('\n')) as AnswersFile;
    expect(printed.organisation).toEqual({ name: 'Disk Org' });
    expect(printed.context).toEqual({ objectives: ['a', 'b'], size: 'large' });
    expect(printed.answers).toEqual({ 'alpha.q1': 0, 'alpha.q2': 'yes', 'alpha.q3': 7 });
    // The draft on the disk holds what could be saved, and is kept.
    expect((parse(readFileSync(join(work, 'draft'), 'utf8')) as AnswersFile).answers).toEqual({ 'alpha.q1': 0 });
  });

  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    it(`the disk stays full, then ${signal}: exit ${code}, the cursor shown, and every answer given is on stderr as YAML`, async () => {
      const work = mkdtempSync(join(tmpdir(), 'smd-disk-sig-'));
      const disk = join(work, 'disk');
      await startInterview(work);
      const pid = toolPid();
      t.keys('Down', 'Enter'); // alpha.q1: 1
      await t.see('[2/8]');
      fill(pid, disk);
      t.keys('Enter'); // alpha.q2: no
      await t.see('[3/8]');
      process.kill(pid, signal);
      expect(await codeIn(work)).toBe(code);
      expect(t.tmux('display-message', '-p', '-t', t.session, '#{cursor_flag}').trim()).toBe('1');
      const lines = t.lines();
      const yamlStart = lines.findIndex((l) => l.startsWith('questionnaire:'));
      const yamlEnd = lines.findIndex((l, i) => i > yamlStart && l === '');
      expect(lines[yamlStart - 2]).toMatch(/run --resume FILE\.$/);
      expect((parse(lines.slice(yamlStart, yamlEnd).join('\n')) as AnswersFile).answers).toEqual({ 'alpha.q1': 1, 'alpha.q2': 'no' });
      expect(lines).toContain(`stopped by ${signal}`);
    });
  }

  it('the answers file cannot be written at the end: exit 3 with the file and the reason, the draft kept, the answers on stderr', async () => {
    const work = mkdtempSync(join(tmpdir(), 'smd-disk-end-'));
    const disk = join(work, 'disk');
    await startInterview(work);
    const pid = toolPid();
    for (let n = 1; n <= 8; n++) {
      await t.see(`[${n}/8]`);
      if (n === 3) t.type('5');
      t.keys('Enter');
    }
    await t.see('Review your answers');
    fill(pid, disk);
    t.keys('Enter'); // finish
    expect(await codeIn(work)).toBe(3);
    const lines = t.lines();
    const date = (parse(readFileSync(join(work, 'draft'), 'utf8')) as AnswersFile).date;
    // The error, last, wrapped to the terminal's width with a hanging indent.
    expect(
      lines
        .join('\n')
        .trimEnd()
        .replace(/\n {2}/g, ' '),
    ).toMatch(new RegExp(`\nsm-diagnostic: error: cannot write out/disk-org-${date}\\.answers\\.yaml: no space left on the disk \\(ENOSPC\\)$`));
    const start = lines.findIndex((l) => l.startsWith('Your answers are kept in out/sm-diagnostic-draft.yaml'));
    expect(start).toBeGreaterThanOrEqual(0);
    const yamlStart = lines.findIndex((l, i) => i > start && l.startsWith('questionnaire:'));
    const yamlEnd = lines.findIndex((l, i) => i > yamlStart && l.startsWith('sm-diagnostic: error:'));
    const printed = parse(lines.slice(yamlStart, yamlEnd).join('\n')) as AnswersFile;
    const kept = parse(readFileSync(join(work, 'draft'), 'utf8')) as AnswersFile;
    expect(Object.keys(printed.answers)).toHaveLength(8);
    expect(kept).toEqual(printed);
    // Nothing else on the disk: no answers file, no temporary file.
    expect(readFileSync(join(work, 'listing'), 'utf8')).toBe('sm-diagnostic-draft.yaml\n');
  });
});

/** `count` answers files of the example, each its own organisation. */
function batchInputs(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'smd-disk-in-'));
  const lines = readFileSync(join(EXAMPLES, 'mairie-saint-exemple.yaml'), 'utf8').split('\n');
  for (let i = 1; i <= count; i++) {
    lines[4] = `organisation: { name: Org ${i} }`;
    writeFileSync(join(dir, `org-${i}.yaml`), lines.join('\n'));
  }
  return dir;
}

describe('a full disk during a batch', () => {
  const input = batchInputs(40);
  for (const jobs of [1, 2]) {
    it(`--jobs ${jobs}: exit 3 with the file and the reason, and no temporary or spool file left`, () => {
      const work = mkdtempSync(join(tmpdir(), 'smd-disk-batch-'));
      const disk = join(work, 'disk');
      mkdirSync(disk);
      const run = spawnSync(
        'unshare',
        [
          '-m',
          'sh',
          '-c',
          `mount -t tmpfs -o size=1m tmpfs ${disk} && ${process.execPath} ${bin} batch ${input} -o ${disk}/out --jobs ${jobs} 2> ${work}/stderr; ` +
            `echo $? > ${work}/code; find ${disk} -mindepth 1 > ${work}/listing`,
        ],
        { encoding: 'utf8', env: ENV },
      );
      expect(run.status).toBe(0);
      expect(Number(readFileSync(join(work, 'code'), 'utf8'))).toBe(3);
      const stderr = readFileSync(join(work, 'stderr'), 'utf8');
      expect(stderr).toMatch(new RegExp(`^sm-diagnostic: error: cannot write ${disk}/out/[^:]+: no space left on the disk \\(ENOSPC\\)$`, 'm'));
      const listing = readFileSync(join(work, 'listing'), 'utf8').trim().split('\n');
      expect(listing.length).toBeGreaterThan(10);
      expect(listing.filter((f) => /\.tmp$|spool|\.sm-diagnostic-run\.|\.sm-diagnostic-batch\.lock$/.test(f))).toEqual([]);
      console.log(`--jobs ${jobs}: ${stderr.trim().split('\n').pop()}; ${listing.length} files left on the tmpfs`);
    });
  }
});
