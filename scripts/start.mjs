// npm start: the service from src/, without transpiling TypeScript while it starts.
//
// Under tsx every module the service loads (a few hundred, with botbuilder's) passes through tsx's
// loader: about 1.5 s of a cached restart on a 2-core machine. So src/ is transpiled once into .start/
// (gitignored, the same layout as src/, so every path relative to a module holds), and only the files
// that changed since are transpiled again on a later start: TypeScript's transpileModule, one file at a
// time (tsconfig.json has isolatedModules), no type check (`npm test` and `npm run typecheck` do that).
// An unchanged src/ costs one hash of its files (tens of ms). Where TypeScript is not installed (a
// production install without devDependencies) or anything here fails, the service runs under tsx as before.
// Plain JavaScript, so it needs nothing but Node.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(ROOT, 'src');
export const OUT = join(ROOT, '.start');
/** Bump when what this script writes changes: every file is transpiled again. */
const FORMAT = 1;

const sha1 = (bytes) => createHash('sha1').update(bytes).digest('hex');

/** Every file under `root` (sources and the browser files served as they are), by path relative to it. */
function sourceFiles(root, dir = root, files = new Map()) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(root, path, files);
    else if (entry.isFile()) files.set(relative(root, path).split(sep).join('/'), path);
  }
  return files;
}

const outputOf = (rel) => (rel.endsWith('.ts') && !rel.endsWith('.d.ts') ? rel.replace(/\.ts$/, '.js') : rel);

function readManifest(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Brings `out` (.start/) up to date with `src` (src/) and says how many files it transpiled, copied or
 * removed. TypeScript is loaded only when a source changed.
 */
export async function prepareCompiled({ src = SRC, out = OUT, log = (line) => process.stderr.write(`${line}\n`) } = {}) {
  const manifest = join(out, '.manifest.json');
  const tsconfig = readFileSync(join(ROOT, 'tsconfig.json'));
  const files = sourceFiles(src);
  const hashes = Object.fromEntries([...files].map(([rel, path]) => [rel, sha1(readFileSync(path))]));
  const previous = readManifest(manifest);
  // TypeScript's version from its package.json (cheap); throws where it is not installed.
  const typescriptVersion = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('typescript/package.json'), 'utf8')).version;
  const config = sha1(`${FORMAT}\0${typescriptVersion}\0${tsconfig}`);
  const same = previous?.config === config;
  const changed = [...files.keys()].filter((rel) => !same || previous.files?.[rel] !== hashes[rel]);
  const removed = same ? Object.keys(previous.files ?? {}).filter((rel) => !files.has(rel)) : [];
  if (changed.length === 0 && removed.length === 0) return 0;

  if (!same) rmSync(out, { recursive: true, force: true });
  // Loading TypeScript alone takes about a second; all of src/ several on a busy 2-core machine.
  if (changed.length > 10) log(`npm start: transpiling ${changed.length} files of src/ into .start/ (once after a change; the next start skips this)`);
  const typescript = (await import('typescript')).default;
  const options = compilerOptions(typescript, tsconfig);
  // The manifest goes first: a start interrupted half-way transpiles those files again next time.
  mkdirSync(out, { recursive: true });
  rmSync(manifest, { force: true });
  for (const rel of removed) rmSync(join(out, outputOf(rel)), { force: true });
  for (const rel of changed) {
    const from = files.get(rel);
    const to = join(out, outputOf(rel));
    mkdirSync(dirname(to), { recursive: true });
    if (to.endsWith('.js') && rel.endsWith('.ts')) {
      const { outputText } = typescript.transpileModule(readFileSync(from, 'utf8'), { compilerOptions: options, fileName: from, reportDiagnostics: false });
      writeAtomically(to, outputText);
    } else {
      copyFileSync(from, to);
    }
  }
  writeAtomically(manifest, JSON.stringify({ config, files: hashes }));
  return changed.length + removed.length;
}

function compilerOptions(typescript, tsconfig) {
  const parsed = typescript.parseConfigFileTextToJson('tsconfig.json', tsconfig.toString('utf8'));
  const { options } = typescript.convertCompilerOptionsFromJson(parsed.config?.compilerOptions ?? {}, ROOT);
  // ES modules as the production build emits them for this "type": "module" package (transpileModule
  // cannot look that up for NodeNext), without source maps: a stack names .start/, beside src/.
  const { moduleResolution: _resolution, ...rest } = options;
  return { ...rest, module: typescript.ModuleKind.ES2022, noEmit: false, sourceMap: false, inlineSourceMap: false, declaration: false };
}

function writeAtomically(file, text) {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}

async function runFromSources(why) {
  if (why !== undefined) process.stderr.write(`npm start: running src/ under tsx (${why})\n`);
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(SRC, 'main.ts')).href);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  let ready = false;
  try {
    const began = Date.now();
    const written = await prepareCompiled();
    if (written > 0) process.stderr.write(`npm start: transpiled ${written} changed file(s) of src/ into .start/ in ${((Date.now() - began) / 1000).toFixed(1)} s\n`);
    ready = true;
  } catch (error) {
    await runFromSources(error instanceof Error ? error.message.split('\n')[0] : String(error));
  }
  if (ready) await import(pathToFileURL(join(OUT, 'main.js')).href);
}
