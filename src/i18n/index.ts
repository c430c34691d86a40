import type { Locale } from '../model/common.js';
import { en, type Catalogue } from './en.js';
import { fr } from './fr.js';

export type { Catalogue };
export type MessageKey = keyof Catalogue;
/** Parameters of a message; a nested message is said in the same language. */
export type Params = { [name: string]: string | number | Message };

/** A message not yet said: rendered in the user's language where it is shown. */
export interface Message {
  key: MessageKey;
  params?: Params;
}

const catalogues: Record<Locale, Catalogue> = { en, fr };

export function say(lang: Locale, message: Message): string {
  const entry = catalogues[lang][message.key] as (p: Record<string, string | number>) => string;
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(message.params ?? {})) {
    params[name] = typeof value === 'object' ? say(lang, value) : typeof value === 'string' ? visible(value) : value;
  }
  return entry(params);
}

/**
 * Text from a file, shown in a message: control characters (a line break in a key, a terminal escape
 * sequence) are written as escapes, so that every message stays on its line and cannot drive the terminal.
 */
function visible(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) =>
    c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export function msg(key: MessageKey, params?: Params): Message {
  return params ? { key, params } : { key };
}

/** `--lang`, then LC_ALL / LC_MESSAGES / LANG, then English. */
export function detectLang(flag: string | undefined, env: NodeJS.ProcessEnv): Locale {
  if (flag === 'fr' || flag === 'en') return flag;
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG'] as const) {
    const value = env[name];
    if (value) return /^fr([_.-]|$)/i.test(value) ? 'fr' : 'en';
  }
  return 'en';
}

/** A list for a message: `a, b, c` and at most `max` items. */
export function list(items: readonly (string | number)[], max = 12): string {
  const shown = items.slice(0, max).map(String);
  return items.length > max ? `${shown.join(', ')}, …` : shown.join(', ');
}
