/**
 * What `npm start` runs (scripts/start.mjs): src/ transpiled into .start/ once, then only what changed.
 * Here on a small source tree of its own in a temporary folder; the real start from .start/ is in
 * first-start.test.ts and shutdown.test.ts (through npm).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { prepareCompiled } from '../../scripts/start.mjs';

const root = mkdtempSync(join(tmpdir(), 'start-script-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const src = join(root, 'src');
const out = join(root, '.start');
const lines: string[] = [];
const prepare = () => prepareCompiled({ src, out, log: (line) => lines.push(line) });

describe('npm start transpiles src/ into .start/', () => {
  test('every file once, as ES modules without types; browser files copied; then only what changed, and removed files go', async () => {
    mkdirSync(join(src, 'sub'), { recursive: true });
    mkdirSync(join(src, 'public'), { recursive: true });
    writeFileSync(join(src, 'main.ts'), "import type { Shape } from './sub/shape.js';\nimport { area } from './sub/shape.js';\nconst square: Shape = { side: 3 };\nexport const answer: number = area(square);\n");
    writeFileSync(join(src, 'sub/shape.ts'), 'export interface Shape { readonly side: number }\nexport function area(s: Shape): number { return s.side * s.side; }\n');
    writeFileSync(join(src, 'public/chat.css'), 'body { margin: 0 }\n');

    expect(await prepare()).toBe(3);
    const main = readFileSync(join(out, 'main.js'), 'utf8');
    expect(main).toContain("import { area } from './sub/shape.js';");
    expect(main).not.toContain('Shape');
    expect(readFileSync(join(out, 'public/chat.css'), 'utf8')).toBe('body { margin: 0 }\n');
    // What was written runs as it is, with Node alone.
    const run = exported(await import(`${pathToFileURL(join(out, 'main.js')).href}?v=1`));
    expect(run.answer).toBe(9);

    // Unchanged: nothing written, TypeScript not even loaded.
    const before = statSync(join(out, 'main.js')).mtimeMs;
    expect(await prepare()).toBe(0);
    expect(statSync(join(out, 'main.js')).mtimeMs).toBe(before);

    writeFileSync(join(src, 'sub/shape.ts'), 'export interface Shape { readonly side: number }\nexport function area(s: Shape): number { return s.side * s.side * 2; }\n');
    rmSync(join(src, 'public/chat.css'));
    expect(await prepare()).toBe(2);
    expect(readFileSync(join(out, 'sub/shape.js'), 'utf8')).toContain('s.side * s.side * 2');
    expect(() => statSync(join(out, 'public/chat.css'))).toThrow();
    const shape: unknown = await import(`${pathToFileURL(join(out, 'sub/shape.js')).href}?v=2`);
    if (typeof shape !== 'object' || shape === null || !('area' in shape) || typeof shape.area !== 'function') throw new Error('no area export');
    expect(shape.area({ side: 3 })).toBe(18);
    expect(lines).toEqual([]);
  }, 60_000);
});

/** The module's `answer` export, checked. */
function exported(module: unknown): { answer: number } {
  if (typeof module !== 'object' || module === null || !('answer' in module) || typeof module.answer !== 'number') throw new Error('no numeric answer export');
  return { answer: module.answer };
}
