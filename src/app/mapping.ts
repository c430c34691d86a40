import { guessTitle, matchTitle, targetName, titleIndex, type ColumnTarget } from '../batch/columns.js';
import { cellToAnswer, optionByText, parseRecords, sniffDelimiter } from '../batch/csv.js';
import type { Questionnaire } from '../model/questionnaire.js';

export interface MappingColumn {
  title: string;
  /** `matched` by the questionnaire's texts or a known field; `guessed` with a confidence; `none` left to the user. */
  status: 'matched' | 'guessed' | 'none';
  target?: string;
  confidence?: number;
  /** Cells of the column no option, scale label or number reads (at most ten, in order of appearance). */
  unread: string[];
}

export interface MappingSkeleton {
  file: string;
  questionnaire: string;
  columns: MappingColumn[];
}

/** Reads an export's header and cells and says, column by column, what the batch would do with it. */
export function mappingSkeleton(text: string, file: string, q: Questionnaire, delimiter?: string): MappingSkeleton {
  const sep = delimiter ?? sniffDelimiter(text);
  const records = parseRecords(text, file, sep).map((r) => r.record);
  const header = (records[0] ?? []).map((h) => h.trim());
  const index = titleIndex(q);
  let dateSeen = false;
  const columns = header.map((title, i): MappingColumn => {
    let matched = matchTitle(q, index, title);
    // As the batch reads it: the first timestamp column is the date, the others are left out.
    if (matched?.kind === 'date') matched = dateSeen ? { kind: 'ignore' } : ((dateSeen = true), matched);
    const guess = matched ? undefined : guessTitle(q, index, title);
    const target: ColumnTarget | undefined = matched ?? guess?.target;
    const cells = records.slice(1).map((r) => (r[i] ?? '').trim());
    return {
      title,
      status: matched ? 'matched' : guess ? 'guessed' : 'none',
      ...(target ? { target: targetName(target) } : {}),
      ...(guess ? { confidence: Math.round(guess.confidence * 100) } : {}),
      unread: unreadCells(q, target, target ? cells : cells.filter(Boolean)),
    };
  });
  return { file, questionnaire: `${q.id}@${q.version}`, columns };
}

function unreadCells(q: Questionnaire, target: ColumnTarget | undefined, cells: string[]): string[] {
  const out: string[] = [];
  for (const cell of cells) {
    if (cell === '' || out.includes(cell) || out.length >= 10) continue;
    if (!target) {
      out.push(cell);
      continue;
    }
    if (target.kind === 'question') {
      const question = q.questions.find((x) => x.id === target.id)!;
      const answer = cellToAnswer(q, question, cell, undefined);
      const options = 'options' in question ? question.options.map((o) => o.id) : [];
      const bad =
        typeof answer === 'string' && answer !== 'unknown'
          ? question.type !== 'single' || !options.includes(answer)
          : Array.isArray(answer) && answer.some((a) => !options.includes(a));
      if (bad) out.push(cell);
    } else if (target.kind === 'context') {
      const c = q.context.find((x) => x.id === target.id)!;
      if (optionByText(c.options, cell.replace(/;$/, '')) === undefined) out.push(cell);
    }
  }
  return out;
}

const key = (s: string) => JSON.stringify(s);

/** The skeleton as a mapping file: guesses as lines to check, the rest as comments to finish. */
export function renderSkeleton(
  s: MappingSkeleton,
  words: {
    header: (p: Record<string, string | number>) => string;
    matched: string;
    guessed: (c: number) => string;
    none: string;
    values: string;
    seen: string;
  },
): string {
  const count = (status: MappingColumn['status']) => s.columns.filter((c) => c.status === status).length;
  const out = [
    ...words
      .header({ file: s.file, questionnaire: s.questionnaire, matched: count('matched'), guessed: count('guessed'), none: count('none') })
      .split('\n')
      .map((l) => `# ${l}`.trimEnd()),
    'columns:',
  ];
  for (const c of s.columns) {
    if (c.status === 'matched') out.push(`  # ${key(c.title)}: ${c.target}  # ${words.matched}`);
    else if (c.status === 'guessed') out.push(`  ${key(c.title)}: ${c.target}  # ${words.guessed(c.confidence ?? 0)}`);
    else out.push(`  # ${key(c.title)}:   # ${words.none}${c.unread.length > 0 ? ` ${words.seen} ${c.unread.join(' · ')}` : ''}`);
  }
  const tables = s.columns.filter((c) => c.target !== undefined && c.unread.length > 0);
  out.push('values:');
  for (const c of tables) {
    out.push(`  # ${words.values}`, `  # ${c.target}:`);
    for (const cell of c.unread) out.push(`  #   ${key(cell)}: `);
  }
  out.push('ignore: []', '');
  return out.join('\n');
}
