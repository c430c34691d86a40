import { describe, expect, it } from 'vitest';
import { say } from '../../src/i18n/index.js';
import { compileTemplate, TemplateError } from '../../src/report/template.js';
import { escapeHtml } from '../../src/sinks/html.js';
import { resetSteps, steps } from '../../src/steps.js';

const compile = (source: string) => compileTemplate(source, escapeHtml);

/** `line:col message` of the error a template gives, compiled then rendered with `data`. */
const error = (source: string, data: Record<string, unknown> = {}): string => {
  try {
    compile(source).render(data);
  } catch (e) {
    if (e instanceof TemplateError) return `${e.line}:${e.col} ${e.message}`;
    throw e;
  }
  return 'no error';
};

/** The tokenizer's steps for a template: compiled, and rendered with `data` when it compiles. */
function tokenizerSteps(source: string): number {
  resetSteps();
  try {
    compile(source).render({ a: 'x', l: [1, 2] });
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
  }
  return steps.templateToken;
}

const N = 100_000;

/** Hostile shapes, each a function of a size in characters (about). */
const SHAPES: Record<string, (n: number) => string> = {
  'lone braces on many lines': (n) => '{\n'.repeat(n / 2),
  '`{{` repeated inside raw': (n) => `{% raw %}${'{{'.repeat(n / 2)}{% endraw %}`,
  '`{%` repeated': (n) => '{%'.repeat(n / 2),
  'an unclosed `{%` with long arguments': (n) => `{% if ${'a '.repeat(n / 2)}`,
  'an unclosed output with long arguments': (n) => `{{ a ${'| size '.repeat(n / 7)}`,
  'a long run of spaces before `{%-`': (n) => `${' '.repeat(n)}x{%- if true %}{% endif %}`,
  'many runs of spaces before `{%-`': (n) => `${`${' '.repeat(999)}x{%- if true %}{% endif %}`.repeat(n / 1000)}`,
  'a long run of spaces after `-%}`': (n) => `{% if true -%}${' '.repeat(n)}x{% endif %}`,
  'a tag of spaces with its `-`': (n) => `{%-${' '.repeat(n)}-%}`,
  'many quotes in a tag': (n) => `{% if ${'"'.repeat(n)} %}{% endif %}`,
  'many strings in an output': (n) => `{{ a${' "a"'.repeat(n / 4)} }}`,
  'many words in a condition': (n) => `{% if ${'a '.repeat(n / 2)}%}{% endif %}`,
  'an unclosed raw with many `{%` and spaces': (n) => `{% raw %}${`{%${' '.repeat(98)}`.repeat(n / 100)}`,
  'outputs on many lines': (n) => '{{ a }} and more\n'.repeat(n / 16),
  'short tags on many lines': (n) => '{% if a %}b{% endif %}\n'.repeat(n / 23),
  'whitespace control on many lines': (n) => '  {%- for x in l -%}  \n  {{- x -}}  \n{%- endfor -%}\n'.repeat(n / 50),
};

describe('the template tokenizer is linear in the template size', () => {
  for (const [name, shape] of Object.entries(SHAPES)) {
    it(`${name}: twice the size, at most 2.2 times the steps`, () => {
      const small = tokenizerSteps(shape(N));
      const large = tokenizerSteps(shape(2 * N));
      expect(small).toBeGreaterThan(N / 10);
      expect(large / small).toBeLessThanOrEqual(2.2);
    });
  }
});

describe('a template has a step budget and an output cap, each error located', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i);

  it('stops loops nested four deep at 5 million steps, at the node that crossed the budget', () => {
    const source = 'Report\n{% for a in l %}{% for b in l %}\n{% for c in l %}{% for d in l %}x{% endfor %}{% endfor %}\n{% endfor %}{% endfor %}\n';
    expect(error(source, { l: hundred })).toBe(
      '3:33 the template takes more than 5 million steps (loop turns, outputs, text walked through); a report needs far fewer: look for loops inside loops',
    );
  });

  it('stops a string that append doubles in a loop at 16 million characters', () => {
    const source = '{% assign s = "ab" %}\n{% for a in l %}\n  {% assign s = s | append: s %}\n{% endfor %}{{ s.size }}';
    expect(error(source, { l: hundred })).toBe(
      '3:3 the text grows past 16 million characters, more than a report holds: look for append, replace or join repeated in a loop',
    );
  });

  it('refuses a replace that would pass the cap before it builds the string', () => {
    const source = '{% assign s = "aaaaaaaaaa" %}{% for a in l %}\n{% assign s = s | replace: "a", s %}{% endfor %}';
    expect(error(source, { l: hundred }).split(' the ')[0]).toBe('2:1');
  });

  it('stops the rendered text at 16 million characters', () => {
    expect(error('{% for a in l %}{% for b in l %}\n{{ s }}{% endfor %}{% endfor %}', { l: hundred, s: 'x'.repeat(10_000) })).toMatch(
      /^2:1 the text grows past 16 million characters/,
    );
  });

  it('refuses round: 200 when the template is compiled, and digits from the data when it is rendered', () => {
    expect(error('Score\n  {{ 1.2345 | round: 200 }}')).toBe('2:3 "round: 200" is out of range: expected a whole number of decimals from -10 to 10');
    expect(error('{{ 1.2345 | round: -11 }}')).toBe('1:1 "round: -11" is out of range: expected a whole number of decimals from -10 to 10');
    expect(error('x\n{% for d in l %}{{ 1.2345 | round: d }}{% endfor %}', { l: [2, 12] })).toBe(
      '2:17 "round: 12" is out of range: expected a whole number of decimals from -10 to 10',
    );
    expect(compile('{{ 1.2345 | round: 10 }} {{ 15 | round: -1 }} {{ 1.2345 | round }}').render({})).toBe('1.2345 20 1');
  });

  it('refuses a negative or fractional truncate length', () => {
    expect(error('{{ "abcdef" | truncate: -3 }}')).toBe('1:1 "truncate: -3" is not a length: expected a whole number, 0 or more');
    expect(error('{{ "abcdef" | truncate: 2.5 }}')).toBe('1:1 "truncate: 2.5" is not a length: expected a whole number, 0 or more');
    expect(compile('{{ "abcdef" | truncate: 1000000000000 }}').render({})).toBe('abcdef');
  });

  it('refuses blocks nested more than 100 deep, and longer chains in one expression', () => {
    const nesting = 'more than 100 levels of nesting (blocks inside blocks, or filters, brackets and and/or in one expression)';
    expect(error(`${'{% if true %}\n'.repeat(101)}${'{% endif %}'.repeat(101)}`)).toBe(`101:1 ${nesting}`);
    expect(error(`{{ a${' | size'.repeat(101)} }}`, { a: 'x' })).toBe(`1:1 ${nesting}`);
    expect(error(`{% if a${' and a'.repeat(101)} %}{% endif %}`)).toBe(`1:1 ${nesting}`);
    expect(error(`{{ a${'[a'.repeat(101)}${']'.repeat(101)} }}`)).toBe(`1:1 ${nesting}`);
  });

  it('refuses more than 20,000 tags and outputs in one template, at the first one past the limit', () => {
    expect(error('{{ a }}\n'.repeat(20_001), { a: 1 })).toBe('20001:1 more than 20000 tags and outputs in one template; a report needs far fewer');
  });

  it('says each limit in French too', () => {
    try {
      compile('{% assign s = "ab" %}{% for a in l %}{% assign s = s | append: s %}{% endfor %}').render({ l: hundred });
      expect.unreachable();
    } catch (e) {
      expect(e instanceof TemplateError && e.detail && say('fr', e.detail)).toBe(
        "le texte dépasse 16 millions de caractères, plus que n'en contient un rapport : cherchez un append, un replace ou un join répété dans une boucle",
      );
    }
  });
});
