/*
 * Report templates: a sandboxed subset of Liquid, parsed once into a JavaScript function.
 *
 * Why our own: the reports of a 50,000-organisation batch are rendered 50,000 times, and a general
 * engine spent most of a batch's time walking its own machinery. This one knows only what report
 * templates need, runs no code from the template, reads no file (`include`, `render` and `layout` are
 * refused), reaches only the data's own properties, escapes every output unless the template says
 * `| raw`, and reports every error with its line and column.
 *
 * It compiles a template to the source of one function, so that each `{{ a.b }}` is a property read of
 * its own (a closure per node shared one read by every node, which V8 could not make fast). Nothing of
 * the template becomes code: its texts, names and numbers enter the source only through
 * JSON.stringify or after matching a strict pattern; names that a prototype holds (`constructor`,
 * `__proto__`, `length`…) are read through a check for the data's own property.
 *
 * Supported: `{{ expression | filter: argument }}`; `{% if %}`/`elsif`/`else`, `unless`, `for x in
 * list` (with `else`, `forloop.index`, `forloop.first`, `forloop.last`, `limit:`), `assign`,
 * `comment`, `raw`; whitespace control with `-`; the operators `== != < > <= >= contains and or`;
 * the filters listed in FILTERS.
 *
 * Whatever a template holds, its cost is bounded (TEMPLATE_LIMITS): it is read in one pass, its nesting
 * and number of tags are capped, and a rendering has a step budget and a cap on the length of any text
 * it makes; each limit is a TemplateError located at the node that crossed it.
 */

import { msg, say, type Message } from '../i18n/index.js';
import { steps } from '../steps.js';

export class TemplateError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly col: number,
    /** The message in the user's language, when it has one; else `message`, in English. */
    readonly detail?: Message,
  ) {
    super(message);
  }
}

export interface CompiledTemplate {
  render(data: Record<string, unknown>): string;
}

/**
 * What one rendering may spend. A step is a node run (a text, an output, an assign, an if's test, a
 * loop's start) or a loop's turn, and a filter or comparison walking a string costs a step per 256 of its
 * characters. Measured over the built-in templates (Markdown, HTML, terminal, compare) rendering every
 * example in both languages, with and without --explain and --migrate: at most 3,857 steps and 72,384
 * characters. The limits leave a thousand times that room to an honest template, and stop a hostile one
 * within seconds (about 3 s for 5 million turns of nested loops), long before the memory runs out.
 */
export const TEMPLATE_LIMITS = {
  steps: 5_000_000,
  /** Characters of one rendered file, and of any string a template builds (append, replace, join…). */
  chars: 16_000_000,
  /** Blocks inside blocks, and in one expression its filters, brackets and `and`/`or`. */
  nesting: 100,
  /**
   * Tags and outputs in one template (the built-in ones have at most 415): V8 compiles the generated
   * function in a time that grows faster than its size, about 1.5 s for 40,000 outputs.
   */
  tags: 20_000,
  /** `round:`'s decimals (negative ones round to tens, hundreds…). */
  roundDigits: 10,
};

function nestingError(at: { line: number; col: number }): TemplateError {
  const detail = msg('template.nesting', { limit: TEMPLATE_LIMITS.nesting });
  return new TemplateError(say('en', detail), at.line, at.col, detail);
}

interface Token {
  kind: 'text' | 'output' | 'tag';
  value: string;
  line: number;
  col: number;
  trimLeft: boolean;
  trimRight: boolean;
}

/** Line and column of offsets asked for in increasing order: each character is looked at once. */
class Lines {
  private offset = 0;
  private line = 1;
  private lineStart = 0;
  constructor(private readonly source: string) {}
  at(offset: number): { line: number; col: number } {
    if (offset < this.offset) [this.offset, this.line, this.lineStart] = [0, 1, 0];
    for (; this.offset < offset; this.offset++) {
      steps.templateToken++;
      if (this.source.charCodeAt(this.offset) === NEWLINE) {
        this.line += 1;
        this.lineStart = this.offset + 1;
      }
    }
    return { line: this.line, col: offset - this.lineStart + 1 };
  }
}

