import { resolve, relative } from 'node:path';
import { runBatch } from '../app/batch.js';
import { defaultJobs } from '../batch/pool.js';
import { parseFormats, parseJobs, parseLang, resolveRef, useQuestionnaires, type CommonOptions } from '../cli/options.js';
import { parseExportOptions } from '../cli/export-options.js';
import { progressBar } from '../cli/progress.js';
import { EXIT, formatLocated, UsageError } from '../errors.js';
import { detectLang, msg, say } from '../i18n/index.js';
import type { Io } from '../io/terminal.js';
import { readTemplate } from '../report/render.js';

export interface BatchOptions extends CommonOptions {
  out?: string;
  format?: string;
  jobs?: string;
  failFast?: boolean;
  force?: boolean;
  json?: boolean;
  questionnaire?: string;
  questionnaires?: string;
  migrate?: boolean;
  mapping?: string[];
  delimiter?: string;
  window?: string;
  csv?: string;
  template?: string;
  explain?: boolean;
}

/** `batch INPUT... -o DIR`: every organisation's report, then the portfolio summary. */
export async function batchCommand(inputs: string[], options: BatchOptions, io: Io): Promise<number> {
  const flagLang = parseLang(options.lang);
  const lang = detectLang(flagLang, io.env);
  const formats = parseFormats(options.format);
  const jobs = parseJobs(options.jobs, defaultJobs());
  useQuestionnaires(options);
  if (options.out === undefined) throw new UsageError(msg('cli.missing-argument', { name: '-o DIR' }));
  const exports = parseExportOptions(options);
  const template = options.template !== undefined ? readTemplate(options.template) : undefined;
  const speak = !options.json && !options.quiet;
  const progress = speak && io.stderr.isTTY === true ? await progressBar(io.stderr as NodeJS.WritableStream, lang) : undefined;
  const outcome = await runBatch(
    {
      inputs,
      out: options.out,
      formats,
      jobs,
      messageLang: lang,
      ...(flagLang ? { lang: flagLang } : {}),
      ...(options.questionnaire !== undefined ? { questionnaire: resolveRef(options.questionnaire) } : {}),
      ...exports,
      ...(template ? { template } : {}),
      ...(options.explain ? { explain: true } : {}),
      ...(options.failFast ? { failFast: true } : {}),
      ...(options.migrate ? { migrate: true } : {}),
      ...(options.force ? { force: true } : {}),
    },
    { ...(progress ? { progress } : {}), problem: (p) => speak && io.stderr.write(`${progress ? '\n' : ''}${formatLocated(lang, p)}\n`) },
  );
  const allRefused = outcome.refused > 0 && outcome.organisations === 0 && !outcome.stopped;
  if (speak && outcome.refused > 0 && !outcome.stopped)
    io.stderr.write(`${say(lang, msg(allRefused ? 'batch.all-refused' : 'batch.refused', { count: outcome.refused, inputs: outcome.sets }))}\n`);
  if (options.json) {
    const out = relative(process.cwd(), resolve(options.out)) || '.';
    io.stdout.write(
      `${JSON.stringify({ inputs: outcome.sets, files: outcome.files, refused: outcome.refused, organisations: outcome.organisations, out, outputs: outcome.outputs }, null, 2)}\n`,
    );
  } else if (speak && outcome.organisations > 0 && !outcome.stopped) {
    if (outcome.notices > 0) io.stderr.write(`${say(lang, msg('batch.notices', { count: outcome.notices }))}\n`);
    const done = outcome.distinct === outcome.organisations ? 'batch.done' : 'batch.done-assessments';
    io.stderr.write(
      `${say(lang, msg(done, { organisations: outcome.distinct, assessments: outcome.organisations, inputs: outcome.sets, dir: options.out }))}\n`,
    );
  }
  if (allRefused) return EXIT.usage;
  return outcome.refused > 0 ? EXIT.findings : EXIT.ok;
}
