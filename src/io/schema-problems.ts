import type { z } from 'zod';
import type { Located } from '../errors.js';
import { list, msg, type Message } from '../i18n/index.js';
import type { Path, SourceFile } from './read.js';

type Issue = z.core.$ZodIssue;
type Kind = 'answers' | 'questionnaire';

/** Turns zod issues into located, translated problems, one per issue, in file order. */
export function schemaProblems(source: SourceFile, schema: z.ZodType, issues: readonly Issue[], kind: Kind): Located[] {
  const located: (Located & { offset: number })[] = [];
  for (const issue of issues) {
    const { path, key, message } = describe(issue, [], source.data, schema, kind);
    const where = source.locate(path, key);
    located.push({ file: source.file, ...where, message, offset: where.line * 1e6 + where.col });
  }
  located.sort((a, b) => a.offset - b.offset);
  return located.map(({ offset: _offset, ...rest }) => rest);
}

interface Described {
  path: Path;
  key?: boolean;
  message: Message;
}

function describe(issue: Issue, base: Path, data: unknown, schema: z.ZodType, kind: Kind): Described {
  const path = [...base, ...(issue.path as (string | number)[])];
  const value = valueAt(data, path);
  switch (issue.code) {
    case 'invalid_type': {
      if (value === undefined) {
        const last = path[path.length - 1];
        return { path: path.slice(0, -1), key: false, message: msg('schema.required', { key: String(last ?? '') }) };
      }
      if (issue.expected === 'int') return { path, message: msg('schema.integer') };
      return {
        path,
        message: msg('schema.type', { expected: typeName(String(issue.expected)), found: foundName(value) }),
      };
    }
    case 'unrecognized_keys': {
      const keyName = issue.keys[0] ?? '';
      const expected = objectKeysAt(schema, path, data);
      return {
        path: [...path, keyName],
        key: true,
        message: msg('schema.unknown-key', { key: keyName, expected: expected ? list(expected) : '' }),
      };
    }
    case 'too_small': {
      const min = String(issue.minimum);
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return { path, message: msg('schema.empty') };
      return { path, message: msg(issue.origin === 'number' ? 'schema.too-small' : 'schema.too-short', { min }) };
    }
    case 'too_big': {
      const max = String(issue.maximum);
      return { path, message: msg(issue.origin === 'number' ? 'schema.too-big' : 'schema.too-long', { max }) };
    }
    case 'invalid_value':
      return {
        path,
        message: msg('schema.enum', { found: JSON.stringify(value) ?? '', expected: list(issue.values.map((v) => String(v))) }),
      };
    case 'invalid_format':
      return { path, message: msg('schema.format', { found: JSON.stringify(value) ?? '', expected: formatHint(issue.message) }) };
    case 'invalid_union': {
      const branches = issue.errors.filter((branch) => !wrongType(branch));
      if (branches.length > 0) {
        const unknownKeys = (b: readonly Issue[]) => b.reduce((n, i) => n + (i.code === 'unrecognized_keys' ? i.keys.length : 0), 0);
        const best = [...branches].sort((a, b) => unknownKeys(a) - unknownKeys(b) || a.length - b.length)[0]!;
        const first = best[0];
        if (first) return describe(first, path, data, schema, kind);
      }
      const inAnswers = kind === 'answers' && path[0] === 'answers' && path.length === 2;
      const inCondition = path.some((p) => p === 'when' || p === 'showIf' || p === 'all' || p === 'any' || p === 'not');
      return { path, message: msg(inAnswers ? 'schema.answer-entry' : inCondition ? 'schema.condition' : 'schema.invalid') };
    }
    case 'invalid_key': {
      // A text's key that is no language tag: most often the rest of a text cut by a comma inside { … }.
      const key = String(path[path.length - 1] ?? '');
      if (/\s/.test(key)) return { path, key: true, message: msg('schema.text-cut', { key }) };
      return { path, key: true, message: msg('schema.format', { found: JSON.stringify(key), expected: msg('format.locale') }) };
    }
    default:
      return { path, message: msg('schema.invalid') };
  }
}

/** Our regexes carry a readable message (e.g. "a date YYYY-MM-DD"); zod's own ones do not. */
function formatHint(message: string): Message | string {
  return message.startsWith('format.') ? msg(message as Message['key']) : message.replace(/^Invalid string: /, '');
}

function valueAt(data: unknown, path: Path): unknown {
  let node = data;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

const TYPES = ['string', 'number', 'boolean', 'object', 'array', 'null', 'undefined'] as const;

function typeName(expected: string): Message | string {
  if (expected === 'record') return msg('type.object');
  return (TYPES as readonly string[]).includes(expected) ? msg(`type.${expected}` as Message['key']) : expected;
}

function foundName(value: unknown): Message | string {
  if (value === null) return msg('type.null');
  if (Array.isArray(value)) return msg('type.array');
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeName(typeof value);
}

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  getter?: () => z.ZodType;
  in?: z.ZodType;
}
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** A union branch that failed on the value's type (a nested union of such branches too): not the branch meant. */
function wrongType(branch: readonly Issue[]): boolean {
  return (
    branch.some((i) => i.code === 'invalid_type' && i.path.length === 0) ||
    (branch.length > 0 && branch.every((i) => i.code === 'invalid_union' && i.path.length === 0 && i.errors.every(wrongType)))
  );
}

/** The keys the schema allows for the object at `path`, best effort. */
function objectKeysAt(schema: z.ZodType, path: Path, data: unknown): string[] | undefined {
  let node: z.ZodType | undefined = schema;
  let value: unknown = data;
  const unwrap = (s: z.ZodType, v: unknown): z.ZodType | undefined => {
    for (let guard = 0; guard < 20; guard++) {
      const def = defOf(s);
      if (def.innerType) s = def.innerType;
      else if (def.getter) s = def.getter();
      else if (def.in) s = def.in;
      else if (def.type === 'union' && def.options) {
        const keys = v && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v) : [];
        const objects = def.options.filter((o) => defOf(o).type === 'object' || defOf(o).type === 'lazy');
        if (objects.length === 0) return undefined;
        let best = objects[0]!;
        let bestScore = -1;
        for (const o of objects) {
          const shape = defOf(unwrap(o, v) ?? o).shape ?? {};
          const score = keys.filter((k) => Object.hasOwn(shape, k)).length;
          if (score > bestScore) {
            best = o;
            bestScore = score;
          }
        }
        s = best;
      } else return s;
    }
    return s;
  };
  for (const segment of path) {
    node = node && unwrap(node, value);
    if (!node) return undefined;
    const def = defOf(node);
    if (def.type === 'object' && def.shape) node = def.shape[String(segment)];
    else if (def.type === 'array' && def.element) node = def.element;
    else if (def.type === 'record' && def.valueType) node = def.valueType;
    else return undefined;
    value = value && typeof value === 'object' ? (value as Record<string | number, unknown>)[segment] : undefined;
  }
  node = node && unwrap(node, value);
  const shape = node ? defOf(node).shape : undefined;
  return shape ? Object.keys(shape) : undefined;
}
