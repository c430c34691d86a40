import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/load.js';

/*
 * The house's rules, as ARCHITECTURE.md states them, checked on the code: the scoring core imports no
 * input/output, command line or language module; commands stay thin; only the catalogues know languages.
 */
function files(dir: string, ext = '.ts'): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(ROOT, path)).isDirectory() ? files(path, ext) : name.endsWith(ext) ? [path] : [];
  });
}

/** Every module a file imports at run time (type-only imports left out), read with TypeScript's own parser. */
function runtimeImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly && ts.isStringLiteral(node.moduleSpecifier)) out.push(node.moduleSpecifier.text);
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0]))
      out.push(node.arguments[0].text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

describe('the house', () => {
  it('scoring/ imports nothing at run time but itself and the plain model helpers: no Node, no input/output, no command line, no language', () => {
    const allowed = new Set(['../src/model/common.js', '../src/model/result-format.js', '../src/model/actions.js']);
    const offending = files('scoring').flatMap((f) =>
      runtimeImports(f)
        .filter((m) => !m.startsWith('./') && !allowed.has(m))
        .map((m) => `${f} imports ${m}`),
    );
    expect(offending).toEqual([]);
    // And the helpers it does import import nothing themselves.
    for (const m of allowed) expect(runtimeImports(join('scoring', m).replace(/\.js$/, '.ts'))).toEqual([]);
    // No clock, no randomness, no process.
    const impure = files('scoring').filter((f) => /\bDate\b|Math\.random|\bprocess\./.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(impure).toEqual([]);
  });

  it('keeps every command file under 80 lines', () => {
    const long = files('src/commands')
      .map((f) => [f, readFileSync(join(ROOT, f), 'utf8').trimEnd().split('\n').length] as const)
      .filter(([, n]) => n > 80);
    expect(long).toEqual([]);
  });

  it('tests a language nowhere but in the catalogues (src/i18n)', () => {
    const tests = [...files('src'), ...files('scoring')]
      .filter((f) => !f.startsWith(join('src', 'i18n')))
      .flatMap((f) =>
        readFileSync(join(ROOT, f), 'utf8')
          .split('\n')
          .map((line, i) => [f, i + 1, line] as const)
          .filter(([, , line]) => /(?:===|!==)\s*'(?:fr|en)'|'(?:fr|en)'\s*(?:===|!==)/.test(line))
          .map(([file, n, line]) => `${relative(ROOT, join(ROOT, file))}:${n}: ${line.trim()}`),
      );
    expect(tests).toEqual([]);
  });
});
