import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { initProject } from '../app/init.js';
import { parseLang, type CommonOptions } from '../cli/options.js';
import { shellWord } from '../cli/invocation.js';
import { EXIT } from '../errors.js';
import { detectLang, msg, say, type MessageKey } from '../i18n/index.js';
import { packageRoot } from '../io/package-root.js';
import { useColor, type Io } from '../io/terminal.js';
import { forTerminal, paint } from '../sinks/terminal.js';
import '../model/schemas.js';

export interface InitOptions extends CommonOptions {
  id?: string;
  force?: boolean;
}

function packageSpec(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { name: string; version: string };
  return `${pkg.name}@${pkg.version}`;
}

/** `init [DIR]`: a questionnaire repository with a starter questionnaire, examples, schemas and a CI workflow. */
export function initCommand(dir: string | undefined, options: InitOptions, io: Io): number {
  const lang = detectLang(parseLang(options.lang), io.env);
  const on = useColor(io, options.color !== false);
  const folder = dir ?? '.';
  const id = options.id ?? 'starter';
  const outcome = initProject({ dir: folder, id, force: options.force === true, packageSpec: packageSpec() });
  if (options.quiet) return EXIT.ok;
  const t = (key: MessageKey, params: Record<string, string | number> = {}) => say(lang, msg(key, params));
  const shown = forTerminal(folder);
  const lines = [
    paint('green', t('init.done', { dir: shown, count: outcome.files.length }), on),
    ...[...outcome.files].sort().map((f) => `  ${f}`),
    '',
    t('init.next'),
  ];
  const steps: [string, string][] = [];
  if (folder !== '.' && relative('.', folder) !== '') steps.push([`cd ${shellWord(folder)}`, '']);
  steps.push(
    ['git init && git add . && git commit -m init', t('init.step-commit')],
    ['sm-diagnostic lint', t('init.step-lint')],
    [`sm-diagnostic -q ${id}`, t('init.step-interview')],
    ['sm-diagnostic golden', t('init.step-golden')],
  );
  const width = Math.max(...steps.map(([c]) => c.length));
  for (const [command, what] of steps) lines.push(what === '' ? `  ${command}` : `  ${command.padEnd(width)}  ${paint('dim', `# ${what}`, on)}`);
  lines.push('', t('init.guide', { file: forTerminal(join(packageRoot(), 'docs', 'authoring.md')) }));
  io.stdout.write(`${lines.join('\n')}\n`);
  return EXIT.ok;
}
