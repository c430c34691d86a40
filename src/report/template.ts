/*
 * Report templates: a sandboxed subset of Liquid, parsed once into closures.
 *
 * Why our own: the reports of a 50,000-organisation batch are rendered 50,000 times, and a general
 * engine spent most of a batch's time walking its own machinery. This one knows only what report
 * templates need, runs no code from the template, reads no file (`include`, `render` and `layout` are
 * refused), reaches only the data's own properties, escapes every output unless the template says
 * `| raw`, and reports every error with its line and column.
 *
 * Supported: `{{ expression | filter: argument }}`; `{% if %}`/`elsif`/`else`, `unless`, `for x in
 * list` (with `else`, `forloop.index`, `forloop.first`, `forloop.last`, `limit:`), `assign`,
 * `comment`, `raw`; whitespace control with `-`; the operators `== != < > <= >= contains and or`;
 * the filters listed in FILTERS.
 */

export class TemplateError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly col: number,
  ) {
    super(message);
  }
}

type Scope = Record<string, unknown>[];
/** Output accumulates in one string: V8 joins the pieces once, when the report is written. */
type Out = { s: string };
type Render = (scope: Scope, out: Out) => void;
type Eval = (scope: Scope) => unknown;

export interface CompiledTemplate {
  render(data: Record<string, unknown>): string;
}

interface Token {
  kind: 'text' | 'output' | 'tag';
  value: string;
  line: number;
  col: number;
  trimLeft: boolean;
  trimRight: boolean;
}

function position(source: string, offset: number): { line: number; col: number } {
  let line = 1;
  let last = -1;
  for (let i = source.indexOf('\n'); i !== -1 && i < offset; i = source.indexOf('\n', i + 1)) {
    line += 1;
    last = i;
  }
  return { line, col: offset - last };
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const start = source.indexOf('{', i);
    const next = start === -1 ? -1 : source[start + 1] === '{' || source[start + 1] === '%' ? start : -2;
    if (start === -1 || next === -1) {
      tokens.push({ kind: 'text', value: source.slice(i), ...position(source, i), trimLeft: false, trimRight: false });
      break;
    }
    if (next === -2) {
      // A lone brace: text up to and including it.
      const text = source.slice(i, start + 1);
      tokens.push({ kind: 'text', value: text, ...position(source, i), trimLeft: false, trimRight: false });
      i = start + 1;
      continue;
    }
    if (start > i) tokens.push({ kind: 'text', value: source.slice(i, start), ...position(source, i), trimLeft: false, trimRight: false });
    const isOutput = source[start + 1] === '{';
    const close = isOutput ? '}}' : '%}';
    const end = source.indexOf(close, start + 2);
    const at = position(source, start);
    if (end === -1) {
      throw new TemplateError(`${isOutput ? 'output' : 'tag'} "${source.slice(start, start + 30).replace(/\n/g, '\\n')}" not closed`, at.line, at.col);
    }
    let inner = source.slice(start + 2, end);
    const trimLeft = inner.startsWith('-');
    const trimRight = inner.endsWith('-');
    if (trimLeft) inner = inner.slice(1);
    if (trimRight) inner = inner.slice(0, -1);
    if (isOutput && /\{\{|\{%/.test(inner)) {
      throw new TemplateError(`output "${source.slice(start, start + 30).replace(/\n/g, '\\n')}" not closed`, at.line, at.col);
    }
    tokens.push({ kind: isOutput ? 'output' : 'tag', value: inner.trim(), ...at, trimLeft, trimRight });
    i = end + 2;
    // `{% raw %}` and `{% comment %}` swallow everything up to their end tag.
    const tag = /^(raw|comment)$/.exec(inner.trim())?.[1];
    if (!isOutput && tag) {
      const endTag = new RegExp(`\\{%-?\\s*end${tag}\\s*-?%\\}`, 'g');
      endTag.lastIndex = i;
      const m = endTag.exec(source);
      if (!m) throw new TemplateError(`tag "${tag}" not closed`, at.line, at.col);
      if (tag === 'raw') tokens.push({ kind: 'text', value: source.slice(i, m.index), ...position(source, i), trimLeft: false, trimRight: false });
      const endInner = m[0];
      tokens.push({ kind: 'tag', value: `end${tag}`, ...position(source, m.index), trimLeft: endInner.startsWith('{%-'), trimRight: endInner.endsWith('-%}') });
      i = m.index + m[0].length;
    }
  }
  // Whitespace control, as Liquid does it line by line: `{%-` trims the blanks before it on its line;
  // `-%}` trims the blanks after it and the end of its line.
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind === 'text') continue;
    const before = tokens[k - 1];
    const after = tokens[k + 1];
    if (t.trimLeft && before?.kind === 'text') before.value = before.value.replace(/[ \t]+$/, '');
    if (t.trimRight && after?.kind === 'text') after.value = after.value.replace(/^[ \t]*\r?\n?/, '');
  }
  return tokens;
}

