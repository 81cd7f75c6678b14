/**
 * Robustness check for the acceptance conditions ("other decisions, re-filled with names from sources
 * you don't have"): rewrites a gold file with every person and professional name replaced by a name from
 * another pool (faker locales the dev set does not use, plus common-word, particle and hyphenated names),
 * consistently per word within a decision, keeping each occurrence's case style, and re-computing all
 * offsets. Measuring only: the output goes to /tmp and nothing is learnt from it.
 *   node --import tsx packages/openjustice/bench/refill.ts [out=/tmp/oj-refill.jsonl] [seed=7]
 *   OPENJUSTICE_GOLD=/tmp/oj-refill.jsonl BENCH_ROWS=full npm run bench:openjustice
 */
import { writeFileSync } from 'node:fs';
import {
  fakerDE,
  fakerIT,
  fakerES,
  fakerTR,
  fakerNL,
  fakerSV,
  fakerHU,
  fakerCS_CZ,
  fakerDA,
  fakerFI,
  fakerHR,
  fakerID_ID,
  fakerLV,
  fakerSK,
  fakerAF_ZA,
  fakerZU_ZA,
  fakerES_MX,
  fakerEN_AU,
  type Faker,
} from '@faker-js/faker';
import { GOLD_FILE, loadJsonl } from './data.ts';
import { rng } from '../scripts/generator.ts';
import type { Doc, GoldSpan } from './metrics.ts';

const out = process.argv[2] ?? '/tmp/oj-refill.jsonl';
const seed = Number(process.argv[3] ?? 7);
const r = rng(seed);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
const LOCALES: Faker[] = [
  fakerDE,
  fakerIT,
  fakerES,
  fakerTR,
  fakerNL,
  fakerSV,
  fakerHU,
  fakerCS_CZ,
  fakerDA,
  fakerFI,
  fakerHR,
  fakerID_ID,
  fakerLV,
  fakerSK,
  fakerAF_ZA,
  fakerZU_ZA,
  fakerES_MX,
  fakerEN_AU,
];
for (const f of LOCALES) f.seed(seed);
// names that are everyday French words, with particles, hyphens or apostrophes: the hard cases
const HARD_LAST = [
  'Petit',
  'Blanc',
  'Rose',
  'Boulanger',
  'Marchand',
  'Fontaine',
  'Rossignol',
  'Loup',
  'Page',
  'Roy',
  'Bois',
  'Lebrun',
  'Lenoir',
  'Poisson',
  'Mercier',
  'Chevalier',
  'Leroy',
  'Meunier',
  'Carpentier',
  'Legrand',
  'Le Goff',
  'de La Fontaine',
  'Da Silva',
  'Van der Berg',
  'Ben Salah',
  'El Amrani',
  "N'Diaye",
  "D'Almeida",
  'Martin-Rivière',
  'Dupont-Moreau',
  'Saint-Martin',
  'Ly',
  'Ba',
  'Vu',
  'Ould Ahmed',
  'Nguyen Van',
  'Traoré',
  'Diallo',
  'Kowalczyk',
  'Lefort',
  'Bonnet',
  'Garnier',
  'Lévêque',
];
const HARD_FIRST = [
  'Rose',
  'Pierre',
  'Olive',
  'Marine',
  'Clément',
  'Constant',
  'France',
  'Ange',
  'Désiré',
  'Aimé',
  'Fleur',
  'Océane',
  'Jean-Pierre',
  'Marie-Claire',
  'Gwenaëlle',
  'Mohamed',
  'Fatoumata',
  'Aïcha',
  'Loïc',
  'Maëlys',
  'Yannick',
  'Bérénice',
  'Félicité',
  'Prudence',
  'Victoire',
  'Dieudonné',
  'Innocent',
  'Modeste',
];

const firstName = () => (r() < 0.3 ? pick(HARD_FIRST) : pick(LOCALES).person.firstName());
const lastName = () => (r() < 0.35 ? pick(HARD_LAST) : pick(LOCALES).person.lastName().replace(/\s+/g, ' '));

/** replacement with the occurrence's case style: DUPONT → UPPER, Dupont → as generated */
function styled(orig: string, repl: string): string {
  if (orig === orig.toUpperCase() && /\p{Lu}{2}/u.test(orig)) return repl.toUpperCase();
  return repl;
}
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

const PERSON_CATS = new Set(['personnePhysiquePrenom', 'personnePhysiqueNom', 'professionnelMagistratGreffier', 'professionnelAvocat']);

function refill(d: Doc): Doc {
  const firstMap = new Map<string, string>();
  const lastMap = new Map<string, string>();
  const used = new Set<string>();
  const mapWord = (map: Map<string, string>, w: string, gen: () => string) => {
    const k = fold(w);
    if (!map.has(k)) {
      // two different names never get the same replacement (that would merge two people)
      let v = gen();
      for (let n = 0; n < 20 && used.has(fold(v)); n++) v = gen();
      used.add(fold(v));
      map.set(k, v);
    }
    return styled(w, map.get(k)!);
  };
  const newText = (g: GoldSpan): string | null => {
    const t = d.text.slice(g.start, g.end);
    if (g.category === 'personnePhysiquePrenom') return mapWord(firstMap, t, firstName);
    if (g.category === 'personnePhysiqueNom') return mapWord(lastMap, t, lastName);
    // professionals: "Sophie DUMURGIER", "E. VET", "Martinel": keep initials, map the words
    if (g.category === 'professionnelMagistratGreffier' || g.category === 'professionnelAvocat') {
      if (/\b(?:SCP|SELARL|associés|avocats?)\b/i.test(t) || t.includes(',')) return null; // firm names: keep
      const words = t.split(/(\s+)/);
      const lastIdx = words.length - 1;
      return words
        .map((w, i) =>
          /^\s+$/.test(w) || /^\p{Lu}\.$/u.test(w) || !/\p{L}/u.test(w)
            ? w
            : i === lastIdx
              ? mapWord(lastMap, w, lastName)
              : mapWord(firstMap, w, firstName),
        )
        .join('');
    }
    return null;
  };
  let text = '';
  let last = 0;
  const entities: GoldSpan[] = [];
  for (const g of d.entities) {
    const repl = PERSON_CATS.has(g.category) ? newText(g) : null;
    text += d.text.slice(last, g.start);
    const value = repl ?? d.text.slice(g.start, g.end);
    entities.push({ ...g, start: text.length, end: text.length + value.length, text: value });
    text += value;
    last = g.end;
  }
  text += d.text.slice(last);
  return { ...d, id: `${d.id}-refill`, text, entities };
}

const docs = loadJsonl(GOLD_FILE).map(refill);
for (const d of docs)
  for (const e of d.entities) if (d.text.slice(e.start, e.end) !== e.text) throw new Error(`offset mismatch in ${d.id}`);
writeFileSync(out, docs.map((d) => JSON.stringify(d)).join('\n') + '\n');
console.log(`${docs.length} decisions re-filled → ${out}`);
