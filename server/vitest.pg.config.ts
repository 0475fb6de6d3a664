import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config';

// The same API suites against a real PostgreSQL server (TEST_DATABASE_URL): a fresh database per
// run, one copy per test file, all dropped at the end. The crash test is left out: it starts its own
// server processes on a file-based PGlite and would only run the same thing twice; so is the backup
// test, which backs up and restores embedded (PGlite) installations whatever the pass, and the deploy
// test, which reads files. So are the pure rules next to the code (src/**): they touch no database and
// already ran in the PGlite pass.
export default mergeConfig(
  base,
  defineConfig({ test: { name: 'server-pg', exclude: ['src/**', 'test/crash/**', 'test/deploy/**', 'test/api/backup.test.ts', '**/node_modules/**'] } }),
);
