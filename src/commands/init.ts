import { join, relative, resolve } from 'node:path';
import { initProject } from '../app/init.js';
import { parseLang, type CommonOptions } from '../cli/options.js';
import { invocationIn, shellWord } from '../cli/invocation.js';
import { commandLines, wordLines } from '../report/wrap.js';
import { EXIT } from '../errors.js';
import { detectLang, msg, say, type MessageKey } from '../i18n/index.js';
import { packageInfo, packageRoot } from '../io/package-root.js';
import { useColor, type Io } from '../io/terminal.js';
import { forTerminal, paint } from '../sinks/terminal.js';
import '../model/schemas.js';

const WIDTH = 80;

export interface InitOptions extends CommonOptions {
  id?: string;
  force?: boolean;
}

/** `init [DIR]`: a questionnaire repository with a starter questionnaire, examples, schemas and a CI workflow. */
export function initCommand(dir: string | undefined, options: InitOptions, io: Io): number {
  const lang = detectLang(parseLang(options.lang), io.env);
  const on = useColor(io, options.color !== false);
  const folder = dir ?? '.';
  const id = options.id ?? 'starter';
  const outcome = initProject({ dir: folder, id, force: options.force === true, packageSpec: `${packageInfo().name}@${packageInfo().version}` });
  if (options.quiet) return EXIT.ok;
  const t = (key: MessageKey, params: Record<string, string | number> = {}) => say(lang, msg(key, params));
  const lines = [
    paint('green', t('init.done', { dir: forTerminal(folder), count: outcome.files.length }), on),
    ...[...outcome.files].sort().map((f) => `  ${f}`),
    '',
    t('init.next'),
  ];
  // The commands to type next, each under what it does, within 80 columns and runnable as printed from the new folder.
  const moved = relative(process.cwd(), resolve(folder)) !== '';
  const tool = invocationIn(io.command ?? 'sm-diagnostic', process.cwd(), resolve(folder));
  const steps: [string, string][] = [
    ['git init -b main && git add . && git commit -m init', t('init.step-commit')],
    [`${tool} lint`, t('init.step-lint')],
    [`${tool} run -q ${id} -o out`, t('init.step-interview')],
    [`${tool} golden`, t('init.step-golden')],
  ];
  if (moved) lines.push(`  ${commandLines(`cd ${shellWord(folder)}`, WIDTH, '  ')}`);
  for (const [command, what] of steps)
    lines.push(...wordLines(what, WIDTH - 4).map((l) => paint('dim', `  # ${l}`, on)), `  ${commandLines(command, WIDTH, '  ')}`);
  lines.push('', t('init.guide'), `  ${forTerminal(join(packageRoot(), 'docs', 'authoring.md'))}`);
  io.stdout.write(`${lines.join('\n')}\n`);
  return EXIT.ok;
}
