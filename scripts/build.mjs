// npm run build: compiles src/ to dist/ for the production start (node dist/main.js) and copies the web
// chat's and the staff pages' browser files, which TypeScript does not emit. Plain JavaScript so it needs nothing but Node.
import { spawnSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

rmSync(`${root}dist`, { recursive: true, force: true });
const compiled = spawnSync(process.execPath, [tsc, '-p', `${root}tsconfig.build.json`], { stdio: 'inherit' });
if (compiled.status !== 0) process.exit(compiled.status ?? 1);
cpSync(`${root}src/channels/web/public`, `${root}dist/channels/web/public`, { recursive: true });
cpSync(`${root}src/channels/staff/public`, `${root}dist/channels/staff/public`, { recursive: true });
