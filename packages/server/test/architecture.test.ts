/**
 * The suite's layering, checked: a service depends on the platform, never on another service;
 * the platform depends on no service; only the composition root (server) sees everything.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const packagesDir = fileURLToPath(new URL('../../', import.meta.url));
const SERVICES = ['explocode', 'openjustice', 'karfur', 'iaflash'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

function importedPackages(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  const specs = [...src.matchAll(/(?:from|import)\s*\(?\s*['"](@eig\/[a-z]+)[^'"]*['"]/g)].map((m) => m[1]);
  return [...new Set(specs)];
}

function importsOf(pkg: string): Map<string, string[]> {
  const dir = path.join(packagesDir, pkg);
  const out = new Map<string, string[]>();
  try {
    statSync(dir);
  } catch {
    return out;
  }
  for (const file of sourceFiles(dir)) {
    const deps = importedPackages(file);
    if (deps.length) out.set(path.relative(packagesDir, file), deps);
  }
  return out;
}

describe('architecture', () => {
  it('finds the imports it checks', () => {
    const all = [...importsOf('explocode').values()].flat();
    expect(all).toContain('@eig/platform');
  });

  it('keeps each service independent of the others', () => {
    const offenders: string[] = [];
    for (const service of SERVICES) {
      for (const [file, deps] of importsOf(service)) {
        for (const dep of deps) {
          if (dep !== '@eig/platform' && dep !== `@eig/${service}`) offenders.push(`${file} → ${dep}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('keeps the platform free of services and of the front end', () => {
    const offenders = [...importsOf('platform')].flatMap(([file, deps]) =>
      deps.filter((d) => d !== '@eig/platform').map((d) => `${file} → ${d}`),
    );
    expect(offenders).toEqual([]);
  });
});
