import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'server',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The deploy test mocks a module (vi.mock): it runs isolated in its own project (vitest.isolated.config.ts).
    exclude: ['test/deploy/deploy.test.ts', '**/node_modules/**'],
    // One module graph per worker, not per file: every file builds its own app on its own database
    // and nothing of one file's state is read by another, while importing the server (~3 s of each
    // file's time in CI: 599 s of 2,420 s worker time on 2026-12-03) is paid once per worker.
    isolate: false,
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
