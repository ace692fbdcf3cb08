// npm run bench [-- FILE.tsv …] [--real-only] [--engine-only]
// Runs the benchmarks one after the other, each in its own process, and gives each the arguments it
// takes: npm appends `-- …` to the end of a script's command line, so with the four chained in
// package.json only the last one saw them (`--real-only` and the residents' files never reached the
// engine bench). Plain JavaScript so it needs nothing but Node.
//  - scripts/bench.ts: engine latency (FILE.tsv …, --real-only skips the 10,000-entry corpus);
//  - scripts/bench-bot.ts: the HTTP endpoints' throughput (FILE.tsv …);
//  - scripts/bench-start.ts: start-up to ready;
//  - scripts/bench-publish.ts: an editor's publish to served.
// --engine-only stops after the engine bench.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const files = args.filter((a) => !a.startsWith('--'));
const steps = [
  ['--expose-gc', '--import', 'tsx', 'scripts/bench.ts', ...args.filter((a) => a !== '--engine-only')],
  ['--import', 'tsx', 'scripts/bench-bot.ts', ...files],
  ['--import', 'tsx', 'scripts/bench-start.ts'],
  ['--disable-warning=DEP0111', '--import', 'tsx', 'scripts/bench-publish.ts'],
].slice(0, args.includes('--engine-only') ? 1 : undefined);

for (const step of steps) {
  const run = spawnSync(process.execPath, step, { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
