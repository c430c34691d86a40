import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { ROOT } from '../helpers/load.js';

/*
 * One test per exit code of the product's table. 70 (a bug) is in internal.test.ts, where a bug is
 * injected; 75 (a live batch's folder) in test/io/write.test.ts; the signals (130, 143, 129) in
 * test/e2e/signals.e2e.ts, on a real terminal. The IO row (3) needs a file system that refuses: a
 * read-only mount and a full 1 MB tmpfs, each made with `unshare -m` (root ignores file modes).
 */
const EXAMPLE = 'questionnaires/sm-maturity/examples/mairie-saint-exemple.yaml';
const BIN = join(ROOT, 'bin', 'sm-diagnostic.js');

describe('exit codes', () => {
  it('0: success', async () => {
    expect((await cli(['run', '--answers', EXAMPLE, '--json'])).code).toBe(0);
  });

  it('1: findings (lint errors)', async () => {
    const r = await cli(['lint', 'test/fixtures/lint/known-refs/1.0.0.yaml']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/1 error, 0 warnings\n$/);
  });

  it('2: usage (an unknown option) and input (a missing file) errors', async () => {
    expect(await cli(['run', '--bogus'])).toEqual({ code: 2, stdout: '', stderr: 'sm-diagnostic: error: unknown option --bogus; see --help\n' });
    expect(await cli(['run', '--answers', 'nowhere.yaml'])).toEqual({ code: 2, stdout: '', stderr: 'nowhere.yaml: file not found\n' });
  });
});

/** Runs a shell script in a mount namespace of its own; undefined when the machine cannot make one. */
function inNamespace(script: string): { code: number; stdout: string; stderr: string } | undefined {
  const probe = spawnSync('unshare', ['-m', 'true']);
  if (probe.status !== 0) return undefined;
  const r = spawnSync('unshare', ['-m', 'sh', '-c', script], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, LANG: 'en_US.UTF-8', NODE: process.execPath, BIN },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const canUnshare = spawnSync('unshare', ['-m', 'true']).status === 0;

describe('3: the system refused to write', () => {
  // CI runs as root on a machine that can make namespaces: there, these tests must run.
  it('can make a mount namespace where CI runs', () => {
    if (process.env.CI) expect(canUnshare).toBe(true);
  });

  it.runIf(canUnshare)('a read-only folder: exit 3 naming the file and the reason, nothing left behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'smd-ro-'));
    const r = inNamespace(
      `mount -t tmpfs -o size=1m tmpfs ${dir} && mount -o remount,ro ${dir} && "$NODE" "$BIN" run --answers ${join(ROOT, EXAMPLE)} -o ${dir} --quiet; echo "exit=$?"; ls -A ${dir}`,
    )!;
    expect(r.stderr).toBe(`sm-diagnostic: error: cannot write ${dir}/mairie-st-exemple-2026-11-23.md: the file system is read-only (EROFS)\n`);
    expect(r.stdout).toBe('exit=3\n');
  });

  it.runIf(canUnshare)('a full disk during a run: exit 3 naming the file and the reason, no temporary file left', () => {
    const dir = mkdtempSync(join(tmpdir(), 'smd-full-'));
    // 1 MB, filled but for 8 kB: the Markdown report (about 25 kB) does not fit.
    const r = inNamespace(
      `mount -t tmpfs -o size=1m tmpfs ${dir} && dd if=/dev/zero of=${dir}/filler bs=1k count=1016 2>/dev/null; "$NODE" "$BIN" run --answers ${join(ROOT, EXAMPLE)} -o ${dir} --quiet; echo "exit=$?"; ls -A ${dir}`,
    )!;
    expect(r.stderr).toBe(`sm-diagnostic: error: cannot write ${dir}/mairie-st-exemple-2026-11-23.md: no space left on the disk (ENOSPC)\n`);
    expect(r.stdout).toBe('exit=3\nfiller\n');
  });

  it.runIf(canUnshare)('a full disk during a batch: exit 3 naming the file and the reason, no temporary file or run folder left', () => {
    const inputs = mkdtempSync(join(tmpdir(), 'smd-full-in-'));
    const text = readFileSync(join(ROOT, EXAMPLE), 'utf8');
    for (let i = 0; i < 40; i++) writeFileSync(join(inputs, `org-${i}.yaml`), text.replace('id: mairie-st-exemple', `id: mairie-${i}`));
    const dir = mkdtempSync(join(tmpdir(), 'smd-full-out-'));
    mkdirSync(join(dir, 'out'));
    const r = inNamespace(
      `mount -t tmpfs -o size=1m tmpfs ${dir} && "$NODE" "$BIN" batch ${inputs} -o ${dir}/out --jobs 1 --quiet; echo "exit=$?"; find ${dir} -name '*.tmp' -o -name '.sm-diagnostic-run.*' -o -name '.sm-diagnostic-batch.lock'`,
    )!;
    expect(r.stderr).toMatch(new RegExp(`^sm-diagnostic: error: cannot write ${dir}/out/\\S+: no space left on the disk \\(ENOSPC\\)\\n$`));
    expect(r.stdout).toBe('exit=3\n');
  });
});
