import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Two builds share this config:
 *  - `vite build`              → dist/client: the hydration bundle (+ CSS imported by react-dsfr), with a manifest
 *  - `vite build --ssr ...`    → dist/server/entry-server.js: the React renderer used by the Fastify server.
 * react-dsfr imports CSS files and uses extension-less ESM imports, so the SSR build bundles it
 * (and everything else) instead of leaving it to Node.
 */
export default defineConfig(({ isSsrBuild }) => ({
  plugins: [react()],
  publicDir: false,
  build: isSsrBuild
    ? { outDir: 'dist/server', emptyOutDir: true, copyPublicDir: false, rollupOptions: { output: { format: 'es' } } }
    : {
        outDir: 'dist/client',
        emptyOutDir: true,
        manifest: true,
        assetsDir: 'assets',
        sourcemap: true,
        rollupOptions: { input: 'src/entry-client.tsx' },
      },
  ssr: { noExternal: true },
}));
