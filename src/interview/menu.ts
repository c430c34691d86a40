import {
  createPrompt,
  isDownKey,
  isEnterKey,
  isSpaceKey,
  isUpKey,
  makeTheme,
  Separator,
  useKeypress,
  useMemo,
  usePagination,
  usePrefix,
  useState,
} from '@inquirer/core';
import { wordLines } from '../report/wrap.js';

/**
 * The interview's one list prompt, for a single choice or ticks. Unlike the stock select and checkbox:
 * a key names a choice by what it means (`3` is the value 3 of a scale, `?` is "don't know"), not by
 * its row; actions (help, a note, back) are rows that Enter runs and Space never ticks, and an action
 * taken from a list of ticks gives the ticks back; the key hints are in the user's language.
 */
export interface MenuItem<V> {
  value: V;
  name: string;
  /** What the finished prompt shows; '' for an action, which is not an answer. */
  short?: string;
  description?: string;
  /** A key that moves to this row (a scale's value), or with `now` chooses it at once (`?` for "don't know", `h` help). */
  key?: string;
  now?: boolean;
  /** A row that does something rather than being an answer: Enter runs it, Space does not tick it. */
  action?: boolean;
  checked?: boolean;
}

export interface MenuConfig<V> {
  message: string;
  items: readonly (MenuItem<V> | Separator)[];
  /** Ticks (Space) rather than one choice. */
  multiple?: boolean;
  /** The row the cursor starts on. */
  default?: V;
  pageSize?: number;
  /** The key hints, already in the user's language. */
  help: string;
  /** For ticks: an error message, or true. */
  validate?: (ticked: V[]) => string | true;
}

/** The row under the cursor when Enter was pressed, and the ticks (multiple) at that moment. */
export interface MenuAnswer<V> {
  value: V;
  ticked: V[];
  action: boolean;
}

type Row<V> = MenuItem<V> | Separator;
const isItem = <V>(row: Row<V>): row is MenuItem<V> => !Separator.isSeparator(row);

export const menu = createPrompt(<V>(config: MenuConfig<V>, done: (answer: MenuAnswer<V>) => void): string => {
  const theme = makeTheme({});
  const rows = config.items;
  const [status, setStatus] = useState<'idle' | 'done'>('idle');
  const [error, setError] = useState<string | undefined>(undefined);
  const [ticks, setTicks] = useState<readonly boolean[]>(rows.map((r) => isItem(r) && r.checked === true));
  const start = useMemo(() => {
    const at = rows.findIndex((r) => isItem(r) && 'default' in config && r.value === config.default);
    return at >= 0 ? at : rows.findIndex(isItem);
  }, [rows]);
  const [active, setActive] = useState(start);
  const prefix = usePrefix({ status, theme });
  const current = rows[active] as MenuItem<V>;
  const ticked = () => rows.flatMap((r, i) => (isItem(r) && ticks[i] ? [r.value] : []));

  useKeypress((key, rl) => {
    setError(undefined);
    if (isEnterKey(key)) {
      const answer = { value: current.value, ticked: ticked(), action: current.action === true };
      if (config.multiple && !answer.action) {
        const verdict = config.validate?.(answer.ticked) ?? true;
        if (verdict !== true) {
          setError(verdict);
          return;
        }
      }
      setStatus('done');
      done(answer);
    } else if (isUpKey(key) || isDownKey(key)) {
      rl.clearLine(0);
      const step = isUpKey(key) ? -1 : 1;
      let next = active;
      do next = (next + step + rows.length) % rows.length;
      while (!isItem(rows[next]!));
      setActive(next);
    } else if (config.multiple && isSpaceKey(key)) {
      rl.clearLine(0);
      if (current.action !== true) setTicks(ticks.map((t, i) => (i === active ? !t : t)));
    } else if (config.multiple && key.name === 'a' && !key.ctrl) {
      rl.clearLine(0);
      const options = rows.map((r) => isItem(r) && r.action !== true);
      const all = options.every((o, i) => !o || ticks[i]);
      setTicks(ticks.map((t, i) => (options[i] ? !all : t)));
    } else {
      // A key names a row by its meaning; two digits name a value from 10 up.
      const typed = rl.line.slice(-2);
      const at = [typed, typed.slice(-1)].map((k) => rows.findIndex((r) => isItem(r) && k !== '' && r.key === k)).find((i) => i >= 0);
      const row = at === undefined ? undefined : (rows[at] as MenuItem<V>);
      if (row?.now) {
        setActive(at!);
        setStatus('done');
        done({ value: row.value, ticked: ticked(), action: row.action === true });
        return;
      }
      if (at !== undefined) setActive(at);
      if (rl.line.length > 1) rl.clearLine(0);
    }
  });

  const page = usePagination({
    items: rows,
    active,
    renderItem({ item, isActive, index }) {
      if (!isItem(item)) return ` ${item.separator}`;
      const box = config.multiple && item.action !== true ? (ticks[index] ? '◉ ' : '◯ ') : '';
      // A long label wraps under itself, within 80 columns.
      const indent = ' '.repeat(2 + box.length);
      const name = wordLines(item.name, 80 - indent.length).join(`\n${indent}`);
      const line = `${isActive ? '❯' : ' '} ${box}${name}`;
      return isActive ? theme.style.highlight(line) : line;
    },
    pageSize: config.pageSize ?? 10,
    loop: true,
  });
  const message = theme.style.message(config.message, status);
  if (status === 'done') {
    if (current.action) return '';
    const shown = config.multiple
      ? rows.flatMap((r, i) => (isItem(r) && ticks[i] ? [r.short ?? r.name] : [])).join(', ') || '—'
      : (current.short ?? current.name);
    // Wrapped here, at words and within 80 columns, rather than cut by the terminal.
    return `${prefix} ${wordLines(`${config.message} ${shown}`, 78).join('\n  ')}`;
  }
  // The cursor is hidden while the list is drawn; the prompt shows it again when done.
  return `${[
    `${prefix} ${wordLines(message, 78).join('\n  ')}`,
    page,
    current.description ? `  ${theme.style.help(current.description)}` : '',
    theme.style.help(config.help),
    error ? theme.style.error(error) : '',
  ]
    .filter((line) => line !== '')
    .join('\n')}\u001b[?25l`;
});
