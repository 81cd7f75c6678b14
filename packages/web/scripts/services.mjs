// Finds the services' front-end modules: every workspace package whose package.json declares
// `"eig": { "views": "<subpath>", "islands": "<subpath>" }` (subpaths of its "exports"). The web
// package names no service: a new service package is picked up by the next build.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const packagesDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function discoverServiceWebModules() {
  const found = [];
  for (const dir of readdirSync(packagesDir).sort()) {
    const file = join(packagesDir, dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8'));
    if (!pkg.eig?.views || !pkg.eig?.islands) continue;
    found.push({ name: pkg.name, views: `${pkg.name}/${pkg.eig.views}`, islands: `${pkg.name}/${pkg.eig.islands}` });
  }
  return found;
}

/** Vite plugin: the virtual modules listing every service's views (SSR) and island loaders (client). */
export function eigServices() {
  const VIEWS = 'virtual:eig-service-views';
  const ISLANDS = 'virtual:eig-service-islands';
  const services = discoverServiceWebModules();
  return {
    name: 'eig-services',
    resolveId(id) {
      if (id === VIEWS || id === ISLANDS) return '\0' + id;
    },
    load(id) {
      if (id === '\0' + VIEWS) {
        return [
          ...services.map((s, i) => `import { views as v${i} } from ${JSON.stringify(s.views)};`),
          `export default [${services.map((_, i) => `{ views: v${i} }`).join(', ')}];`,
        ].join('\n');
      }
      if (id === '\0' + ISLANDS) {
        return [
          ...services.map((s, i) => `import { islands as i${i} } from ${JSON.stringify(s.islands)};`),
          `export default Object.assign({}, ${services.map((_, i) => `i${i}`).join(', ') || '{}'});`,
        ].join('\n');
      }
    },
  };
}