const [NEWLINE, RETURN, TAB, SPACE_CODE, PERCENT, OPEN, CLOSE, DASH] = [10, 13, 9, 32, 37, 123, 125, 45];
const SPACE = /\s/;
const isBlank = (c: number): boolean => c === SPACE_CODE || c === TAB;
/** A short quotation of template text for a message: its first 30 characters, new lines shown as \n. */
const excerpt = (text: string): string => text.slice(0, 30).replace(/\n/g, '\\n');
/** An expression quoted in a message, at most 60 characters of it. */
const quoted = (text: string): string => (text.length > 60 ? `${text.slice(0, 60)}…` : text);

/**
 * The template cut into texts, outputs and tags, in one pass: every character is looked at a bounded
 * number of times (counted in `steps.templateToken`), whatever the template holds.
 */
function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const lines = new Lines(source);
  const n = source.length;
  const opens = (k: number): boolean => {
    const next = source.charCodeAt(k + 1);
    return source.charCodeAt(k) === OPEN && (next === OPEN || next === PERCENT);
  };
  const text = (from: number, to: number): void => {
    if (to > from) tokens.push({ kind: 'text', value: source.slice(from, to), ...lines.at(from), trimLeft: false, trimRight: false });
  };
  let i = 0;
  let tags = 0;
  while (i < n) {
    let start = i;
    while (start < n && !opens(start)) {
      steps.templateToken++;
      start++;
    }
    text(i, start);
    if (start >= n) break;
    const isOutput = source.charCodeAt(start + 1) === OPEN;
    const at = lines.at(start);
    // The end: `}}` for an output, which holds no other `{{` or `{%`; `%}` for a tag.
    let end = -1;
    for (let j = start + 2; j < n - 1; j++) {
      steps.templateToken++;
      const c = source.charCodeAt(j);
      const next = source.charCodeAt(j + 1);
      if (isOutput ? c === CLOSE && next === CLOSE : c === PERCENT && next === CLOSE) {
        end = j;
        break;
      }
      if (isOutput && opens(j)) break;
    }
    if (end === -1) throw new TemplateError(`${isOutput ? 'output' : 'tag'} "${excerpt(source.slice(start, start + 30))}" not closed`, at.line, at.col);
    let inner = source.slice(start + 2, end);
    const trimLeft = inner.startsWith('-');
    const trimRight = inner.endsWith('-');
    if (trimLeft) inner = inner.slice(1);
    if (trimRight) inner = inner.slice(0, -1);
    const value = inner.trim();
    if (++tags > TEMPLATE_LIMITS.tags) {
      const detail = msg('template.too-many-tags', { limit: TEMPLATE_LIMITS.tags });
      throw new TemplateError(say('en', detail), at.line, at.col, detail);
    }
    tokens.push({ kind: isOutput ? 'output' : 'tag', value, ...at, trimLeft, trimRight });
    i = end + 2;
    // `{% raw %}` and `{% comment %}` swallow everything up to their end tag.
    if (!isOutput && (value === 'raw' || value === 'comment')) {
      const close = endTag(source, i, value);
      if (!close) throw new TemplateError(`tag "${value}" not closed`, at.line, at.col);
      if (value === 'raw') text(i, close.start);
      tokens.push({ kind: 'tag', value: `end${value}`, ...lines.at(close.start), trimLeft: close.trimLeft, trimRight: close.trimRight });
      i = close.end;
    }
  }
  // Whitespace control, as Liquid does it line by line: `{%-` trims the blanks before it on its line;
  // `-%}` trims the blanks after it and the end of its line.
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind === 'text') continue;
    const before = tokens[k - 1];
    const after = tokens[k + 1];
    if (t.trimLeft && before?.kind === 'text') {
      let e = before.value.length;
      while (e > 0 && isBlank(before.value.charCodeAt(e - 1))) {
        steps.templateToken++;
        e--;
      }
      before.value = before.value.slice(0, e);
    }
    if (t.trimRight && after?.kind === 'text') {
      let b = 0;
      while (b < after.value.length && isBlank(after.value.charCodeAt(b))) {
        steps.templateToken++;
        b++;
      }
      if (after.value.charCodeAt(b) === RETURN) b++;
      if (after.value.charCodeAt(b) === NEWLINE) b++;
      after.value = after.value.slice(b);
    }
  }
  return tokens;
}

