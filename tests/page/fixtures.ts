import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const fixturePath = (name: string) => fileURLToPath(new URL(`../fixtures/pages/${name}`, import.meta.url));
export const fixture = (name: string) => readFileSync(fixturePath(name), 'utf8');
/** The day the tests reason about years from. */
export const TODAY = '2026-12-07';
