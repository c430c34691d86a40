type P = Record<string, string | number>;
const s = (p: P, k: string) => String(p[k] ?? '');

/** English messages. `fr.ts` implements the same keys; the compiler checks that none is missing. */
export const en = {
  // --- files ---
  'file.not-found': () => `file not found`,
  'file.is-directory': () => `this is a folder; expected a file`,
  'file.unreadable': (p: P) => `cannot read this file (${s(p, 'reason')})`,
  'file.too-large': (p: P) => `file too large (${s(p, 'size')}); the limit is ${s(p, 'limit')}`,
  'file.empty': () => `the file is empty`,
  'file.binary': () => `this looks like a binary file, not text; expected YAML or JSON`,
  'file.utf16': () => `the file is encoded in UTF-16; save it as UTF-8`,
  'file.not-utf8': () => `the file is not valid UTF-8 text; save it as UTF-8`,
  'file.unknown-extension': (p: P) => `cannot tell the format of ${s(p, 'file')}; expected .yaml, .yml or .json`,

  // --- syntax ---
  'yaml.syntax': (p: P) => `invalid YAML: ${s(p, 'detail')}`,
  'yaml.duplicate-key': (p: P) => `duplicate key${p.key ? ` "${s(p, 'key')}"` : ''}: each key may appear only once`,
  'yaml.alias': () => `YAML aliases and anchors (& and *) are not allowed; write the value out in full`,
  'yaml.merge': () => `YAML merge keys (<<) are not allowed; write the keys out in full`,
  'yaml.tag': (p: P) => `YAML tag ${s(p, 'tag')} is not allowed`,
  'yaml.too-deep': () => `the document is nested too deeply`,
  'yaml.not-mapping': () => `expected a mapping of keys and values at the top of the file`,
  'yaml.bad-indent': () => `invalid YAML: bad indentation`,
  'yaml.tab-indent': () => `invalid YAML: a tab is used for indentation; use spaces`,
  'yaml.missing-char': () => `invalid YAML: a closing quote, bracket or brace is missing`,
  'yaml.unexpected': () => `invalid YAML: unexpected character here`,
  'yaml.implicit-key': () => `invalid YAML: a key must fit on one line; check the indentation and the ":" after the key`,
  'yaml.scalar-start': () => `invalid YAML: a value cannot start with this character; put the value in quotes`,
  'yaml.escape': () => `invalid YAML: invalid escape sequence in double quotes`,
  'yaml.multiple-docs': () => `only one document per file is allowed (a second "---" was found)`,
  'json.syntax': (p: P) => `invalid JSON: ${s(p, 'detail')}`,

  // --- schema ---
  'schema.required': (p: P) => `missing "${s(p, 'key')}"`,
  'schema.type': (p: P) => `expected ${s(p, 'expected')}, found ${s(p, 'found')}`,
  'schema.unknown-key': (p: P) => `unknown key "${s(p, 'key')}"${p.expected ? ` (expected: ${s(p, 'expected')})` : ''}`,
  'schema.too-small': (p: P) => `too small: expected at least ${s(p, 'min')}`,
  'schema.too-big': (p: P) => `too large: expected at most ${s(p, 'max')}`,
  'schema.too-short': (p: P) => `too short: expected at least ${s(p, 'min')} item(s) or character(s)`,
  'schema.too-long': (p: P) => `too long: expected at most ${s(p, 'max')} item(s) or character(s)`,
  'schema.format': (p: P) => `invalid value${p.found ? ` ${s(p, 'found')}` : ''}: expected ${s(p, 'expected')}`,
  'schema.enum': (p: P) => `invalid value ${s(p, 'found')}: expected one of ${s(p, 'expected')}`,
  'format.id': () => 'an id in lowercase letters, digits, "-" and "." (e.g. vision.objectives)',
  'format.semver': () => 'a version MAJOR.MINOR.PATCH (e.g. 1.0.0)',
  'format.questionnaire-ref': () => 'a questionnaire id and version (e.g. sm-maturity@1.0.0)',
  'format.date': () => 'a date YYYY-MM-DD (e.g. 2026-11-23)',
  'schema.integer': () => `expected a whole number`,
  'schema.answer-entry': () =>
    `invalid answer: expected a value, "unknown", { value: …, note: … } or { na: "reason" }`,
  'schema.condition': () => `invalid condition: expected { answer: id, … }, { context: id, … }, all, any or not`,
  'schema.invalid': () => `invalid value`,
  'type.string': () => 'a text',
  'type.number': () => 'a number',
  'type.boolean': () => 'true or false',
  'type.object': () => 'a mapping (key: value)',
  'type.array': () => 'a list',
  'type.null': () => 'nothing',
  'type.undefined': () => 'nothing',

  // --- answers ---
  'answers.unknown-question': (p: P) =>
    `unknown question id "${s(p, 'id')}"${p.hint ? `; did you mean "${s(p, 'hint')}"?` : ''} (see ${s(p, 'questionnaire')})`,
  'answers.scale-value': (p: P) => `${s(p, 'value')} is out of range for "${s(p, 'id')}": expected one of ${s(p, 'expected')}, or unknown`,
  'answers.number-range': (p: P) => `${s(p, 'value')} is out of range for "${s(p, 'id')}": expected a number from ${s(p, 'min')} to ${s(p, 'max')} (${s(p, 'unit')})`,
  'answers.option': (p: P) => `"${s(p, 'value')}" is not an option of "${s(p, 'id')}": expected one of ${s(p, 'expected')}`,
  'answers.type': (p: P) => `wrong kind of answer for "${s(p, 'id')}": expected ${s(p, 'expected')}`,
  'answers.duplicate-option': (p: P) => `option "${s(p, 'value')}" is given twice`,
  'answers.exclusive-option': (p: P) => `option "${s(p, 'value')}" cannot be combined with other options`,
  'answers.unknown-context': (p: P) => `unknown context key "${s(p, 'id')}" (expected: ${s(p, 'expected')})`,
  'answers.context-option': (p: P) => `"${s(p, 'value')}" is not an option of context "${s(p, 'id')}": expected one of ${s(p, 'expected')}`,
  'answers.context-single': (p: P) => `context "${s(p, 'id')}" takes one option, not a list`,
  'answers.date': (p: P) => `${s(p, 'value')} is not a real date (YYYY-MM-DD)`,
  'answers.other-questionnaire': (p: P) =>
    `this answers file is for questionnaire "${s(p, 'found')}", not "${s(p, 'expected')}"`,
  'answers.unknown-version': (p: P) =>
    `questionnaire ${s(p, 'id')} has no version ${s(p, 'version')} here (available: ${s(p, 'available')})`,
  'answers.unanswered-strict': (p: P) => `${s(p, 'count')} question(s) unanswered with --strict: ${s(p, 'ids')}`,
  'answers.kind.scale': (p: P) => `a whole number among ${s(p, 'expected')}`,
  'answers.kind.single': (p: P) => `one option among ${s(p, 'expected')}`,
  'answers.kind.multiple': (p: P) => `a list of options among ${s(p, 'expected')}`,
  'answers.kind.number': (p: P) => `a number from ${s(p, 'min')} to ${s(p, 'max')}`,
  'answers.kind.boolean': () => `yes or no (true or false)`,

  // --- questionnaires ---
  'questionnaire.not-found': (p: P) => `no questionnaire "${s(p, 'ref')}" (available: ${s(p, 'available')})`,
  'questionnaire.duplicate-id': (p: P) => `id "${s(p, 'id')}" is used more than once`,
  'questionnaire.unknown-ref': (p: P) => `"${s(p, 'id')}" names no ${s(p, 'kind')} of this questionnaire`,
  'questionnaire.bad-value': (p: P) => `${s(p, 'detail')}`,
  'questionnaire.missing-text': (p: P) => `missing the ${s(p, 'locale')} text`,

  // --- command line ---
  'cli.unknown-option': (p: P) => `unknown option ${s(p, 'option')}; see --help`,
  'cli.unknown-command': (p: P) => `unknown command "${s(p, 'command')}"; see --help`,
  'cli.missing-argument': (p: P) => `missing argument ${s(p, 'name')}; see --help`,
  'cli.option-argument': (p: P) => `option ${s(p, 'option')} needs a value; see --help`,
  'cli.excess-arguments': () => `too many arguments; see --help`,
  'cli.invalid-value': (p: P) => `invalid value for ${s(p, 'option')}: "${s(p, 'value')}"; expected ${s(p, 'expected')}`,
  'cli.usage': (p: P) => `${s(p, 'detail')}`,
  'cli.no-terminal': () =>
    `no terminal to ask questions on; give an answers file: sm-diagnostic run --answers FILE`,
  'cli.interview-unavailable': () =>
    `the interactive interview is not available in this version; give an answers file: sm-diagnostic run --answers FILE`,
  'cli.exists': (p: P) => `${s(p, 'file')} already exists; use --force to overwrite it`,
  'cli.write-failed': (p: P) => `cannot write ${s(p, 'file')} (${s(p, 'reason')})`,
  'cli.wrote': (p: P) => `wrote ${s(p, 'file')}`,
  'cli.unanswered': (p: P) => `${s(p, 'count')} question(s) unanswered, scored as "don't know": ${s(p, 'ids')}`,
  'cli.hidden-answered': (p: P) => `${s(p, 'count')} answer(s) ignored because the context hides their question: ${s(p, 'ids')}`,
  'cli.internal': (p: P) => `internal error: ${s(p, 'detail')} (run again with --debug for details, and please report it)`,
  'interview.interrupted': (p: P) =>
    `interrupted; your answers are kept in ${s(p, 'draft')}\nresume with: sm-diagnostic run --resume ${s(p, 'draft')}`,
  'interview.draft-other': (p: P) =>
    `${s(p, 'draft')} was made for questionnaire ${s(p, 'found')}; this interview asks ${s(p, 'expected')}. Score the draft with run --answers ${s(p, 'draft')}, or start a new diagnostic`,
  'interview.no-draft': (p: P) => `no draft to resume at ${s(p, 'draft')}; start without --resume`,
  'cli.error': () => 'error',
  'cli.interrupted': () => 'interrupted',
};

export type Catalogue = { [K in keyof typeof en]: (p: P) => string };
