import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Stray console output is a bug in this codebase: the service logs through the injected logger.
    setupFiles: ['tests/setup/no-console.ts'],
    // restify 11 reads process.binding('http_parser') (DEP0111): harmless, and noise in every run.
    execArgv: ['--disable-warning=DEP0111'],
    reporters: ['default'],
  },
});
