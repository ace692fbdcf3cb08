import { afterEach, beforeEach, vi } from 'vitest';

/**
 * Stray console output is a bug here: the service logs through its injected logger. Any console call
 * during a test fails that test, so a library's warning or a forgotten debug print cannot hide.
 */
const calls: string[] = [];

beforeEach(() => {
  calls.length = 0;
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      calls.push(`console.${method}: ${args.map(String).join(' ')}`);
    });
  }
});

afterEach(() => {
  vi.restoreAllMocks();
  if (calls.length > 0) throw new Error(`The test wrote to the console:\n${calls.join('\n')}`);
});
