import os from 'node:os';
import { defineConfig } from 'vitest/config';

// `npm test` runs the pure rules (shared), the API against an in-memory PGlite (server) and the web
// unit tests; with TEST_DATABASE_URL set, the API suites run against that PostgreSQL server as well
// (server-pg). Browser journeys live in e2e/ (`npm run test:e2e`).
const projects = ['shared', 'server', 'server/vitest.isolated.config.ts', 'web'];
if (process.env.TEST_DATABASE_URL) projects.push('server/vitest.pg.config.ts');

// Vitest's default is one worker fewer than the CPUs: a single worker on these 2-core machines, which
// left one core idle while API tests wait on job polling, argon2 threads or the PostgreSQL server
// (the CI run of 2026-12-03: 510 s of test files in 683 s of wall time). At least three workers.
const maxWorkers = Math.max(3, os.availableParallelism());

export default defineConfig({ test: { projects, maxWorkers } });
