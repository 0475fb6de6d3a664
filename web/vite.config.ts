import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The API runs separately in development (`npm run dev`); in production the server serves web/dist.
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': {
        target: 'http://127.0.0.1:3000',
        changeOrigin: false,
        // The API refuses state-changing requests from origins other than PUBLIC_URL (CSRF): the dev
        // server's own pages are presented with the API's origin; other origins pass unchanged.
        configure: (proxy) =>
          proxy.on('proxyReq', (proxyReq, req) => {
            if (req.headers.origin && req.headers.origin === `http://${req.headers.host}`) proxyReq.setHeader('origin', 'http://127.0.0.1:3000');
          }),
      },
    },
  },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
});
