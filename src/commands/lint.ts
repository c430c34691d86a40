import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { EXIT, UsageError } from '../errors.js';
import { detectLang, list, msg } from '../i18n/index.js';
import { listBuiltin, questionnairesDir } from '../io/load.js';
import type { Io } from '../io/terminal.js';
import { lintFile } from '../lint/lint.js';
import { githubReport, jsonReport, LINT_FORMATS, textReport, type LintFormat } from '../lint/reporters.js';
import { parseLang } from './run.js';

export interface LintOptions {
  format?: string;
  lang?: string;
}

const VERSION_FILE = /^\d+\.\d+\.\d+\.ya?ml$/;

function questionnaireFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) out.push(...questionnaireFiles(path));
    } else if (VERSION_FILE.test(entry.name)) out.push(path);
  }
  return out;
}

/** `lint [FILE|DIR...]`: every rule on every questionnaire file; exit 1 when an error is found. */
export async function lintCommand(inputs: string[], options: LintOptions, io: Io): Promise<number> {
  const lang = detectLang(parseLang(options.lang), io.env);
  const format = (options.format ?? 'text') as LintFormat;
  if (!(LINT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(msg('cli.invalid-value', { option: '--format', value: format, expected: list(LINT_FORMATS) }));
  }
  let files: { path: string; display: string }[];
  if (inputs.length === 0) {
    const root = questionnairesDir();
    files = listBuiltin().flatMap((q) =>
      q.versions.map((v) => {
        const path = join(root, q.id, `${v}.yaml`);
        return { path, display: relative(process.cwd(), path) || path };
      }),
    );
  } else {
    files = inputs.flatMap((input) => {
      let isDir = false;
      try {
        isDir = statSync(input).isDirectory();
      } catch {
        // A missing file is reported by lintFile, located.
      }
      return isDir ? questionnaireFiles(input).map((path) => ({ path, display: path })) : [{ path: input, display: input }];
    });
  }
  const findings = files.flatMap((f) => lintFile(f.path, f.display));
  const names = files.map((f) => f.display);
  const report = { text: textReport, json: jsonReport, github: githubReport }[format];
  io.stdout.write(report(findings, names, lang));
  return findings.some((f) => f.severity === 'error') ? EXIT.findings : EXIT.ok;
}
