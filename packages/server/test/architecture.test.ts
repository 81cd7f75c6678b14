/**
 * The suite's layering, checked:
 *  - a service depends on the platform and the web UI kit, never on another service nor on the web host;
 *  - the platform depends on nothing of the suite; the web package only on the platform;
 *  - no shared file (platform, web) names a service: adding a service touches its package and the
 *    one list in packages/server/src/services.ts;
 *  - every service in the list plugs in fully: its views and islands are found by the web build.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVICES } from '../src/services.ts';

const packagesDir = fileURLToPath(new URL('../../', import.meta.url));
const SHARED = ['platform', 'web', 'server'];
const servicePackages = readdirSync(packagesDir).filter(
  (d) => !SHARED.includes(d) && existsSync(path.join(packagesDir, d, 'package.json')),
);

function sourceFiles(dir: string, exts = /\.(ts|tsx|mjs|js)$/): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (['node_modules', 'dist', 'build'].includes(name)) return [];
    if (statSync(full).isDirectory()) return sourceFiles(full, exts);
    return exts.test(name) ? [full] : [];
  });
}

/** `@eig/<pkg>` and `@eig/<pkg>/<subpath>` imports of a file. */
function imports(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  return [...new Set([...src.matchAll(/(?:from|import)\s*\(?\s*['"](@eig\/[a-z-]+(?:\/[a-z/-]+)?)['"]/g)].map((m) => m[1]))];
}

function importsOf(pkg: string): [file: string, spec: string][] {
  const dir = path.join(packagesDir, pkg);
  return ['src', 'bench', 'scripts', 'test'].flatMap((sub) =>
    sourceFiles(path.join(dir, sub)).flatMap((file) =>
      imports(file).map((spec) => [path.relative(packagesDir, file), spec] as [string, string]),
    ),
  );
}

describe('architecture', () => {
  it('finds the packages and imports it checks', () => {
    expect(servicePackages.length).toBeGreaterThan(0);
    expect(importsOf(servicePackages[0]).map(([, s]) => s)).toContain('@eig/platform');
  });

  it('keeps each service independent of the others and of the web host', () => {
    const offenders: string[] = [];
    for (const service of servicePackages) {
      for (const [file, spec] of importsOf(service)) {
        const allowed =
          spec === '@eig/platform' ||
          spec.startsWith('@eig/platform/') ||
          spec === '@eig/web/ui' ||
          spec === '@eig/web/ui/server' ||
          spec === `@eig/${service}` ||
          spec.startsWith(`@eig/${service}/`);
        if (!allowed) offenders.push(`${file} → ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('keeps the platform free of the suite, and the web package free of services', () => {
    const offenders = [
      ...importsOf('platform').filter(([, s]) => !s.startsWith('@eig/platform')),
      ...importsOf('web').filter(([, s]) => !s.startsWith('@eig/platform') && !s.startsWith('@eig/web')),
    ].map(([f, s]) => `${f} → ${s}`);
    expect(offenders).toEqual([]);
  });

  it('names no service in shared code (platform, web)', () => {
    const names = new RegExp(servicePackages.join('|'), 'i');
    const offenders = ['platform', 'web']
      .flatMap((pkg) =>
        ['src', 'scripts', 'test'].flatMap((sub) => sourceFiles(path.join(packagesDir, pkg, sub), /\.(ts|tsx|mjs|js|css|json)$/)),
      )
      .filter((file) => names.test(readFileSync(file, 'utf8')))
      .map((f) => path.relative(packagesDir, f));
    expect(offenders).toEqual([]);
  });

  it('lists each service once, as a package whose front end the web build discovers', () => {
    const ids = SERVICES.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      const pkg = JSON.parse(readFileSync(path.join(packagesDir, id, 'package.json'), 'utf8')) as {
        name: string;
        eig?: { views: string; islands: string };
      };
      expect(pkg.name).toBe(`@eig/${id}`);
      if (SERVICES.find((s) => s.id === id)!.web) expect(pkg.eig, `${id} declares its views and islands`).toBeDefined();
    }
  });

  it('registers on the client every island the server renders', async () => {
    // Island keys used with island('<key>', ...) in a package must be in that package's islands registry.
    for (const pkg of [...servicePackages, 'web']) {
      const files = sourceFiles(path.join(packagesDir, pkg, 'src'));
      const used = new Set(
        files.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/island\(\s*['"]([a-z0-9.-]+)['"]/g)].map((m) => m[1])),
      );
      const registered = new Set(
        files.flatMap((f) =>
          [...readFileSync(f, 'utf8').matchAll(/^\s*['"]([a-z0-9-]+\.[a-z0-9.-]+)['"]\s*:\s*\(\)\s*=>\s*import\(/gm)].map((m) => m[1]),
        ),
      );
      for (const key of used) expect(registered.has(key), `${pkg}: island ${key} has a client loader`).toBe(true);
    }
  });
});
