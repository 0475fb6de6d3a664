import { defineConfig } from 'vitest/config';

// `npm test` runs the pure rules (shared), the API against an in-memory PGlite (server) and the web
// unit tests; with TEST_DATABASE_URL set, the API suites run against that PostgreSQL server as well
// (server-pg). Browser journeys live in e2e/ (`npm run test:e2e`).
const projects = ['shared', 'server', 'web'];
if (process.env.TEST_DATABASE_URL) projects.push('server/vitest.pg.config.ts');

export default defineConfig({ test: { projects } });
