import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { AnswersSchema } from '../../src/model/answers-schema.js';
import { plainlyValidAnswers } from '../../src/model/answers.js';

const EXAMPLES = 'questionnaires/sm-maturity/examples';
const examples = readdirSync(EXAMPLES).map((f) => parse(readFileSync(join(EXAMPLES, f), 'utf8')) as Record<string, unknown>);

/** The fast check may only say yes when zod does, and give the very data zod gives (keys in order). */
function agrees(data: unknown): boolean {
  const fast = plainlyValidAnswers(data);
  if (fast === undefined) return true;
  const zod = AnswersSchema.safeParse(data);
  return zod.success && JSON.stringify(zod.data) === JSON.stringify(fast);
}

/** A copy of `value` with the node at a random path replaced, removed, or given a new key. */
function mutate(value: unknown, path: number[], replacement: unknown, action: number): unknown {
  if (value === null || typeof value !== 'object') return replacement;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...(value as unknown[])] : { ...(value as Record<string, unknown>) };
  const keys = Object.keys(copy);
  if (keys.length === 0 || path.length === 0) {
    if (action === 0 && !Array.isArray(copy)) copy.extra = replacement;
    return action === 1 ? replacement : copy;
  }
  const key = keys[path[0]! % keys.length]!;
  const target = copy as Record<string, unknown>;
  if (path.length === 1 && action === 2) delete target[key];
  else target[key] = path.length === 1 ? replacement : mutate(target[key], path.slice(1), replacement, action);
  return copy;
}

describe('the fast answers check', () => {
  it('accepts every example, with the data zod gives', () => {
    for (const data of examples) {
      expect(plainlyValidAnswers(data)).toBeDefined();
      expect(agrees(data)).toBe(true);
    }
  });

  it('never accepts what zod refuses, nor gives other data (2,000 mutated files)', () => {
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: examples.length - 1 }),
        fc.array(fc.nat(), { minLength: 0, maxLength: 5 }),
        fc.oneof(
          fc.jsonValue(),
          fc.constantFrom(
            Number.NaN,
            Infinity,
            -Infinity,
            'x'.repeat(201),
            'x'.repeat(4001),
            [],
            {},
            { value: 1, extra: 1 },
            { unknown: false },
            { na: '' },
            'unknown',
          ),
        ),
        fc.integer({ min: 0, max: 3 }),
        (which, path, replacement, action) => {
          const data = mutate(examples[which], path, replacement, action);
          if (plainlyValidAnswers(data) !== undefined) accepted += 1;
          return agrees(data);
        },
      ),
      { numRuns: 2000, seed: 42 },
    );
    // Both outcomes occur: the property is not vacuous.
    expect(accepted).toBeGreaterThan(100);
    expect(accepted).toBeLessThan(1900);
  });
});
