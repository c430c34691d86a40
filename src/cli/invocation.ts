import { accessSync, constants, realpathSync } from 'node:fs';
import { delimiter, isAbsolute, join, relative, resolve, sep } from 'node:path';

/**
 * How the person started the tool, as a command they can type again: `sm-diagnostic` when that name
 * on their PATH is this program, `npx --package ./sm-diagnostic-0.1.0.tgz sm-diagnostic` under npx,
 * `node bin/sm-diagnostic.js` otherwise. Every hint that names a command starts with it, so that it
 * runs as printed.
 */
export function invocation(script: string | undefined, env: NodeJS.ProcessEnv, cwd: string): string {
  // npx (npm exec) names the package it installed; its own PATH holds the bin, which the person's does not.
  // A program started from a shell that npx started (npx vitest…) inherits npm_command: what npx ran, or
  // the bin's place (npx's cache, which links a clone's folder), tells.
  const self = script === undefined ? undefined : real(script);
  const ranByNpx =
    /^'?sm-diagnostic'?(?:\s|$)/.test(env.npm_lifecycle_script ?? '') ||
    [script, self].some((p) => p !== undefined && /[\\/](?:_npx|node_modules)[\\/]/.test(p));
  if (env.npm_command === 'exec' && ranByNpx) {
    const pkg = env.npm_config_package;
    // --yes as given: without it, npx asks again (or, off a terminal, refuses) before running a package it does not hold.
    const yes = env.npm_config_yes === 'true' ? ' --yes' : '';
    return pkg ? `npx${yes} --package ${shellWord(pkg)} sm-diagnostic` : `npx${yes} sm-diagnostic`;
  }
  if (script === undefined || self === undefined) return 'sm-diagnostic';
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, 'sm-diagnostic');
    if (real(candidate) === self && executable(candidate)) return 'sm-diagnostic';
  }
  const path = relative(cwd, script);
  const shown = isAbsolute(path) || path.startsWith('..') ? script : path;
  return `node ${shellWord(shown)}`;
}

/**
 * The same command typed from another folder (`init` prints the commands to run in the folder it made):
 * a relative path it holds (`node bin/sm-diagnostic.js`, `npx --package ./sm-diagnostic-0.1.0.tgz`)
 * is made relative to `at`.
 */
export function invocationIn(command: string, cwd: string, at: string): string {
  const move = (path: string) => {
    if (isAbsolute(path)) return path;
    const target = resolve(cwd, path);
    const moved = relative(at, target);
    // One folder up reads well (`../x.tgz`); further up, the absolute path does.
    if (isAbsolute(moved) || moved.startsWith(`..${sep}..`)) return target;
    return moved.startsWith('..') ? moved : `./${moved}`;
  };
  const node = /^node (\S+)$/.exec(command);
  if (node && !isAbsolute(node[1]!)) return `node ${shellWord(move(node[1]!))}`;
  return command.replace(/(--package )(\.{1,2}\/\S+)/, (_, flag: string, path: string) => `${flag}${shellWord(move(path))}`);
}

function real(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** A word the shell reads back as it is: quoted when it holds anything but plain path characters. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
