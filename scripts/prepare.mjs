// `npm install` runs this: build the suite when the build tools are installed (a development install).
// A production install (`npm ci --omit=dev`) has no TypeScript nor Vite: it runs the tree that was
// built before (README, "Production"), and says so, or stops with a clear message if there is none.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';

const require = createRequire(import.meta.url);
const has = (name) => {
  try {
    require.resolve(`${name}/package.json`);
    return true;
  } catch {
    return false;
  }
};

if (has('typescript') && has('vite')) {
  const r = spawnSync('npm', ['run', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' });
  process.exit(r.status ?? 1);
}
const built = existsSync('packages/server/dist/main.js') && existsSync('packages/web/build/client/web-manifest.json');
if (built) {
  console.log('prepare: build tools absent (production install): using the existing build.');
} else {
  console.error(
    'prepare: the suite is not built and the build tools are absent. Run `npm ci` (with dev dependencies) and `npm run build` first.',
  );
  process.exit(1);
}
