import { inert } from './characters.js';
import { memo } from './memo.js';

/** Text for HTML and SVG (XML) content and attribute values: nothing invisible, every markup character an entity. */
export function escapeHtml(value: unknown): string {
  return typeof value === 'string' ? memo(cache, value, htmlOf) : htmlOf(value);
}
const cache = new Map<string, string>();

function htmlOf(value: unknown): string {
  return inert(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** SVG is XML: the same escaping serves it. */
export const escapeXml = escapeHtml;