/** `{%-? end<tag> -?%}` from `from` on, read by hand: a long run of spaces is walked once. */
function endTag(source: string, from: number, tag: string): { start: number; end: number; trimLeft: boolean; trimRight: boolean } | undefined {
  const name = `end${tag}`;
  const n = source.length;
  for (let k = from; k < n - 1; k++) {
    steps.templateToken++;
    if (source.charCodeAt(k) !== OPEN || source.charCodeAt(k + 1) !== PERCENT) continue;
    let p = k + 2;
    const trimLeft = source.charCodeAt(p) === DASH;
    if (trimLeft) p++;
    while (p < n && SPACE.test(source[p]!)) {
      steps.templateToken++;
      p++;
    }
    if (!source.startsWith(name, p)) continue;
    p += name.length;
    while (p < n && SPACE.test(source[p]!)) {
      steps.templateToken++;
      p++;
    }
    const trimRight = source.charCodeAt(p) === DASH;
    if (trimRight) p++;
    if (source.charCodeAt(p) === PERCENT && source.charCodeAt(p + 1) === CLOSE) return { start: k, end: p + 2, trimLeft, trimRight };
  }
  return undefined;
}

// ---- expressions ----

type Lexeme = { type: 'id' | 'str' | 'num' | 'op' | 'punct'; value: string };

