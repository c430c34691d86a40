// ESLint: typescript-eslint's type-checked recommended rules and eslint-plugin-regexp's recommended rules
// (no-super-linear-backtracking among them) on the whole tree. Rules turned off are listed, with why, in
// ARCHITECTURE.md ("Lint rules turned off"); none is turned off anywhere else.
import js from '@eslint/js';
import regexp from 'eslint-plugin-regexp';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test-output/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  regexp.configs['flat/recommended'],
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', '*.mjs', '*.ts', 'bin/*.js', 'scripts/*.mjs'] }, tsconfigRootDir: import.meta.dirname },
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        setImmediate: 'readonly',
        TextDecoder: 'readonly',
      },
    },
  },
  {
    rules: {
      // Options, not exceptions: a name that starts with `_`, or is left out of a rest object, is unused on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // The neutralisers exist to find control characters: their expressions name them on purpose.
    files: ['src/sinks/**'],
    rules: { 'no-control-regex': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
