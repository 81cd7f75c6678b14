/** Loads the real lexicons from npm packages (once per process). */
import { createRequire } from 'node:module';
import { makeLexicons, type Lexicons } from './core/lexicon.ts';

const require = createRequire(import.meta.url);
let cached: Lexicons | null = null;

export function loadLexicons(): Lexicons {
  if (cached) return cached;
  const communes = require('@etalab/decoupage-administratif/data/communes.json') as { nom: string; type: string }[];
  const words = require('an-array-of-french-words') as string[];
  const areas = [
    ...(require('@etalab/decoupage-administratif/data/departements.json') as { nom: string }[]).map((d) => d.nom),
    ...(require('@etalab/decoupage-administratif/data/regions.json') as { nom: string }[]).map((r) => r.nom),
  ];
  cached = makeLexicons(
    communes
      .filter((c) => c.type === 'commune-actuelle' || c.type === 'commune-deleguee' || c.type === 'arrondissement-municipal')
      .map((c) => c.nom.replace(/ \d+e Arrondissement$/, '')),
    words,
    areas,
  );
  return cached;
}