const LEXEME = /(==|!=|<=|>=|<|>|\.\.)|([|:,.[\]()])|("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|(-?\d+(?:\.\d+)?)|([A-Z_][\w-]*\??)/iy;

/** An expression's lexemes, in one pass (counted in `steps.templateToken`). */
function lex(expr: string, at: Token): Lexeme[] {
  const out: Lexeme[] = [];
  let i = 0;
  for (;;) {
    while (i < expr.length && SPACE.test(expr[i]!)) {
      steps.templateToken++;
      i++;
    }
    if (i >= expr.length) break;
    steps.templateToken++;
    LEXEME.lastIndex = i;
    const m = LEXEME.exec(expr);
    if (!m) throw new TemplateError(`unexpected "${expr.slice(i).trim().slice(0, 20)}" in "${quoted(expr)}"`, at.line, at.col);
    if (m[1]) out.push({ type: 'op', value: m[1] });
    else if (m[2]) out.push({ type: 'punct', value: m[2] });
    else if (m[3]) out.push({ type: 'str', value: m[3].slice(1, -1).replace(/\\(.)/g, '$1') });
    else if (m[4]) out.push({ type: 'num', value: m[4] });
    else if (m[5]) {
      const word = m[5];
      out.push({ type: ['and', 'or', 'contains'].includes(word) ? 'op' : 'id', value: word });
    }
    i = LEXEME.lastIndex;
  }
  return out;
}

const hasOwn = (o: unknown, key: string): boolean => o !== null && typeof o === 'object' && Object.prototype.hasOwnProperty.call(o, key);
const own = (o: unknown, key: string): unknown => (hasOwn(o, key) ? (o as Record<string, unknown>)[key] : undefined);

/** Names that objects and arrays inherit: read only through `own`, never as `x.name`. */
const INHERITED = new Set(
  [Object, Array, Function, String, Number, Boolean, Map, Set, Date, RegExp, Error, Promise]
    .flatMap((type) => Object.getOwnPropertyNames(type.prototype))
    .concat(['__proto__']),
);
const PLAIN_NAME = /^[A-Z_$][\w$]*$/i;

function truthy(v: unknown): boolean {
  return v !== false && v !== null && v !== undefined;
}
function equal(a: unknown, b: unknown): boolean {
  if ((a === '' || a === undefined) && (b === '' || b === undefined)) return true;
  if (Array.isArray(a) && b === '') return a.length === 0;
  if (typeof a === 'string' && typeof b === 'string') spend(Math.min(a.length, b.length));
  return a === b;
}

/**
 * `name in list` and an optional `limit: N`, read without a backtracking expression: the list is what
 * lies between `in` and the last `limit`, if a `limit: N` ends the tag.
 */
function forParts(rest: string): [string, string, string, string | undefined] | undefined {
  const head = /^(\w+)\s+in\s/.exec(rest);
  if (!head) return undefined;
  let list = rest.slice(head[0].length).trim();
  let limit: string | undefined;
  const at = list.lastIndexOf('limit');
  if (at > 0 && /\s/.test(list[at - 1]!)) {
    const n = /^\s*:\s*(\d+)$/.exec(list.slice(at + 5));
    if (n) {
      limit = n[1];
      list = list.slice(0, at).trim();
    }
  }
  return list === '' ? undefined : [rest, head[1]!, list, limit];
}

/**
 * What the rendering under way has spent, and the node it is at (an index into the compiled template's
 * positions). Rendering is synchronous and never nested: one meter serves every template.
 */
const meter = { steps: 0, at: 0 };

/** A limit crossed while rendering: made a TemplateError at the node the meter is at. */
class LimitError extends Error {
  constructor(readonly detail: Message) {
    super(say('en', detail));
  }
}

const tooLong = (): never => {
  throw new LimitError(msg('template.too-long', { millions: TEMPLATE_LIMITS.chars / 1_000_000 }));
};
const overBudget = (): never => {
  throw new LimitError(msg('template.steps', { millions: TEMPLATE_LIMITS.steps / 1_000_000 }));
};
/** Walking `length` characters of a string: a step per 256 of them. */
function spend(length: number): void {
  meter.steps += length >>> 8;
  if (meter.steps > TEMPLATE_LIMITS.steps) overBudget();
}
/** A string a filter made: refused past the limit, paid for by its length. */
function grown(v: string): string {
  if (v.length > TEMPLATE_LIMITS.chars) tooLong();
  spend(v.length);
  return v;
}
/** A string `count` × `size` + `rest` characters long would be refused: refuse it before making it. */
function affordable(count: number, size: number, rest: number): void {
  if (count * size + rest > TEMPLATE_LIMITS.chars) tooLong();
}

/** Checks of filters' numeric arguments: the message when one is out of range, else undefined. */
const ARGUMENTS: Record<string, (args: unknown[]) => Message | undefined> = {
  round: ([d]) => {
    if (d === undefined || d === null) return undefined;
    const n = Number(d);
    const max = TEMPLATE_LIMITS.roundDigits;
    return Number.isInteger(n) && Math.abs(n) <= max ? undefined : msg('template.round-digits', { value: str(d), min: -max, max });
  },
  truncate: ([n]) => {
    if (n === undefined || n === null) return undefined;
    return Number.isInteger(Number(n)) && Number(n) >= 0 ? undefined : msg('template.truncate-length', { value: str(n) });
  },
};
const checked = (name: string, args: unknown[]): void => {
  const wrong = ARGUMENTS[name]?.(args);
  if (wrong) throw new LimitError(wrong);
};

type Filter = (input: unknown, ...args: unknown[]) => unknown;
const str = (v: unknown): string =>
  v === null || v === undefined
    ? ''
    : typeof v === 'string'
      ? v
      : Array.isArray(v)
        ? v.join('')
        : typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint'
          ? String(v)
          : Object.prototype.toString.call(v);
/** A list's items as values to look into. */
const items = (v: unknown[]): unknown[] => v;

/** Filters: pure functions of their input and arguments. */
const FILTERS: Record<string, Filter> = {
  raw: (v) => v,
  join: (v, sep = ' ') => {
    if (!Array.isArray(v)) return str(v);
    const parts = v.map(str);
    affordable(Math.max(0, parts.length - 1), str(sep).length, 0);
    return grown(parts.join(str(sep)));
  },
  downcase: (v) => grown(str(v).toLowerCase()),
  upcase: (v) => grown(str(v).toUpperCase()),
  capitalize: (v) => grown(str(v).charAt(0).toUpperCase() + str(v).slice(1)),
  strip: (v) => grown(str(v).trim()),
  size: (v) => (Array.isArray(v) || typeof v === 'string' ? v.length : 0),
  first: (v) => (Array.isArray(v) ? items(v)[0] : str(v).charAt(0)),
  last: (v) => (Array.isArray(v) ? items(v)[v.length - 1] : str(v).slice(-1)),
  slice: (v, start, length = 1) => {
    const s = Number(start);
    const n = Number(length);
    return Array.isArray(v) ? v.slice(s, s + n) : str(v).slice(s, s + n);
  },
  append: (v, x) => grown(str(v) + str(x)),
  prepend: (v, x) => grown(str(x) + str(v)),
  replace: (v, a, b = '') => {
    const pieces = str(v).split(str(a));
    spend(str(v).length);
    affordable(pieces.length - 1, str(b).length, str(v).length);
    return grown(pieces.join(str(b)));
  },
  remove: (v, a) => {
    spend(str(v).length);
    return str(v).split(str(a)).join('');
  },
  truncate: (v, n = 50, end = '…') => {
    checked('truncate', [n]);
    return str(v).length > Number(n) ? grown(str(v).slice(0, Math.max(0, Number(n) - str(end).length)) + str(end)) : str(v);
  },
  default: (v, d) => (v === undefined || v === null || v === '' || v === false || (Array.isArray(v) && v.length === 0) ? d : v),
  plus: (v, x) => Number(v) + Number(x),
  minus: (v, x) => Number(v) - Number(x),
  times: (v, x) => Number(v) * Number(x),
  divided_by: (v, x) => Number(v) / Number(x),
  round: (v, d = 0) => {
    // As Liquid, negative digits too (15 | round: -1 is 20); at most 10 either way, beyond which a
    // double has no digits left to round.
    checked('round', [d]);
    const f = 10 ** (Math.trunc(Number(d)) || 0);
    return Math.round(Number(v) * f) / f;
  },
  reverse: (v) => (Array.isArray(v) ? [...items(v)].reverse() : grown(str(v).split('').reverse().join(''))),
  where: (v, key, value) => (Array.isArray(v) ? v.filter((x) => (value === undefined ? truthy(own(x, str(key))) : own(x, str(key)) === value)) : v),
  map: (v, key) => (Array.isArray(v) ? v.map((x) => own(x, str(key))) : v),
};

/** What generated code calls: nothing else is in its reach. */
const RUNTIME = {
  own,
  hasOwn,
  str,
  truthy,
  equal,
  filters: FILTERS,
  tooLong,
  overBudget,
  /** A value an assign stores: a string no longer than the limit. */
  stored: (v: unknown): unknown => (typeof v === 'string' && v.length > TEMPLATE_LIMITS.chars ? tooLong() : v),
  size: (v: unknown) => (Array.isArray(v) || typeof v === 'string' ? v.length : own(v, 'size')),
  first: (v: unknown) => (Array.isArray(v) ? items(v)[0] : own(v, 'first')),
  last: (v: unknown) => (Array.isArray(v) ? items(v)[v.length - 1] : own(v, 'last')),
  /** `a[key]`, the key known only when the report is rendered. */
  at: (v: unknown, key: string): unknown =>
    key === 'size' ? RUNTIME.size(v) : key === 'first' ? RUNTIME.first(v) : key === 'last' ? RUNTIME.last(v) : own(v, key),
  contains: (l: unknown, r: unknown) => {
    if (typeof l === 'string') spend(l.length);
    return typeof l === 'string' ? l.includes(String(r)) : Array.isArray(l) ? l.includes(r) : false;
  },
  list: (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null || v === '' ? [] : [v]),
  undefinedVariable: (name: string, line: number, col: number): never => {
    throw new TemplateError(`undefined variable: ${name}`, line, col);
  },
};
type Runtime = typeof RUNTIME;

/** The function being written: its temporaries, and the loop variables in reach. */
class Scope {
  private temps = 0;
  private loops = 0;
  readonly locals: Map<string, string>[] = [];
  /** Where each node stands in the template, by the index the generated code gives the meter. */
  readonly positions: { line: number; col: number }[] = [];
  constructor(readonly assigned: ReadonlySet<string>) {}
  /** The code that starts a node or a loop's turn: the meter moves to it and counts a step. */
  tick(at: Token): string {
    return `${this.mark(at)}; if (++m.steps > ${TEMPLATE_LIMITS.steps}) rt.overBudget();\n`;
  }
  /** The code that moves the meter to a node, as an expression. */
  mark(at: Token): string {
    this.positions.push({ line: at.line, col: at.col });
    return `m.at = ${this.positions.length - 1}`;
  }
  temp(): string {
    return `t${this.temps++}`;
  }
  loop(): number {
    return this.loops++;
  }
  declarations(): string {
    return this.temps > 0 ? `let ${Array.from({ length: this.temps }, (_, i) => `t${i}`).join(', ')};\n` : '';
  }
  local(name: string): string | undefined {
    for (let i = this.locals.length - 1; i >= 0; i--) {
      const found = this.locals[i]!.get(name);
      if (found) return found;
    }
    return undefined;
  }
}

class ExpressionParser {
  private i = 0;
  /** Filters, brackets and `and`/`or` so far: each nests the generated code one level deeper. */
  private levels = 0;
  constructor(
    private readonly lexemes: Lexeme[],
    private readonly at: Token,
    private readonly lenient: boolean,
    private readonly scope: Scope,
  ) {}

  peek(): Lexeme | undefined {
    return this.lexemes[this.i];
  }
  private fail(message: string): never {
    throw new TemplateError(message, this.at.line, this.at.col);
  }
  done(): boolean {
    return this.i >= this.lexemes.length;
  }
  expect(value: string): void {
    const l = this.lexemes[this.i++];
    if (l?.value !== value) this.fail(`expected "${value}" in "${quoted(this.at.value)}"`);
  }
  next(): Lexeme | undefined {
    return this.lexemes[this.i++];
  }
  /** One level deeper: refused past the nesting limit. */
  deeper(): void {
    if (++this.levels > TEMPLATE_LIMITS.nesting) throw nestingError(this.at);
  }

  /** `a or b and c`: Liquid evaluates and/or from the right, without precedence. */
  condition(): string {
    const left = this.comparison();
    const op = this.peek();
    if (op?.type === 'op' && (op.value === 'and' || op.value === 'or')) {
      this.deeper();
      this.i++;
      const right = this.condition();
      return `(rt.truthy(${left}) ${op.value === 'and' ? '&&' : '||'} rt.truthy(${right}))`;
    }
    return left;
  }

  private comparison(): string {
    const left = this.value();
    const op = this.peek();
    if (op?.type !== 'op' || op.value === 'and' || op.value === 'or') return left;
    this.i++;
    const right = this.value();
    switch (op.value) {
      case '==':
        return `rt.equal(${left}, ${right})`;
      case '!=':
        return `!rt.equal(${left}, ${right})`;
      case '<':
      case '>':
      case '<=':
      case '>=':
        return `(${left} ${op.value} ${right})`;
      case 'contains':
        return `rt.contains(${left}, ${right})`;
      default:
        return this.fail(`unknown operator "${op.value}"`);
    }
  }

  /** A literal or a variable path: `a.b[0].size`, `"text"`, `3`, `true`, `nil`. */
  value(): string {
    const l = this.next();
    if (!l) return this.fail(`missing value in "${quoted(this.at.value)}"`);
    if (l.type === 'str') return JSON.stringify(l.value);
    if (l.type === 'num') return `(${String(Number(l.value))})`;
    if (l.type !== 'id') return this.fail(`unexpected "${l.value}" in "${quoted(this.at.value)}"`);
    if (l.value === 'true') return 'true';
    if (l.value === 'false') return 'false';
    if (l.value === 'nil' || l.value === 'null') return 'null';
    if (l.value === 'empty' || l.value === 'blank') return '""';
    let code = this.root(l.value);
    for (;;) {
      const p = this.peek();
      if (p?.value === '.') {
        this.i++;
        const key = this.next();
        if (key?.type !== 'id') this.fail(`expected a name after "." in "${quoted(this.at.value)}"`);
        code = this.segment(code, key.value);
      } else if (p?.value === '[') {
        this.deeper();
        this.i++;
        const key = this.value();
        this.expect(']');
        code = `rt.at(${code}, String(${key}))`;
      } else break;
    }
    return code;
  }

  /** A variable: a loop's, else one assigned (when it has been), else the data's. */
  private root(name: string): string {
    const local = this.scope.local(name);
    if (local) return local;
    const key = JSON.stringify(name);
    const missing = this.lenient ? 'undefined' : `rt.undefinedVariable(${key}, ${this.at.line}, ${this.at.col})`;
    const fromData = `(rt.hasOwn(d, ${key}) ? d[${key}] : ${missing})`;
    return this.scope.assigned.has(name) ? `(${key} in A ? A[${key}] : ${fromData})` : fromData;
  }

  private segment(code: string, key: string): string {
    if (key === 'size' || key === 'first' || key === 'last') return `rt.${key}(${code})`;
    if (!PLAIN_NAME.test(key) || INHERITED.has(key)) return `rt.own(${code}, ${JSON.stringify(key)})`;
    const t = this.scope.temp();
    return `((${t} = ${code}) !== null && typeof ${t} === 'object' ? ${t}.${key} : undefined)`;
  }
}

/** `expression | filter: a, b | filter`: the value's code, and whether it is raw. */
function compileOutput(token: Token, lenient: boolean, scope: Scope): { code: string; raw: boolean } {
  const lexemes = lex(token.value, token);
  const p = new ExpressionParser(lexemes, token, lenient, scope);
  let code = p.value();
  let raw = false;
  while (!p.done()) {
    p.expect('|');
    p.deeper();
    const name = p.next();
    if (name?.type !== 'id') throw new TemplateError(`expected a filter name in "${quoted(token.value)}"`, token.line, token.col);
    if (!Object.prototype.hasOwnProperty.call(FILTERS, name.value)) throw new TemplateError(`undefined filter: ${name.value}`, token.line, token.col);
    // Only a last `raw` leaves the output unescaped: `{{ a | raw | upcase }}` is escaped, as in Liquid.
    raw = name.value === 'raw';
    const args: string[] = [];
    const literals: unknown[] = [];
    const argument = (): void => {
      const l = p.peek();
      literals.push(l?.type === 'num' ? Number(l.value) : l?.type === 'str' ? l.value : null);
      args.push(p.value());
    };
    if (!p.done() && p.peek()?.value === ':') {
      p.next();
      argument();
      while (!p.done() && p.peek()?.value === ',') {
        p.next();
        argument();
      }
    }
    // A number written in the template is checked now, so that the template is refused before any report.
    const wrong = ARGUMENTS[name.value]?.(literals);
    if (wrong) throw new TemplateError(say('en', wrong), token.line, token.col, wrong);
    code = `rt.filters[${JSON.stringify(name.value)}](${[code, ...args].join(', ')})`;
  }
  return { code, raw };
}

// ---- statements ----

interface Block {
  tag: string;
  token: Token;
}

/** After each output: the rendered text stays under the limit. */
const LONG = `if (o.length > ${TEMPLATE_LIMITS.chars}) rt.tooLong();\n`;

class Parser {
  private i = 0;
  private depth = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly scope: Scope,
  ) {}

  parse(): string {
    const body = this.block([]);
    if (this.i < this.tokens.length) {
      const t = this.tokens[this.i]!;
      throw new TemplateError(`unexpected tag "${quoted(t.value)}"`, t.line, t.col);
    }
    return body.code;
  }

  /** Statements up to one of `ends` (not consumed). */
  private block(ends: string[], opener?: Block): { code: string; end?: string } {
    let code = '';
    while (this.i < this.tokens.length) {
      const t = this.tokens[this.i]!;
      if (t.kind === 'text') {
        if (t.value !== '') code += `${this.scope.tick(t)}o += ${JSON.stringify(t.value)};\n${LONG}`;
        this.i++;
        continue;
      }
      if (t.kind === 'output') {
        const { code: value, raw } = compileOutput(t, false, this.scope);
        const v = this.scope.temp();
        code += this.scope.tick(t);
        code += raw ? `o += rt.str(${value});\n` : `${v} = ${value}; o += esc(Array.isArray(${v}) ? ${v}.map(rt.str).join('') : ${v} ?? '');\n`;
        code += LONG;
        this.i++;
        continue;
      }
      const name = /^(\w+)/.exec(t.value)?.[1] ?? '';
      if (ends.includes(name)) return { code, end: name };
      this.i++;
      code += this.tag(name, t);
    }
    if (opener) throw new TemplateError(`tag "${opener.tag}" not closed`, opener.token.line, opener.token.col);
    return { code };
  }

  private tag(name: string, t: Token): string {
    const rest = t.value.slice(name.length).trim();
    switch (name) {
      case 'if':
      case 'unless': {
        this.nest(t);
        const opener = { tag: name, token: t };
        let code = `${this.scope.tick(t)}if (${this.condition(rest, t, name === 'unless')}) {\n`;
        for (;;) {
          const { code: body, end } = this.block(['elsif', 'else', `end${name}`], opener);
          const endToken = this.tokens[this.i++]!;
          code += body;
          if (end === `end${name}`) break;
          if (end === 'elsif') {
            code += `} else if ((${this.scope.mark(endToken)}, ${this.condition(endToken.value.slice('elsif'.length).trim(), endToken, false)})) {\n`;
            continue;
          }
          code += `} else {\n${this.block([`end${name}`], opener).code}`;
          this.i++;
          break;
        }
        this.depth--;
        return `${code}}\n`;
      }
      case 'for': {
        const m = forParts(rest);
        if (!m) throw new TemplateError(`expected "for item in list" in "${quoted(t.value)}"`, t.line, t.col);
        this.nest(t);
        const tick = this.scope.tick(t);
        const list = compileOutput({ ...t, value: m[2] }, false, this.scope).code;
        const n = this.scope.loop();
        const [items, index, item, loop] = [`items${n}`, `i${n}`, `item${n}`, `forloop${n}`];
        this.scope.locals.push(
          new Map([
            [m[1], item],
            ['forloop', loop],
          ]),
        );
        const { code: body, end } = this.block(['else', 'endfor'], { tag: 'for', token: t });
        this.scope.locals.pop();
        this.i++;
        let empty = '';
        if (end === 'else') {
          empty = this.block(['endfor'], { tag: 'for', token: t }).code;
          this.i++;
        }
        const limited = m[3] !== undefined ? `rt.list(${list}).slice(0, ${Number(m[3])})` : `rt.list(${list})`;
        this.depth--;
        return (
          `{ ${tick}const ${items} = ${limited};\n` +
          `if (${items}.length === 0) {\n${empty}} else for (let ${index} = 0; ${index} < ${items}.length; ${index}++) {\n` +
          `${tick}const ${item} = ${items}[${index}];\n` +
          `const ${loop} = { index: ${index} + 1, index0: ${index}, first: ${index} === 0, last: ${index} === ${items}.length - 1, length: ${items}.length };\n` +
          `${body}} }\n`
        );
      }
      case 'assign': {
        const m = /^(\w+)\s*=(.+)$/.exec(rest);
        if (!m || m[2]!.trim() === '') throw new TemplateError(`expected "assign name = value" in "${quoted(t.value)}"`, t.line, t.col);
        const value = compileOutput({ ...t, value: m[2]!.trim() }, false, this.scope).code;
        return `${this.scope.tick(t)}A[${JSON.stringify(m[1]!)}] = rt.stored(${value});\n`;
      }
      case 'comment':
        this.i++; // endcomment
        return '';
      case 'raw': {
        const { code } = this.block(['endraw'], { tag: 'raw', token: t });
        this.i++;
        return code;
      }
      case 'include':
      case 'render':
      case 'layout':
        throw new TemplateError(`"${name}" is not allowed: a report template reads no other file`, t.line, t.col);
      default:
        throw new TemplateError(`unknown tag "${name}"`, t.line, t.col);
    }
  }

  /** One block deeper: refused past the nesting limit, which keeps the generated function's nesting within V8's reach. */
  private nest(t: Token): void {
    if (++this.depth > TEMPLATE_LIMITS.nesting) throw nestingError(t);
  }

  private condition(expr: string, t: Token, negate: boolean): string {
    const p = new ExpressionParser(lex(expr, t), t, true, this.scope);
    const test = p.condition();
    if (!p.done()) throw new TemplateError(`unexpected "${quoted(expr)}"`, t.line, t.col);
    return negate ? `!rt.truthy(${test})` : `rt.truthy(${test})`;
  }
}

