import { defineConfig } from 'vitest/config';
import base from './vitest.config';

// The test that replaces a module with vi.mock needs a module graph of its own (isolate: true);
// the rest of the server project shares one per worker (vitest.config.ts).
export default defineConfig({
  test: { ...base.test, name: 'server-isolated', include: ['test/deploy/deploy.test.ts'], exclude: ['**/node_modules/**'], isolate: true },
});
