/** Loads the real lexicons from npm packages (once per process). */
import { createRequire } from 'node:module';
import { makeLexicons, type Lexicons } from './core/lexicon.ts';

const require = createRequire(import.meta.url);
let cached: Lexicons | null = null;

export function loadLexicons(): Lexicons {
  if (cached) return cached;
  const communes = require('@etalab/decoupage-administratif/data/communes.json') as { nom: string; type: string }[];
  const words = require('an-array-of-french-words') as string[];
  cached = makeLexicons(
    communes.filter((c) => c.type === 'commune-actuelle' || c.type === 'commune-deleguee' || c.type === 'arrondissement-municipal').map((c) => c.nom.replace(/ \d+e Arrondissement$/, '')),
    words,
  );
  return cached;
}
