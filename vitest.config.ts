import { defineConfig } from 'vitest/config';

// One `npm test` runs the pure rules (shared), the API against a real database (server)
// and the web unit tests. Browser journeys live in e2e/ and run with `npm run test:e2e`.
export default defineConfig({ test: { projects: ['shared', 'server', 'web'] } });
