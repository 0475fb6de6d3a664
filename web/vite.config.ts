import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The API runs separately in development (`npm run dev`); in production the server serves web/dist.
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
});
