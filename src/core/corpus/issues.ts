import type { z } from 'zod';
import { MISSING_FIELD } from './schema.js';

/*
 * How a corpus file's schema issues are worded, the same for faq:check and for the staff side's saves:
 * in plain words, never zod's own ("Invalid input: expected record, received array").
 */

const TYPE_NAMES: Readonly<Record<string, string>> = {
  object: 'fields (name: value lines, indented under it)',
  record: 'fields (name: value lines, indented under it)',
  array: 'a list (lines starting with "- ", or [a, b])',
  string: 'text',
  boolean: 'true or false',
  number: 'a number',
};

/**
 * Plain words for the issues the schema leaves to zod's own: a field that is absent is missing, one of
 * the wrong kind says what it must be, an unknown field or value is named. Issues the schema words
 * itself keep their message. Pass as `safeParse(data, { error: plainIssue })`.
 */
export function plainIssue(issue: { code?: string; input?: unknown; expected?: unknown; keys?: readonly string[]; values?: readonly unknown[] }): string | undefined {
  if (issue.code === 'invalid_type') {
    if (issue.input === undefined) return MISSING_FIELD;
    const expected = typeof issue.expected === 'string' ? TYPE_NAMES[issue.expected] : undefined;
    return expected === undefined ? undefined : `must be ${expected}`;
  }
  if (issue.code === 'unrecognized_keys' && issue.keys !== undefined) {
    const keys = issue.keys.map((k) => `"${k}"`).join(', ');
    return `${keys} ${issue.keys.length === 1 ? 'is not a field' : 'are not fields'} here; check the spelling and indentation (the fields are described in faq-data/README.md)`;
  }
  if (issue.code === 'invalid_value' && issue.values !== undefined) {
    return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  return undefined;
}

/**
 * The issues worth saying: one line per field. A field of the wrong kind is that one problem; zod also
 * measures a text given where a list belongs ("starters: incident-status" would add "must name at most
 * 6 entries", counting its letters), and such issues at the same field are left out.
 */
export function readableIssues(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  const key = (path: readonly PropertyKey[]) => path.map(String).join('\u0000');
  const wrongKind = new Set(issues.filter((i) => i.code === 'invalid_type').map((i) => key(i.path)));
  return issues.filter((i) => i.code === 'invalid_type' || !wrongKind.has(key(i.path)));
}