// ---- expressions ----

type Lexeme = { type: 'id' | 'str' | 'num' | 'op' | 'punct'; value: string };

function lex(expr: string, at: Token): Lexeme[] {
  const out: Lexeme[] = [];
  const re = /\s*(?:(==|!=|<=|>=|<|>|\.\.)|([|:,.[\]()])|("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|(-?\d+(?:\.\d+)?)|([A-Za-z_][\w-]*\??))/y;
  let i = 0;
  while (i < expr.length) {
    if (/^\s*$/.test(expr.slice(i))) break;
    re.lastIndex = i;
    const m = re.exec(expr);
    if (!m) throw new TemplateError(`unexpected "${expr.slice(i).trim().slice(0, 20)}" in "${expr}"`, at.line, at.col);
    if (m[1]) out.push({ type: 'op', value: m[1] });
    else if (m[2]) out.push({ type: 'punct', value: m[2] });
    else if (m[3]) out.push({ type: 'str', value: m[3].slice(1, -1).replace(/\\(.)/g, '$1') });
    else if (m[4]) out.push({ type: 'num', value: m[4] });
    else if (m[5]) {
      const word = m[5];
      out.push({ type: ['and', 'or', 'contains'].includes(word) ? 'op' : 'id', value: word });
    }
    i = re.lastIndex;
  }
  return out;
}

const own = (o: unknown, key: string): unknown =>
  o !== null && typeof o === 'object' && Object.prototype.hasOwnProperty.call(o, key) ? (o as Record<string, unknown>)[key] : undefined;

const MISSING = Symbol('missing');

function lookup(scope: Scope, name: string): unknown {
  for (let i = scope.length - 1; i >= 0; i--) {
    const frame = scope[i]!;
    if (Object.prototype.hasOwnProperty.call(frame, name)) return frame[name];
  }
  return MISSING;
}

class ExpressionParser {
  private i = 0;
  constructor(
    private readonly lexemes: Lexeme[],
    private readonly at: Token,
    private readonly lenient: boolean,
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
    if (l?.value !== value) this.fail(`expected "${value}" in "${this.at.value}"`);
  }
  next(): Lexeme | undefined {
    return this.lexemes[this.i++];
  }

  /** `a or b and c`: Liquid evaluates and/or from the right, without precedence. */
  condition(): Eval {
    const left = this.comparison();
    const op = this.peek();
    if (op?.type === 'op' && (op.value === 'and' || op.value === 'or')) {
      this.i++;
      const right = this.condition();
      return op.value === 'and' ? (s) => truthy(left(s)) && truthy(right(s)) : (s) => truthy(left(s)) || truthy(right(s));
    }
    return left;
  }

  private comparison(): Eval {
    const left = this.value();
    const op = this.peek();
    if (op?.type !== 'op' || op.value === 'and' || op.value === 'or') return left;
    this.i++;
    const right = this.value();
    switch (op.value) {
      case '==':
        return (s) => equal(left(s), right(s));
      case '!=':
        return (s) => !equal(left(s), right(s));
      case '<':
        return (s) => (left(s) as number) < (right(s) as number);
      case '>':
        return (s) => (left(s) as number) > (right(s) as number);
      case '<=':
        return (s) => (left(s) as number) <= (right(s) as number);
      case '>=':
        return (s) => (left(s) as number) >= (right(s) as number);
      case 'contains':
        return (s) => {
          const l = left(s);
          const r = right(s);
          return typeof l === 'string' ? l.includes(String(r)) : Array.isArray(l) ? l.includes(r) : false;
        };
      default:
        return this.fail(`unknown operator "${op.value}"`);
    }
  }

  /** A literal or a variable path: `a.b[0].size`, `"text"`, `3`, `true`, `nil`. */
  value(): Eval {
    const l = this.next();
    if (!l) return this.fail(`missing value in "${this.at.value}"`);
    if (l.type === 'str') return () => l.value;
    if (l.type === 'num') {
      const n = Number(l.value);
      return () => n;
    }
    if (l.type !== 'id') return this.fail(`unexpected "${l.value}" in "${this.at.value}"`);
    if (l.value === 'true') return () => true;
    if (l.value === 'false') return () => false;
    if (l.value === 'nil' || l.value === 'null') return () => null;
    if (l.value === 'empty' || l.value === 'blank') return () => '';
    const path: (Eval | string)[] = [];
    for (;;) {
      const p = this.peek();
      if (p?.value === '.') {
        this.i++;
        const key = this.next();
        if (key?.type !== 'id') this.fail(`expected a name after "." in "${this.at.value}"`);
        path.push(key!.value);
      } else if (p?.value === '[') {
        this.i++;
        path.push(this.value());
        this.expect(']');
      } else break;
    }
    const name = l.value;
    const at = this.at;
    const lenient = this.lenient;
    return (scope) => {
      let v = lookup(scope, name);
      if (v === MISSING) {
        if (lenient) return undefined;
        throw new TemplateError(`undefined variable: ${name}`, at.line, at.col);
      }
      for (let k = 0; k < path.length; k++) {
        const segment = path[k]!;
        const key = typeof segment === 'string' ? segment : String(segment(scope));
        if (key === 'size' && (Array.isArray(v) || typeof v === 'string')) v = v.length;
        else if (key === 'first' && Array.isArray(v)) v = v[0];
        else if (key === 'last' && Array.isArray(v)) v = v[v.length - 1];
        else v = own(v, key);
      }
      return v;
    };
  }
}

function truthy(v: unknown): boolean {
  return v !== false && v !== null && v !== undefined;
}
function equal(a: unknown, b: unknown): boolean {
  if ((a === '' || a === undefined) && (b === '' || b === undefined)) return true;
  if (Array.isArray(a) && b === '') return a.length === 0;
  return a === b;
}

type Filter = (input: unknown, ...args: unknown[]) => unknown;
const str = (v: unknown) => (v === null || v === undefined ? '' : Array.isArray(v) ? v.join('') : String(v));

/** Filters: pure functions of their input and arguments. */
const FILTERS: Record<string, Filter> = {
  raw: (v) => v,
  join: (v, sep = ' ') => (Array.isArray(v) ? v.map(str).join(str(sep)) : str(v)),
  downcase: (v) => str(v).toLowerCase(),
  upcase: (v) => str(v).toUpperCase(),
  capitalize: (v) => str(v).charAt(0).toUpperCase() + str(v).slice(1),
  strip: (v) => str(v).trim(),
  size: (v) => (Array.isArray(v) || typeof v === 'string' ? v.length : 0),
  first: (v) => (Array.isArray(v) ? v[0] : str(v).charAt(0)),
  last: (v) => (Array.isArray(v) ? v[v.length - 1] : str(v).slice(-1)),
  slice: (v, start, length = 1) => {
    const s = Number(start);
    const n = Number(length);
    return Array.isArray(v) ? v.slice(s, s + n) : str(v).slice(s, s + n);
  },
  append: (v, x) => str(v) + str(x),
  prepend: (v, x) => str(x) + str(v),
  replace: (v, a, b = '') => str(v).split(str(a)).join(str(b)),
  remove: (v, a) => str(v).split(str(a)).join(''),
  truncate: (v, n = 50, end = '…') => (str(v).length > Number(n) ? str(v).slice(0, Math.max(0, Number(n) - str(end).length)) + str(end) : str(v)),
  default: (v, d) => (v === undefined || v === null || v === '' || v === false || (Array.isArray(v) && v.length === 0) ? d : v),
  plus: (v, x) => Number(v) + Number(x),
  minus: (v, x) => Number(v) - Number(x),
  times: (v, x) => Number(v) * Number(x),
  divided_by: (v, x) => Number(v) / Number(x),
  round: (v, d = 0) => Number(Number(v).toFixed(Number(d))),
  reverse: (v) => (Array.isArray(v) ? [...v].reverse() : str(v).split('').reverse().join('')),
  where: (v, key, value) => (Array.isArray(v) ? v.filter((x) => (value === undefined ? truthy(own(x, str(key))) : own(x, str(key)) === value)) : v),
  map: (v, key) => (Array.isArray(v) ? v.map((x) => own(x, str(key))) : v),
};

/** `expression | filter: a, b | filter`: the value, whether it is raw, and the filters applied. */
function compileOutput(token: Token, lenient: boolean): { value: Eval; raw: boolean } {
  const lexemes = lex(token.value, token);
  const p = new ExpressionParser(lexemes, token, lenient);
  let value = p.value();
  let raw = false;
  while (!p.done()) {
    p.expect('|');
    const name = p.next();
    if (name?.type !== 'id') throw new TemplateError(`expected a filter name in "${token.value}"`, token.line, token.col);
    const filter = FILTERS[name.value];
    if (!filter) throw new TemplateError(`undefined filter: ${name.value}`, token.line, token.col);
    if (name.value === 'raw') raw = true;
    const args: Eval[] = [];
    if (!p.done() && p.peek()?.value === ':') {
      p.next();
      args.push(p.value());
      while (!p.done() && p.peek()?.value === ',') {
        p.next();
        args.push(p.value());
      }
    }
    const input = value;
    const [a, b] = args;
    if (args.length === 0) value = (s) => filter(input(s));
    else if (args.length === 1) value = (s) => filter(input(s), a!(s));
    else if (args.length === 2) value = (s) => filter(input(s), a!(s), b!(s));
    else value = (s) => filter(input(s), ...args.map((x) => x(s)));
  }
  return { value, raw };
}

// ---- statements ----

interface Block {
  tag: string;
  token: Token;
}

class Parser {
  private i = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly escape: (v: unknown) => string,
  ) {}

  parse(): Render {
    const body = this.block([]);
    if (this.i < this.tokens.length) {
      const t = this.tokens[this.i]!;
      throw new TemplateError(`unexpected tag "${t.value}"`, t.line, t.col);
    }
    return body.render;
  }

  /** Statements up to one of `ends` (not consumed). */
  private block(ends: string[], opener?: Block): { render: Render; end?: string } {
    const parts: Render[] = [];
    while (this.i < this.tokens.length) {
      const t = this.tokens[this.i]!;
      if (t.kind === 'text') {
        const text = t.value;
        if (text !== '') parts.push((_s, out) => void (out.s += text));
        this.i++;
        continue;
      }
      if (t.kind === 'output') {
        const { value, raw } = compileOutput(t, false);
        const escape = this.escape;
        parts.push((s, out) => {
          const v = value(s);
          out.s += raw ? str(v) : escape(Array.isArray(v) ? v.map(str).join('') : v ?? '');
        });
        this.i++;
        continue;
      }
      const name = /^(\w+)/.exec(t.value)?.[1] ?? '';
      if (ends.includes(name)) return { render: sequence(parts), end: name };
      this.i++;
      parts.push(this.tag(name, t));
    }
    if (opener) throw new TemplateError(`tag "${opener.tag}" not closed`, opener.token.line, opener.token.col);
    return { render: sequence(parts) };
  }

  private tag(name: string, t: Token): Render {
    const rest = t.value.slice(name.length).trim();
    switch (name) {
      case 'if':
      case 'unless': {
        const opener = { tag: name, token: t };
        const branches: { test: Eval; body: Render }[] = [];
        let test = this.condition(rest, t, name === 'unless');
        let otherwise: Render | undefined;
        for (;;) {
          const { render, end } = this.block(['elsif', 'else', `end${name}`], opener);
          const endToken = this.tokens[this.i++]!;
          branches.push({ test, body: render });
          if (end === `end${name}`) break;
          if (end === 'elsif') {
            test = this.condition(endToken.value.slice('elsif'.length).trim(), endToken, false);
            continue;
          }
          otherwise = this.block([`end${name}`], opener).render;
          this.i++;
          break;
        }
        return (s, out) => {
          for (const b of branches) {
            if (b.test(s)) {
              b.body(s, out);
              return;
            }
          }
          otherwise?.(s, out);
        };
      }
      case 'for': {
        const m = /^(\w+)\s+in\s+(.+?)(?:\s+limit\s*:\s*(\d+))?$/.exec(rest);
        if (!m) throw new TemplateError(`expected "for item in list" in "${t.value}"`, t.line, t.col);
        const variable = m[1]!;
        const list = compileOutput({ ...t, value: m[2]! }, false).value;
        const limit = m[3] !== undefined ? Number(m[3]) : undefined;
        const { render: body, end } = this.block(['else', 'endfor'], { tag: 'for', token: t });
        this.i++;
        let empty: Render | undefined;
        if (end === 'else') {
          empty = this.block(['endfor'], { tag: 'for', token: t }).render;
          this.i++;
        }
        return (s, out) => {
          const v = list(s);
          const all: unknown[] = Array.isArray(v) ? v : v === undefined || v === null || v === '' ? [] : [v];
          const items = limit === undefined ? all : all.slice(0, limit);
          if (items.length === 0) {
            empty?.(s, out);
            return;
          }
          const frame: Record<string, unknown> = {};
          s.push(frame);
          for (let index = 0; index < items.length; index++) {
            frame[variable] = items[index];
            frame.forloop = { index: index + 1, index0: index, first: index === 0, last: index === items.length - 1, length: items.length };
            body(s, out);
          }
          s.pop();
        };
      }
      case 'assign': {
        const m = /^(\w+)\s*=\s*(.+)$/.exec(rest);
        if (!m) throw new TemplateError(`expected "assign name = value" in "${t.value}"`, t.line, t.col);
        const value = compileOutput({ ...t, value: m[2]! }, false).value;
        const variable = m[1]!;
        return (s) => {
          s[0]![variable] = value(s);
        };
      }
      case 'comment':
        this.i++; // endcomment
        return () => undefined;
      case 'raw': {
        const { render } = this.block(['endraw'], { tag: 'raw', token: t });
        this.i++;
        return render;
      }
      case 'include':
      case 'render':
      case 'layout':
        throw new TemplateError(`"${name}" is not allowed: a report template reads no other file`, t.line, t.col);
      default:
        throw new TemplateError(`unknown tag "${name}"`, t.line, t.col);
    }
  }

  private condition(expr: string, t: Token, negate: boolean): Eval {
    const p = new ExpressionParser(lex(expr, t), t, true);
    const test = p.condition();
    if (!p.done()) throw new TemplateError(`unexpected "${expr}"`, t.line, t.col);
    return negate ? (s) => !truthy(test(s)) : (s) => truthy(test(s));
  }
}

function sequence(parts: Render[]): Render {
  if (parts.length === 1) return parts[0]!;
  return (s, out) => {
    for (let i = 0; i < parts.length; i++) parts[i]!(s, out);
  };
}

/** Parses a template once; errors are TemplateErrors with their line and column. */
export function compileTemplate(source: string, escape: (value: unknown) => string): CompiledTemplate {
  const render = new Parser(tokenize(source), escape).parse();
  return {
    render(data) {
      const out: Out = { s: '' };
      render([{ ...data }], out);
      return out.s;
    },
  };
}
