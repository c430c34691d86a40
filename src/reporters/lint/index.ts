import { lintGithub } from './github.js';
import { lintJson } from './json.js';
import { lintText } from './text.js';

export const LINT_REPORTERS = { text: lintText, json: lintJson, github: lintGithub } as const;
export const LINT_FORMATS = Object.keys(LINT_REPORTERS) as (keyof typeof LINT_REPORTERS)[];
