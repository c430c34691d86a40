import { accessSync, constants, realpathSync } from 'node:fs';
import { delimiter, isAbsolute, join, relative } from 'node:path';

/**
 * How the person started the tool, as a command they can type again: `sm-diagnostic` when that name
 * on their PATH is this program, `npx --package ./sm-diagnostic-0.1.0.tgz sm-diagnostic` under npx,
 * `node bin/sm-diagnostic.js` otherwise. Every hint that names a command starts with it, so that it
 * runs as printed.
 */
export function invocation(script: string | undefined, env: NodeJS.ProcessEnv, cwd: string): string {
  // npx (npm exec) names the package it installed; its own PATH holds the bin, which the person's does not.
  if (env.npm_command === 'exec') {
    const pkg = env.npm_config_package;
    return pkg ? `npx --package ${shellWord(pkg)} sm-diagnostic` : 'npx sm-diagnostic';
  }
  const self = script === undefined ? undefined : real(script);
  if (script === undefined || self === undefined) return 'sm-diagnostic';
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, 'sm-diagnostic');
    if (real(candidate) === self && executable(candidate)) return 'sm-diagnostic';
  }
  const path = relative(cwd, script);
  const shown = isAbsolute(path) || path.startsWith('..') ? script : path;
  return `node ${shellWord(shown)}`;
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