/** What the last rendering spent: its steps (see TEMPLATE_LIMITS). */
export function lastRenderSteps(): number {
  return meter.steps;
}

/** Parses a template once into a function; errors are TemplateErrors with their line and column. */
export function compileTemplate(source: string, escape: (value: unknown) => string): CompiledTemplate {
  const tokens = tokenize(source);
  // `assign` writes a variable for the rest of the template, wherever it stands.
  const assigned = new Set(tokens.flatMap((t) => (t.kind === 'tag' ? [/^assign\s+(\w+)/.exec(t.value)?.[1]] : [])).filter((x): x is string => x !== undefined));
  const scope = new Scope(assigned);
  const body = new Parser(tokens, scope).parse();
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the source is ours: see the top of this file.
  const fn = new Function('d', 'A', 'rt', 'esc', 'm', `"use strict";\n${scope.declarations()}let o = '';\n${body}return o;`) as (
    d: Record<string, unknown>,
    A: Record<string, unknown>,
    rt: Runtime,
    esc: (value: unknown) => string,
    m: typeof meter,
  ) => string;
  const { positions } = scope;
  return {
    render(data) {
      meter.steps = 0;
      meter.at = 0;
      try {
        return fn(data, Object.create(null) as Record<string, unknown>, RUNTIME, escape, meter);
      } catch (error) {
        if (!(error instanceof LimitError)) throw error;
        const at = positions[meter.at] ?? { line: 1, col: 1 };
        throw new TemplateError(error.message, at.line, at.col, error.detail);
      }
    },
  };
}
