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
  const re = /\s*(?:(==|!=|<=|>=|<|>|\.\.)|([|:,.[\]()])|("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|(-?\d+(?:\.\d+)?)|([A-Z_][\w-]*\??))/iy;
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
  join: (v, sep = ' ') => (Array.isArray(v) ? v.map(str).join(str(sep)) : str(v)),
  downcase: (v) => str(v).toLowerCase(),
  upcase: (v) => str(v).toUpperCase(),
  capitalize: (v) => str(v).charAt(0).toUpperCase() + str(v).slice(1),
  strip: (v) => str(v).trim(),
  size: (v) => (Array.isArray(v) || typeof v === 'string' ? v.length : 0),
  first: (v) => (Array.isArray(v) ? items(v)[0] : str(v).charAt(0)),
  last: (v) => (Array.isArray(v) ? items(v)[v.length - 1] : str(v).slice(-1)),
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
  round: (v, d = 0) => {
    // As Liquid: any number of digits, negative ones too (15 | round: -1 is 20); never toFixed's RangeError.
    const f = 10 ** Math.max(-300, Math.min(300, Math.trunc(Number(d)) || 0));
    return Math.round(Number(v) * f) / f;
  },
  reverse: (v) => (Array.isArray(v) ? [...items(v)].reverse() : str(v).split('').reverse().join('')),
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
  size: (v: unknown) => (Array.isArray(v) || typeof v === 'string' ? v.length : own(v, 'size')),
  first: (v: unknown) => (Array.isArray(v) ? items(v)[0] : own(v, 'first')),
  last: (v: unknown) => (Array.isArray(v) ? items(v)[v.length - 1] : own(v, 'last')),
  /** `a[key]`, the key known only when the report is rendered. */
  at: (v: unknown, key: string): unknown =>
    key === 'size' ? RUNTIME.size(v) : key === 'first' ? RUNTIME.first(v) : key === 'last' ? RUNTIME.last(v) : own(v, key),
  contains: (l: unknown, r: unknown) => (typeof l === 'string' ? l.includes(String(r)) : Array.isArray(l) ? l.includes(r) : false),
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
  constructor(readonly assigned: ReadonlySet<string>) {}
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
    if (l?.value !== value) this.fail(`expected "${value}" in "${this.at.value}"`);
  }
  next(): Lexeme | undefined {
    return this.lexemes[this.i++];
  }

  /** `a or b and c`: Liquid evaluates and/or from the right, without precedence. */
  condition(): string {
    const left = this.comparison();
    const op = this.peek();
    if (op?.type === 'op' && (op.value === 'and' || op.value === 'or')) {
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
    if (!l) return this.fail(`missing value in "${this.at.value}"`);
    if (l.type === 'str') return JSON.stringify(l.value);
    if (l.type === 'num') return `(${String(Number(l.value))})`;
    if (l.type !== 'id') return this.fail(`unexpected "${l.value}" in "${this.at.value}"`);
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
        if (key?.type !== 'id') this.fail(`expected a name after "." in "${this.at.value}"`);
        code = this.segment(code, key.value);
      } else if (p?.value === '[') {
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
    const name = p.next();
    if (name?.type !== 'id') throw new TemplateError(`expected a filter name in "${token.value}"`, token.line, token.col);
    if (!Object.prototype.hasOwnProperty.call(FILTERS, name.value)) throw new TemplateError(`undefined filter: ${name.value}`, token.line, token.col);
    // Only a last `raw` leaves the output unescaped: `{{ a | raw | upcase }}` is escaped, as in Liquid.
    raw = name.value === 'raw';
    const args: string[] = [];
    if (!p.done() && p.peek()?.value === ':') {
      p.next();
      args.push(p.value());
      while (!p.done() && p.peek()?.value === ',') {
        p.next();
        args.push(p.value());
      }
    }
    code = `rt.filters[${JSON.stringify(name.value)}](${[code, ...args].join(', ')})`;
  }
  return { code, raw };
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
    private readonly scope: Scope,
  ) {}

  parse(): string {
    const body = this.block([]);
    if (this.i < this.tokens.length) {
      const t = this.tokens[this.i]!;
      throw new TemplateError(`unexpected tag "${t.value}"`, t.line, t.col);
    }
    return body.code;
  }

  /** Statements up to one of `ends` (not consumed). */
  private block(ends: string[], opener?: Block): { code: string; end?: string } {
    let code = '';
    while (this.i < this.tokens.length) {
      const t = this.tokens[this.i]!;
      if (t.kind === 'text') {
        if (t.value !== '') code += `o += ${JSON.stringify(t.value)};\n`;
        this.i++;
        continue;
      }
      if (t.kind === 'output') {
        const { code: value, raw } = compileOutput(t, false, this.scope);
        const v = this.scope.temp();
        code += raw ? `o += rt.str(${value});\n` : `${v} = ${value}; o += esc(Array.isArray(${v}) ? ${v}.map(rt.str).join('') : ${v} ?? '');\n`;
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
        const opener = { tag: name, token: t };
        let code = `if (${this.condition(rest, t, name === 'unless')}) {\n`;
        for (;;) {
          const { code: body, end } = this.block(['elsif', 'else', `end${name}`], opener);
          const endToken = this.tokens[this.i++]!;
          code += body;
          if (end === `end${name}`) break;
          if (end === 'elsif') {
            code += `} else if (${this.condition(endToken.value.slice('elsif'.length).trim(), endToken, false)}) {\n`;
            continue;
          }
          code += `} else {\n${this.block([`end${name}`], opener).code}`;
          this.i++;
          break;
        }
        return `${code}}\n`;
      }
      case 'for': {
        const m = forParts(rest);
        if (!m) throw new TemplateError(`expected "for item in list" in "${t.value}"`, t.line, t.col);
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
        return (
          `{ const ${items} = ${limited};\n` +
          `if (${items}.length === 0) {\n${empty}} else for (let ${index} = 0; ${index} < ${items}.length; ${index}++) {\n` +
          `const ${item} = ${items}[${index}];\n` +
          `const ${loop} = { index: ${index} + 1, index0: ${index}, first: ${index} === 0, last: ${index} === ${items}.length - 1, length: ${items}.length };\n` +
          `${body}} }\n`
        );
      }
      case 'assign': {
        const m = /^(\w+)\s*=(.+)$/.exec(rest);
        if (!m || m[2]!.trim() === '') throw new TemplateError(`expected "assign name = value" in "${t.value}"`, t.line, t.col);
        const value = compileOutput({ ...t, value: m[2]!.trim() }, false, this.scope).code;
        return `A[${JSON.stringify(m[1]!)}] = ${value};\n`;
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

  private condition(expr: string, t: Token, negate: boolean): string {
    const p = new ExpressionParser(lex(expr, t), t, true, this.scope);
    const test = p.condition();
    if (!p.done()) throw new TemplateError(`unexpected "${expr}"`, t.line, t.col);
    return negate ? `!rt.truthy(${test})` : `rt.truthy(${test})`;
  }
}

/** Parses a template once into a function; errors are TemplateErrors with their line and column. */
export function compileTemplate(source: string, escape: (value: unknown) => string): CompiledTemplate {
  const tokens = tokenize(source);
  // `assign` writes a variable for the rest of the template, wherever it stands.
  const assigned = new Set(tokens.flatMap((t) => (t.kind === 'tag' ? [/^assign\s+(\w+)/.exec(t.value)?.[1]] : [])).filter((x): x is string => x !== undefined));
  const scope = new Scope(assigned);
  const body = new Parser(tokens, scope).parse();
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the source is ours: see the top of this file.
  const fn = new Function('d', 'A', 'rt', 'esc', `"use strict";\n${scope.declarations()}let o = '';\n${body}return o;`) as (
    d: Record<string, unknown>,
    A: Record<string, unknown>,
    rt: Runtime,
    esc: (value: unknown) => string,
  ) => string;
  return {
    render(data) {
      return fn(data, Object.create(null) as Record<string, unknown>, RUNTIME, escape);
    },
  };
}
