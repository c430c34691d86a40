/*
 * The YAML examples lint messages give: flow style on one line, valid YAML an author can paste, built
 * from the finding's real ids. Each catalogue calls them with its own placeholder words. Lists arrive
 * in a message's parameters joined by ", " (ids and language tags hold no comma).
 */

type P = Record<string, string | number>;
const s = (p: P, k: string) => String(p[k] ?? '');
const items = (joined: string) => (joined === '' ? [] : joined.split(', '));

/** Words a YAML reader could take for something other than text (YAML 1.2, and 1.1 as some editors read it). */
const NOT_TEXT = /^(?:true|false|null|yes|no|on|off|[yn~])$/i;

/** A value as an author writes it: plain when it reads as text, else in double quotes. */
export function plain(value: string): string {
  return /^[a-z][\w.-]*$/i.test(value) && !NOT_TEXT.test(value) ? value : JSON.stringify(value);
}

/** `{ fr: …, en: … }`: a text in each of the `locales`, the one named `missing` with `placeholder`. */
function flowText(locales: string[], missing = '', placeholder = ''): string {
  return `{ ${locales.map((l) => `${plain(l)}: ${l === missing ? placeholder : '…'}`).join(', ')} }`;
}

/** A question for the cell `principle`.`level`: `- { id: vision.<name>, principle: vision, level: 2, type: scale, … }`. */
export function questionExample(p: P, name: string): string {
  const principle = s(p, 'principle');
  const type = p.scale ? `type: scale, scale: ${plain(s(p, 'scale'))}` : 'type: boolean';
  return `- { id: ${principle}.${name}, principle: ${plain(principle)}, level: ${s(p, 'level')}, ${type}, text: ${flowText(items(s(p, 'locales')))}, source: [${plain(s(p, 'source'))}] }`;
}

/** A recommendation for the cell `principle`.`level`, owned by `role`. */
export function recommendationExample(p: P, name: string): string {
  const principle = s(p, 'principle');
  const texts = flowText(items(s(p, 'locales')));
  return (
    `- { id: ${principle}.${name}, cell: { principle: ${plain(principle)}, level: ${s(p, 'level')} }, title: ${texts}, actions: [${texts}], ` +
    `owner: ${plain(s(p, 'role'))}, horizon: 0-3, effort: low, source: [${plain(s(p, 'source'))}] }`
  );
}

/** A text completed in `locale`: `title: { fr: …, en: <the text in en> }` (`- { … }` for an item of a list). */
export function textExample(p: P, placeholder: string): string {
  const text = flowText(items(s(p, 'shown')), s(p, 'locale'), placeholder);
  return p.key ? `${plain(s(p, 'key'))}: ${text}` : `- ${text}`;
}

/** The declared locales with `locale` added: `locales: [fr, en, de]`. */
export function localesExample(p: P): string {
  return `locales: [${[...items(s(p, 'locales')), s(p, 'locale')].map(plain).join(', ')}]`;
}

/** A reference written right: `owner: owner`, `answer: vision.objectives`, or the bare value in a list. */
export function refExample(p: P): string {
  const value = typeof p.value === 'number' ? String(p.value) : plain(s(p, 'value'));
  return p.key ? `${plain(s(p, 'key'))}: ${value}` : value;
}
