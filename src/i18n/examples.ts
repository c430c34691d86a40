/*
 * The YAML examples lint messages give: flow style on one line, valid YAML an author can paste, built
 * from the finding's real ids. Each catalogue calls them with its own placeholder words. Lists arrive
 * in a message's parameters joined by ", " (ids and language tags hold no comma).
 */

type P = Record<string, string | number>;
const s = (p: P, k: string) => String(p[k] ?? '');

/** Words a YAML reader could take for something other than text (YAML 1.2, and 1.1 as some editors read it). */
const NOT_TEXT = /^(?:true|false|null|yes|no|on|off|[yn~])$/i;

/** A value as an author writes it: plain when it reads as text, else in double quotes. */
export function plain(value: string): string {
  return /^[a-z][\w.-]*$/i.test(value) && !NOT_TEXT.test(value) ? value : JSON.stringify(value);
}

/** A reference written right: `owner: owner`, `answer: vision.objectives`, or the bare value in a list. */
export function refExample(p: P): string {
  const value = typeof p.value === 'number' ? String(p.value) : plain(s(p, 'value'));
  return p.key ? `${plain(s(p, 'key'))}: ${value}` : value;
}
