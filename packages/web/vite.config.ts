import { defaultClientConditions, defaultServerConditions, defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
// @ts-expect-error plain JS build helper, no types
import { eigServices } from './scripts/services.mjs';

/**
 * Two builds share this config (then scripts/post-build.mjs adds the DSFR subset and compresses):
 *  - `vite build`              → build/client: the island loader, each island in its own chunk, the
 *                                suite's stylesheet; a manifest; no source maps in production;
 *  - `vite build --ssr ...`    → build/ssr/entry-server.js: the React renderer used by the host.
 * react-dsfr imports CSS files and uses extension-less ESM imports, so the SSR build bundles it
 * (and everything else) instead of leaving it to Node.
 */
export default defineConfig(({ isSsrBuild }) => ({
  plugins: [react(), eigServices()],
  // Workspace packages are bundled from their TypeScript sources (their "eig-source" export condition).
  resolve: { conditions: ['eig-source', ...defaultClientConditions] },
  publicDir: false,
  build: isSsrBuild
    ? { outDir: 'build/ssr', emptyOutDir: true, copyPublicDir: false, rollupOptions: { output: { format: 'es' } } }
    : {
        outDir: 'build/client',
        emptyOutDir: true,
        manifest: true,
        assetsDir: 'assets',
        sourcemap: false,
        rollupOptions: { input: { islands: 'src/entry-client.tsx', app: 'src/styles/app.css' } },
      },
  ssr: { noExternal: true, resolve: { conditions: ['eig-source', ...defaultServerConditions] } },
}));
