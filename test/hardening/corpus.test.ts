import { spawnSync } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { cli, type Ran } from '../helpers/cli.js';
import { ROOT } from '../helpers/load.js';

/*
 * The bad-input corpus: every test/fixtures/bad/cases*.yaml. Each case runs in a folder of its own
 * ({dir}) holding its inputs (the repository files its arguments name, copied at the same relative
 * path, and whatever `setup` makes) and its outputs ({out} = {dir}/out). It asserts the exit code, the
 * exact messages, and that the folder is unchanged apart from the files the case says the tool writes:
 * a snapshot of every name, type, size and hash before and after.
 */

interface Setup {
  /** Files written with this content (UTF-8; `\u` escapes of YAML double quotes give any character). */
  files?: Record<string, string>;
  /** Files made of a head, a unit repeated `count` times ({i} is the repetition's number) and a tail. */
  generate?: Record<string, { head?: string; unit: string; count: number; tail?: string }>;
  /** Sparse files of this many bytes: they cost no disk. */
  sparse?: Record<string, number>;
  /** Symbolic links: name → target ({dir} is the case's folder). */
  symlinks?: Record<string, string>;
  /** Named pipes. */
  fifos?: string[];
  /** Folders. */
  dirs?: string[];
  /** Repository files copied in at the same relative path (a schema a fixture's first line names). */
  copy?: string[];
}

interface Check {
  file: string;
  includes?: string[];
  excludes?: string[];
}

interface Case {
  name: string;
  args: string[];
  exit: number;
  /** The exact standard error ({dir}/ removed from paths, {out} for the output folder). */
  stderr?: string;
  /** A pattern the standard error must match, when an exact text cannot be known (a process id). */
  stderrMatches?: string;
  /** The exact standard output; nothing when absent. */
  stdout?: string;
  setup?: Setup;
  /** What the tool adds to {dir}: paths relative to it, folders ending in '/'. */
  writes?: string[];
  /** What the tool replaces in {dir} (a planted symlink that becomes the tool's own file). */
  replaces?: string[];
  checks?: Check[];
  /** Run the built command line in a child process (inputs that could block a test worker). */
  spawn?: boolean;
  /** Extra environment. */
  env?: Record<string, string>;
}

const files = readdirSync(join(ROOT, 'test/fixtures/bad')).filter((f) => /^cases.*\.yaml$/.test(f));
const corpus = files.flatMap((f) => {
  const doc = parse(readFileSync(join(ROOT, 'test/fixtures/bad', f), 'utf8')) as { bad?: Case[]; accepted?: Case[] };
  return [...(doc.bad ?? []).map((c) => ({ ...c, kind: 'bad' as const })), ...(doc.accepted ?? []).map((c) => ({ ...c, kind: 'accepted' as const }))];
});

type Entry = string;

/** Every name under `dir` (symlinks not followed) with its type, size and content hash. */
function snapshot(dir: string, prefix = ''): Map<string, Entry> {
  const out = new Map<string, Entry>();
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const rel = prefix + name;
    const st = lstatSync(path);
    if (st.isSymbolicLink()) out.set(rel, `link → ${readlinkSync(path)}`);
    else if (st.isDirectory()) {
      out.set(`${rel}/`, 'dir');
      for (const [k, v] of snapshot(path, `${rel}/`)) out.set(k, v);
    } else if (st.isFile()) {
      // Large (sparse) files by size and time: hashing 100 MB of zeros would only slow the corpus down.
      const sum = st.size > 8 * 1024 * 1024 ? `mtime ${st.mtimeMs}` : createHash('sha256').update(readFileSync(path)).digest('hex');
      out.set(rel, `file ${st.size} ${sum}`);
    } else out.set(rel, 'special');
  }
  return out;
}

