import { diffGithub } from './github.js';
import { diffJson } from './json.js';
import { diffMarkdown } from './markdown.js';
import { diffText } from './text.js';

export const DIFF_REPORTERS = { text: diffText, json: diffJson, github: diffGithub, md: diffMarkdown } as const;
export const DIFF_FORMATS = Object.keys(DIFF_REPORTERS) as (keyof typeof DIFF_REPORTERS)[];
