import { LOCALE, type Locale } from '../model/common.js';
import { forTerminal } from '../sinks/terminal.js';
import { en, type Catalogue } from './en.js';
import { fr } from './fr.js';

export type { Catalogue };
export type MessageKey = keyof Catalogue['messages'];
/** Parameters of a message; a nested message is said in the same language. */
export type Params = { [name: string]: string | number | Message };

/** A message not yet said: rendered in the user's language where it is shown. */
export interface Message {
  key: MessageKey;
  params?: Params;
}

const catalogues: Readonly<Record<string, Catalogue>> = { en, fr };

/** The catalogue for `lang` (`fr-CA` is said with `fr`'s), if the tool has one. */
function catalogueFor(lang: Locale): Catalogue | undefined {
  if (Object.hasOwn(catalogues, lang)) return catalogues[lang];
  const primary = lang.split('-')[0]!;
  return Object.hasOwn(catalogues, primary) ? catalogues[primary] : undefined;
}

/** Every text the tool says in `lang`: one catalogue per language, the only place that knows languages; English for a language it has none for. */
export function catalogue(lang: Locale): Catalogue {
  return catalogueFor(lang) ?? en;
}

/** Whether the tool's own words exist in `lang` (else they are said in English). */
export function hasCatalogue(lang: Locale): boolean {
  return catalogueFor(lang) !== undefined;
}

export function say(lang: Locale, message: Message): string {
  const entry = catalogue(lang).messages[message.key];
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(message.params ?? {})) {
    // Text from a file, shown in a message: nothing in it can drive the terminal or break the line.
    params[name] = typeof value === 'object' ? say(lang, value) : typeof value === 'string' ? forTerminal(value) : value;
  }
  return entry(params);
}

export function msg(key: MessageKey, params?: Params): Message {
  return params ? { key, params } : { key };
}

/** The languages the tool has its own words in; a questionnaire may declare any other. */
export const LANGUAGES: readonly Locale[] = ['fr', 'en'];

/** A language tag (BCP 47) such as `fr`, `en`, `de` or `fr-CA`. */
export function isLanguage(value: string | undefined): value is Locale {
  return value !== undefined && LOCALE.test(value);
}

/** `--lang` (any language tag), then LC_ALL / LC_MESSAGES / LANG (French or English), then English. */
export function detectLang(flag: string | undefined, env: NodeJS.ProcessEnv): Locale {
  if (isLanguage(flag)) return flag;
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG'] as const) {
    const value = env[name];
    if (value) return /^fr(?:[_.-]|$)/i.test(value) ? 'fr' : 'en';
  }
  return 'en';
}

/** The language LC_ALL / LC_MESSAGES / LANG name (`de` for `de_DE.UTF-8`), whether or not the tool has words in it. */
export function envLanguage(env: NodeJS.ProcessEnv): Locale | undefined {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG'] as const) {
    const value = env[name];
    if (value) {
      const tag = /^([a-z]{2,3})(?:[_-][A-Za-z]{2})?/.exec(value);
      return tag ? tag[1] : undefined;
    }
  }
  return undefined;
}

/** A list for a message: `a, b, c` and at most `max` items. */
export function list(items: readonly (string | number)[], max = 12): string {
  const shown = items.slice(0, max).map(String);
  return items.length > max ? `${shown.join(', ')}, …` : shown.join(', ');
}

/** Numbers as people read them: `42.5` in English, `42,5` in French; no Intl, so every Node prints the same. */
export function formatNumber(x: number, decimals: number, lang: Locale): string {
  // Rounded as the result rounds (half away from zero on the decimal figure), not as toFixed does on the binary one.
  const f = 10 ** decimals;
  const s = (Math.round(x * f) / f).toFixed(decimals);
  const decimal = catalogue(lang).decimal;
  return decimal === '.' ? s : s.replace('.', decimal);
}

/** A score out of 100 as a whole percentage: `61%`, `61 %`. */
export function formatPercent(score: number, lang: Locale): string {
  return catalogue(lang).percent(String(Math.round(score)));
}
