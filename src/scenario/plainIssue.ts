/**
 * Schema problems in the words of the person who wrote the scenario: "is missing", "should be
 * a number", "is longer than 253 characters", instead of the validator's own terms ("expected
 * string, received undefined"). The field's path is said by the caller.
 */
import type { z } from 'zod';

type RawIssue = z.core.$ZodRawIssue;

const KIND_WORDS: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object with fields',
  record: 'an object with fields',
  map: 'an object with fields',
};

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return 'text';
    case 'number':
      return Number.isFinite(value) ? 'a number' : 'not a finite number';
    case 'boolean':
      return 'true or false';
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

function quoted(values: readonly unknown[]): string {
  const shown = values.slice(0, 8).map((v) => (typeof v === 'string' ? `"${v}"` : String(v)));
  return values.length > 8 ? `${shown.join(', ')}, …` : shown.join(', ');
}

function sizeWords(
  origin: string,
  bound: number | bigint,
  inclusive: boolean | undefined,
  side: 'most' | 'least',
): string {
  const n = Number(bound) + (inclusive === false ? (side === 'most' ? -1 : 1) : 0);
  switch (origin) {
    case 'string':
      return side === 'most'
        ? `is too long (at most ${n} characters)`
        : n <= 1
          ? 'is empty'
          : `is too short (at least ${n} characters)`;
    case 'array':
    case 'set':
      return side === 'most'
        ? `has too many entries (at most ${n.toLocaleString('en-US')})`
        : `needs at least ${n} ${n === 1 ? 'entry' : 'entries'}`;
    default:
      return side === 'most' ? `is too large (at most ${n})` : `is too small (at least ${n})`;
  }
}

/** A message for one schema problem; schema-specific messages (name rules) are kept as written. */
export function plainIssue(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return 'is missing';
      const want = KIND_WORDS[issue.expected] ?? issue.expected;
      return `should be ${want}, not ${kindOf(issue.input)}`;
    }
    case 'too_big':
      return sizeWords(issue.origin, issue.maximum, issue.inclusive, 'most');
    case 'too_small':
      return sizeWords(issue.origin, issue.minimum, issue.inclusive, 'least');
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${quoted(issue.values)}`
        : `must be one of ${quoted(issue.values)}`;
    case 'invalid_format':
      return 'is not written the way this field is written';
    case 'unrecognized_keys':
      return `has fields PodPath does not know: ${quoted(issue.keys)}`;
    case 'invalid_union':
      return issue.input === undefined ? 'is missing' : 'is not any of the forms this field takes';
    case 'invalid_key':
      return 'has a key that is not valid';
    case 'invalid_element':
      return 'has an entry that is not valid';
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    default:
      return undefined;
  }
}
