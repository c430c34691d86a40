import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Document, stringify, visit } from 'yaml';
import { InputError, IoError, UsageError } from '../errors.js';
import { msg } from '../i18n/index.js';
import { loadQuestionnaire, type LoadedQuestionnaire } from '../io/load.js';
import { parseSource, readText } from '../io/read.js';
import { schemaProblems } from '../io/schema-problems.js';
import { exists, writeFileSafely } from '../io/write.js';
import { AnswersSchema } from '../model/answers-schema.js';
import '../model/schemas.js';
import { checkAnswers } from '../model/check-answers.js';
import type { Locale } from '../model/common.js';
import { forTerminal } from '../sinks/terminal.js';
import type { Draft } from './flow.js';

export const DRAFT_NAME = 'sm-diagnostic-draft.yaml';

/**
 * The first line of every draft the interview writes. Only a file that starts with it is ever rewritten
 * or deleted by `--resume`; any other file (a person's answers file) is read, and left as it is.
 */
export const DRAFT_MARK = '# sm-diagnostic draft\n';

export function defaultDraftPath(outDir: string | undefined): string {
  return join(outDir ?? '.', DRAFT_NAME);
}

/** A draft name not taken yet in `dir`: sm-diagnostic-draft.yaml, else sm-diagnostic-draft-2.yaml… */
export function freeDraftPath(dir: string): string {
  for (let n = 1; ; n++) {
    const path = join(dir, n === 1 ? DRAFT_NAME : DRAFT_NAME.replace(/\.yaml$/, `-${n}.yaml`));
    if (!exists(path)) return path;
  }
}

/** Whether the file at `path` is a draft the interview wrote (its first line is the mark). */
export function isToolDraft(path: string): boolean {
  const mark = Buffer.from(DRAFT_MARK, 'utf8');
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(mark.length);
    return readSync(fd, head, 0, head.length, 0) === head.length && head.equals(mark);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The draft as an answers file: the same format, so a draft can also be scored with --answers. */
export function draftText(draft: Draft): string {
  return stringify(draftObject(draft), { lineWidth: 0 });
}

function draftObject(draft: Draft) {
  return {
    questionnaire: draft.questionnaire,
    organisation: draft.organisation ?? { name: '' },
    ...(draft.respondent ? { respondent: draft.respondent } : {}),
    date: draft.date,
    ...(draft.lang ? { lang: draft.lang } : {}),
    context: draft.context,
    answers: draft.answers,
  };
}

/**
 * The answers as YAML for a terminal: every text that holds a control, bidi or invisible character is
 * double-quoted and the character written as an escape (`\u202e`), so that the YAML shown is inert and
 * still reads back to the same answers.
 */
export function draftTextForTerminal(draft: Draft): string {
  const doc = new Document(JSON.parse(JSON.stringify(draftObject(draft))) as unknown);
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === 'string' && forTerminal(node.value) !== node.value) node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc
    .toString({ lineWidth: 0 })
    .split('\n')
    .map((line) => forTerminal(line))
    .join('\n');
}

/**
 * Where the interview keeps its answers as they are given. A save the system refuses (a full disk) does
 * not stop the interview: the refusal is kept, the next answer saves again (the whole draft, so nothing
 * is lost), and until a save succeeds the answers live only in memory.
 */
export class DraftStore {
  /** The refusal of the last save, until a save succeeds. */
  failed: IoError | undefined;
  /** The path may hold a file this store has not written: the first save must not replace it. */
  private fresh: boolean;

  constructor(
    public path: string,
    options: { replace: boolean },
  ) {
    this.fresh = !options.replace;
  }

  /** Saves the draft: `saved`, `failed` (kept for later), or `recovered` (saved after failing). */
  save(draft: Draft): 'saved' | 'failed' | 'recovered' {
    if (!draft.organisation) return 'saved';
    try {
      this.write(draft);
    } catch (error) {
      if (!(error instanceof IoError)) throw error;
      this.failed = error;
      return 'failed';
    }
    const recovered = this.failed !== undefined;
    this.failed = undefined;
    return recovered ? 'recovered' : 'saved';
  }

  private write(draft: Draft): void {
    for (;;) {
      try {
        writeFileSafely(this.path, `${DRAFT_MARK}${draftText(draft)}`, { replace: !this.fresh, durable: true });
        this.fresh = false;
        return;
      } catch (error) {
        // A file took the name since it was chosen: never replaced, the draft goes to the next free name.
        if (!(error instanceof UsageError) || !this.fresh) throw error;
        this.path = freeDraftPath(dirname(this.path));
      }
    }
  }
}

/** Checks the draft `--resume` names (or the default one) against the questionnaire the interview would ask. */
export function checkDraft(path: string, options: { questionnaire?: string }, lang: Locale): void {
  loadDraft(path, loadQuestionnaire(options.questionnaire), lang);
}

/**
 * Reads a draft to resume. A draft for a questionnaire this program does not ask is refused; every other
 * problem is reported as for an answers file.
 */
export function loadDraft(path: string, questionnaire: LoadedQuestionnaire, lang: Locale): Draft {
  if (!existsSync(path)) throw new UsageError(msg('interview.no-draft', { draft: path }));
  const source = parseSource(readText(path), path);
  const parsed = AnswersSchema.safeParse(source.data);
  const ref = questionnaire.ref;
  const named = (source.data as { questionnaire?: unknown } | null)?.questionnaire;
  if (typeof named === 'string' && named !== ref) {
    throw new UsageError(msg('interview.draft-other', { draft: path, found: named, expected: ref }));
  }
  if (!parsed.success) {
    throw new InputError(schemaProblems(source, AnswersSchema, parsed.error.issues, 'answers'));
  }
  const { problems } = checkAnswers(questionnaire.questionnaire, parsed.data, ref, lang);
  if (problems.length > 0) {
    throw new InputError(problems.map((p) => ({ file: path, ...source.locate(p.path, p.key), message: p.message })));
  }
  const { $schema: _schema, ...file } = parsed.data;
  return { ...file, context: { ...(file.context ?? {}) }, answers: { ...file.answers } };
}
