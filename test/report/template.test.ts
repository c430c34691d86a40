import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/sinks/html.js';
import { compileTemplate, TemplateError } from '../../src/report/template.js';

const render = (source: string, data: Record<string, unknown> = {}) => compileTemplate(source, escapeHtml).render(data);
const error = (source: string, data: Record<string, unknown> = {}) => {
  try {
    render(source, data);
  } catch (e) {
    if (e instanceof TemplateError) return `${e.line}:${e.col} ${e.message}`;
    throw e;
  }
  return 'no error';
};

describe('report templates (a sandboxed subset of Liquid)', () => {
  it('outputs values, escaped unless raw, through filters', () => {
    expect(render('{{ a }} {{ a | raw }} {{ list | join: ", " }} {{ s | downcase | slice: 0, 3 }}', { a: '<b>', list: ['x', 'y'], s: 'HELLO' })).toBe(
      '&#60;b&#62; <b> x, y hel',
    );
    expect(render('{{ n | plus: 2 | times: 3 }} {{ missing | default: "none" }} {{ "it" | append: "!" }}', { n: 1, missing: '' })).toBe('9 none it!');
    expect(render('{{ items.size }} {{ items.first }} {{ o.k }} {{ o["k"] }}', { items: [4, 5], o: { k: 'v' } })).toBe('2 4 v v');
  });

  it('branches and loops', () => {
    const src = '{% if x > 2 and y %}big{% elsif x == 2 %}two{% else %}small{% endif %}|{% unless y %}no y{% endunless %}';
    expect(render(src, { x: 3, y: true })).toBe('big|');
    expect(render(src, { x: 2, y: false })).toBe('two|no y');
    expect(render(src, { x: 1, y: false })).toBe('small|no y');
    expect(
      render('{% for i in list %}{{ forloop.index }}={{ i }}{% if forloop.last %}.{% else %},{% endif %}{% else %}empty{% endfor %}', { list: ['a', 'b'] }),
    ).toBe('1=a,2=b.');
    expect(render('{% for i in list %}{{ i }}{% else %}empty{% endfor %}', { list: [] })).toBe('empty');
    expect(render('{% for i in list limit: 2 %}{{ i }}{% endfor %}', { list: [1, 2, 3] })).toBe('12');
    expect(render('{% if s contains "ell" %}yes{% endif %}{% if l contains 2 %}!{% endif %}', { s: 'hello', l: [1, 2] })).toBe('yes!');
  });

  it('assigns, comments, raw text and whitespace control', () => {
    expect(render('{% assign y = x | upcase %}{{ y }}{% comment %}{{ nothing }}{% endcomment %}', { x: 'a' })).toBe('A');
    expect(render('{% raw %}{{ not a variable }}{% endraw %}')).toBe('{{ not a variable }}');
    expect(render('a  \n  {%- if true -%}  \n  b\n{%- endif %}\nc')).toBe('a  \n  b\n\nc');
  });

  it('reaches only the data, never prototypes or the environment', () => {
    expect(render('{{ o.constructor }}|{{ o.__proto__ }}|{{ s.length }}', { o: {}, s: 'abc' })).toBe('||');
    expect(error('{{ process.env }}')).toBe('1:1 undefined variable: process');
    expect(error('{% include "x" %}')).toBe('1:1 "include" is not allowed: a report template reads no other file');
    expect(error('{% render "x" %}')).toBe('1:1 "render" is not allowed: a report template reads no other file');
  });

  it('reports every mistake with its line and column', () => {
    expect(error('ok\n  {{ a | shout }}', { a: 1 })).toBe('2:3 undefined filter: shout');
    expect(error('line\n{% if x %}open')).toBe('2:1 tag "if" not closed');
    expect(error('x\n\n   {{ a ')).toBe('3:4 output "{{ a " not closed');
    expect(error('{% endfor %}')).toBe('1:1 unknown tag "endfor"');
    expect(error('{% frobnicate %}')).toBe('1:1 unknown tag "frobnicate"');
    expect(error('{% for x %}{% endfor %}')).toBe('1:1 expected "for item in list" in "for x"');
    expect(error('{{ a }}\n{{ b }}', { a: 1 })).toBe('2:1 undefined variable: b');
  });

  it('is lenient with undefined variables in conditions only', () => {
    expect(render('{% if nothing %}x{% else %}y{% endif %}')).toBe('y');
  });
});
