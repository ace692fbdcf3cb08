/** The least of several timings of `fn`, in ms: the run least disturbed by other work on the machine. */
export function leastMs(fn: () => void, runs = 7): number {
  let least = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    least = Math.min(least, performance.now() - t);
  }
  return least;
}
