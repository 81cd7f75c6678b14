/**
 * Adapter: loads the communes and départements shipped inside @etalab/decoupage-administratif (no
 * network) and builds the place index once per process. Its own index.js reads files relative to the
 * working directory, so the JSON files are imported directly.
 */
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { buildPlaceIndex, type CommuneRecord, type DepartementRecord, type PlaceIndex } from './core/geo.ts';

const require = createRequire(import.meta.url);
let cached: Promise<PlaceIndex> | null = null;

async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await readFile(require.resolve(`@etalab/decoupage-administratif/data/${file}`), 'utf8')) as T;
}

export function loadPlaceIndex(): Promise<PlaceIndex> {
  cached ??= (async () => {
    const [communes, departements] = await Promise.all([
      readJson<CommuneRecord[]>('communes.json'),
      readJson<DepartementRecord[]>('departements.json'),
    ]);
    return buildPlaceIndex(communes, departements);
  })();
  return cached;
}
