import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type Node,
  type Pair,
  type Scalar,
  type YAMLMap,
} from 'yaml';
import { InputError, type Located } from '../errors.js';
import { msg, type Message } from '../i18n/index.js';
import { steps } from '../steps.js';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export type Path = readonly (string | number)[];

/** A parsed YAML or JSON file that can say where any of its values stands. */
export interface SourceFile {
  /** The name shown in messages. */
  file: string;
  /** The text with any byte-order mark removed and line ends as in the file. */
  text: string;
  data: unknown;
  /** Line and column of the value at `path` (or of its key, with `key`), else of its nearest ancestor. */
  locate(path: Path, key?: boolean): { line: number; col: number };
}

/**
 * The bytes of an input file, the one way every input is read: opened without blocking (a FIFO does
 * not hang), checked to be a regular file on the open descriptor (a device, FIFO or socket is refused,
 * whatever its name), and read up to `limit` bytes, the limit enforced on the read itself (`/dev/zero`
 * reports a size of 0).
 */
export function readBytes(file: string, display = file, limit = MAX_FILE_BYTES): Buffer {
  const at = (message: Message): InputError => new InputError([{ file: display, message }]);
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw at(fileErrorMessage(error, display));
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw at(msg('file.is-directory', { file: display }));
    if (!stat.isFile()) throw at(msg('file.not-regular', { file: display }));
    if (stat.size > limit) throw at(msg('file.too-large', { size: megabytes(stat.size), limit: megabytes(limit) }));
    const chunks: Buffer[] = [];
    let total = 0;
    // First the size the file says it has, and one byte more to see its end; then more, if it grew.
    let capacity = Math.min(stat.size + 1, limit + 1);
    for (;;) {
      const chunk = Buffer.allocUnsafe(capacity);
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      total += n;
      if (total > limit) throw at(msg('file.too-large', { size: `> ${megabytes(limit)}`, limit: megabytes(limit) }));
      capacity = Math.min(READ_CHUNK, limit + 1 - total);
    }
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw at(fileErrorMessage(error, display));
  } finally {
    closeSync(fd);
  }
}

const READ_CHUNK = 1 << 20;

/** An input file as text (see decodeText). */
export function readText(file: string, display = file, limit = MAX_FILE_BYTES, legacy = false): string {
  return decodeText(readBytes(file, display, limit), display, legacy);
}

/**
 * Bytes as text, the one decoder of every input: UTF-8 with or without a byte-order mark, UTF-16 with
 * one (Windows' "Unicode" text); with `legacy` (spreadsheet exports), bytes that are not UTF-8 are read
 * as Windows-1252, as French Excel writes them. Binary data and UTF-16 without a mark are refused.
 */
export function decodeText(bytes: Uint8Array, display: string, legacy = false): string {
  const at = (message: Message): InputError => new InputError([{ file: display, message }]);
  let text: string;
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    try {
      text = new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(bytes.subarray(2));
    } catch {
      throw at(msg('file.not-utf8'));
    }
    if (text.includes('\u0000')) throw at(msg('file.binary'));
  } else {
    const probe = bytes.subarray(0, 8192);
    if (probe.includes(0)) {
      // UTF-16 without a byte-order mark has a zero byte in every other position for Latin text.
      let zeros = 0;
      for (const b of probe) if (b === 0) zeros += 1;
      throw at(msg(zeros * 3 >= probe.length ? 'file.utf16' : 'file.binary'));
    }
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      if (!legacy) throw at(msg('file.not-utf8'));
      text = new TextDecoder('windows-1252').decode(bytes);
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') throw at(msg('file.empty'));
  return text;
}

function fileErrorMessage(error: unknown, file: string): Message {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return msg('file.not-found', { file });
  if (code === 'EISDIR') return msg('file.is-directory', { file });
  return msg('file.unreadable', { file, reason: code ?? String(error) });
}