function prepare(c: Case, dir: string): string[] {
  const s = c.setup ?? {};
  const at = (rel: string) => {
    const path = join(dir, rel);
    mkdirSync(dirname(path), { recursive: true });
    return path;
  };
  for (const d of s.dirs ?? []) mkdirSync(join(dir, d), { recursive: true });
  for (const rel of s.copy ?? []) cpSync(join(ROOT, rel), at(rel), { recursive: true });
  for (const [rel, content] of Object.entries(s.files ?? {})) writeFileSync(at(rel), content.replaceAll('{pid}', String(process.pid)));
  for (const [rel, g] of Object.entries(s.generate ?? {})) {
    const parts = [g.head ?? ''];
    for (let i = 0; i < g.count; i++) parts.push(g.unit.replaceAll('{i}', String(i)));
    parts.push(g.tail ?? '');
    writeFileSync(at(rel), parts.join(''));
  }
  for (const [rel, size] of Object.entries(s.sparse ?? {})) {
    writeFileSync(at(rel), '');
    truncateSync(join(dir, rel), size);
  }
  for (const [rel, target] of Object.entries(s.symlinks ?? {})) symlinkSync(target.replaceAll('{dir}', dir), at(rel));
  for (const rel of s.fifos ?? []) execFileSync('mkfifo', [at(rel)]);
  // Repository files the arguments name are copied in, at the same relative path.
  return c.args.map((a) => {
    const arg = a.replaceAll('{out}', join(dir, 'out')).replaceAll('{dir}', dir);
    if (/^(?:test|questionnaires)\//.test(arg)) {
      try {
        statSync(join(ROOT, arg));
      } catch {
        return join(dir, arg);
      }
      cpSync(join(ROOT, arg), join(dir, arg), { recursive: true });
      return join(dir, arg);
    }
    return arg;
  });
}

function normalise(text: string, dir: string): string {
  return text.replaceAll(join(dir, 'out'), '{out}').replaceAll(`${dir}/`, '').replaceAll(dir, '{dir}');
}

async function run(c: Case, args: string[], dir: string): Promise<Ran> {
  const env = { LANG: 'en_US.UTF-8', ...c.env };
  if (!c.spawn) return cli(args, { env });
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'sm-diagnostic.js'), ...args], {
    cwd: dir,
    env: { PATH: process.env.PATH, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function changes(before: Map<string, Entry>, after: Map<string, Entry>): { added: string[]; changed: string[]; removed: string[] } {
  return {
    added: [...after.keys()].filter((k) => !before.has(k)).sort(),
    changed: [...after.keys()].filter((k) => before.has(k) && before.get(k) !== after.get(k)).sort(),
    removed: [...before.keys()].filter((k) => !after.has(k)).sort(),
  };
}

const bad = corpus.filter((c) => c.kind === 'bad');
const accepted = corpus.filter((c) => c.kind === 'accepted');

describe(`bad input corpus (${bad.length} cases, ${accepted.length} accepted)`, () => {
  it('has at least 100 distinct cases', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(100);
    expect(new Set(corpus.map((c) => c.name)).size).toBe(corpus.length);
  });

  for (const c of corpus) {
    it(c.name, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'smd-case-'));
      const args = prepare(c, dir);
      const before = snapshot(dir);
      const r = await run(c, args, dir);
      const stderr = normalise(r.stderr, dir);
      // CORPUS_SHOW=1 prints what a case did, to write its expectations.
      if (process.env.CORPUS_SHOW)
        console.log(JSON.stringify({ name: c.name, exit: r.code, stderr, stdout: normalise(r.stdout, dir), ...changes(before, snapshot(dir)) }));
      if (c.stderrMatches !== undefined) expect(stderr).toMatch(new RegExp(c.stderrMatches));
      expect({ exit: r.code, ...(c.stderr !== undefined ? { stderr } : {}), stdout: normalise(r.stdout, dir) }).toEqual({
        exit: c.exit,
        ...(c.stderr !== undefined ? { stderr: c.stderr } : {}),
        stdout: c.stdout ?? '',
      });
      expect(r.stderr).not.toMatch(/\n\s+at /);
      // Nothing of the folder changes but what the tool writes.
      expect(changes(before, snapshot(dir))).toEqual({ added: [...(c.writes ?? [])].sort(), changed: [...(c.replaces ?? [])].sort(), removed: [] });
      for (const check of c.checks ?? []) {
        const text = readFileSync(join(dir, check.file), 'utf8');
        for (const s of check.includes ?? []) expect(text, `${check.file} holds ${JSON.stringify(s)}`).toContain(s);
        for (const s of check.excludes ?? []) expect(text, `${check.file} lacks ${JSON.stringify(s)}`).not.toContain(s);
      }
    });
  }
});
