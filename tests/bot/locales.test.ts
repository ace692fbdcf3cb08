import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';

const keys = (value: unknown, prefix = ''): string[] =>
  value !== null && typeof value === 'object'
    ? Object.entries(value).flatMap(([k, v]) => keys(v, `${prefix}${k}.`))
    : [prefix.slice(0, -1)];
const values = (value: unknown): unknown[] =>
  value !== null && typeof value === 'object' ? Object.values(value).flatMap(values) : [value];
const load = (lang: string): unknown => JSON.parse(readFileSync(new URL(`../../locales/${lang}/bot.json`, import.meta.url), 'utf8'));

describe('locales', () => {
  test('when English is compared with Swedish returns the same keys, none empty', () => {
    const sv = keys(load('sv')).sort();
    expect(sv.length).toBeGreaterThan(30);
    expect(keys(load('en')).sort()).toEqual(sv);
    for (const lang of ['sv', 'en']) {
      for (const v of values(load(lang))) expect(typeof v === 'string' && v.trim() !== '', `${lang}: ${String(v)}`).toBe(true);
    }
  });
});