function megabytes(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

const YAML_CODES: Partial<Record<string, Message['key']>> = {
  BAD_INDENT: 'yaml.bad-indent',
  TAB_AS_INDENT: 'yaml.tab-indent',
  MISSING_CHAR: 'yaml.missing-char',
  UNEXPECTED_TOKEN: 'yaml.unexpected',
  BLOCK_AS_IMPLICIT_KEY: 'yaml.implicit-key',
  MULTILINE_IMPLICIT_KEY: 'yaml.implicit-key',
  BAD_SCALAR_START: 'yaml.scalar-start',
  BAD_DQ_ESCAPE: 'yaml.escape',
  MULTIPLE_DOCS: 'yaml.multiple-docs',
};

/**
 * Parses YAML or JSON (JSON is read as YAML, which gives positions and catches duplicate keys).
 * Aliases, merge keys and custom tags are refused: an answers file is data, not a program.
 */
export function parseSource(text: string, file: string): SourceFile {
  const lineCounter = new LineCounter();
  const pos = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, col: p.col };
  };
  const tooDeep = flowDepthExceeded(text, MAX_DEPTH);
  if (tooDeep !== undefined) {
    const before = text.slice(0, tooDeep);
    const line = before.split('\n').length;
    throw new InputError([{ file, line, col: tooDeep - before.lastIndexOf('\n'), message: msg('yaml.too-deep') }]);
  }
  let doc: Document.Parsed;
  try {
    // Duplicate keys are found below, once per key: the parser's own check compares each key with every other.
    doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false, merge: false, strict: true });
  } catch (error) {
    if (error instanceof RangeError) throw new InputError([{ file, message: msg('yaml.too-deep') }]);
    throw error;
  }
  const problems: Located[] = [];
  const format = /\.json$/i.test(file) ? 'JSON' : 'YAML';
  const deep = doc.errors.find((e) => /call stack/i.test(e.message));
  if (deep) throw new InputError([{ file, ...pos(deep.pos[0]), message: msg('yaml.too-deep') }]);
  for (const e of [...doc.errors, ...doc.warnings]) {
    const where = pos(e.pos[0]);
    let message: Message;
    if (e.code === 'TAG_RESOLVE_FAILED' || e.name === 'YAMLWarning') message = msg('yaml.tag', { tag: tagAt(text, e.pos[0]) });
    else {
      const key = YAML_CODES[e.code];
      message = key ? msg(key, { format }) : msg('yaml.syntax', { format, detail: e.message.split('\n')[0] ?? e.code });
    }
    problems.push({ file, ...where, message });
    if (problems.length >= 5) break;
  }
  if (problems.length > 0) throw new InputError(problems);

  try {
    visit(doc, {
      Alias(_, node) {
        problems.push({ file, ...pos(node.range?.[0] ?? 0), message: msg('yaml.alias') });
        return visit.BREAK;
      },
      Node(_, node) {
        if (node.anchor) {
          problems.push({ file, ...pos(node.range?.[0] ?? 0), message: msg('yaml.alias') });
          return visit.BREAK;
        }
        if (node.tag && !node.tag.startsWith('tag:yaml.org,2002:')) {
          problems.push({ file, ...pos(node.range?.[0] ?? 0), message: msg('yaml.tag', { tag: node.tag }) });
          return visit.BREAK;
        }
        if (isMap(node)) {
          const duplicate = duplicateKey(node);
          if (duplicate) {
            problems.push({ file, ...pos(duplicate.range?.[0] ?? 0), message: msg('yaml.duplicate-key', { key: String(duplicate.value) }) });
            return visit.BREAK;
          }
        }
        return undefined;
      },
      Pair(_, pair) {
        if (isScalar(pair.key) && pair.key.value === '<<') {
          problems.push({ file, ...pos(pair.key.range?.[0] ?? 0), message: msg('yaml.merge') });
          return visit.BREAK;
        }
        return undefined;
      },
    });
  } catch (error) {
    if (error instanceof RangeError) throw new InputError([{ file, message: msg('yaml.too-deep') }]);
    throw error;
  }
  if (problems.length > 0) throw new InputError(problems);

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 0 });
  } catch (error) {
    if (error instanceof RangeError) throw new InputError([{ file, message: msg('yaml.too-deep') }]);
    throw error;
  }

  const locate = (path: Path, key = false) => {
    let node: unknown = doc.contents;
    let best = (node as Node | null)?.range?.[0] ?? 0;
    for (let i = 0; i < path.length; i++) {
      const segment = path[i];
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = keyIndex(node).get(String(segment));
        if (!pair) break;
        const keyNode = pair.key as Node;
        if (last && key) {
          best = keyNode.range?.[0] ?? best;
          break;
        }
        node = pair.value;
        best = (pair.value as Node | null)?.range?.[0] ?? keyNode.range?.[0] ?? best;
      } else if (isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment];
        if (!item) break;
        node = item;
        best = (item as Node).range?.[0] ?? best;
      } else if (isAlias(node)) {
        break;
      } else {
        break;
      }
    }
    return pos(best);
  };

  return { file, text, data, locate };
}

/** The first key of a mapping that repeats an earlier one, found in one pass. */
function duplicateKey(map: YAMLMap): Scalar | undefined {
  const seen = new Set<string>();
  for (const pair of map.items) {
    if (!isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    steps.idLookup++;
    if (seen.has(key)) return pair.key;
    seen.add(key);
  }
  return undefined;
}

/** Each mapping's keys, indexed once: locating every problem of a file of many keys stays linear. */
const indexes = new WeakMap<YAMLMap, Map<string, Pair>>();
function keyIndex(map: YAMLMap): Map<string, Pair> {
  let index = indexes.get(map);
  if (!index) {
    index = new Map();
    for (const p of map.items) {
      steps.idLookup++;
      if (isPair(p) && isScalar(p.key) && !index.has(String(p.key.value))) index.set(String(p.key.value), p);
    }
    indexes.set(map, index);
  }
  steps.idLookup++;
  return index;
}

/** Deeper than any questionnaire or answers file needs; the parser's own recursion would fail far later. */
const MAX_DEPTH = 64;

/** Where `[`/`{` nesting (outside quotes and comments) first goes deeper than `max`, if it does. */
function flowDepthExceeded(text: string, max: number): number | undefined {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || (c === "'" && /[\s[{,:]/.test(text[i - 1] ?? ' '))) quote = c;
    else if (c === '#' && /\s/.test(text[i - 1] ?? ' ')) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === '[' || c === '{') {
      if (++depth > max) return i;
    } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
  }
  return undefined;
}

function tagAt(text: string, offset: number): string {
  const m = /!\S*/.exec(text.slice(offset, offset + 100));
  return m?.[0] ?? '!';
}

export function readSource(file: string, display = file): SourceFile {
  return parseSource(readText(file, display), display);
}
