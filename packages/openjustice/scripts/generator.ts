/**
 * Synthetic decision generator: templates of the main court types (Cour de cassation, cour d'appel,
 * tribunal judiciaire, conseil de prud'hommes, tribunal administratif, tribunal de commerce) filled
 * with fake values, annotated with exact spans. Names come from faker locales split into two pools
 * (training / held-out) plus hand-written rare, particle, hyphenated and common-word names; none
 * come from the evaluation data. Deterministic for a given seed.
 */
import { createRequire } from 'node:module';
import {
  fakerDE,
  fakerEN_US,
  fakerEN_GB,
  fakerES,
  fakerSV,
  fakerTR,
  fakerHU,
  fakerCS_CZ,
  fakerNB_NO,
  fakerDA,
  fakerEN_AU,
  fakerIT,
  fakerNL,
  fakerHR,
  fakerFI,
  fakerID_ID,
  fakerZU_ZA,
  fakerAF_ZA,
  fakerDE_AT,
  fakerES_MX,
  fakerLV,
  fakerSK,
  type Faker,
} from '@faker-js/faker';
import { sirenSiretValid } from '../src/core/checksums.ts';

export interface GenSpan {
  start: number;
  end: number;
  category: string;
  text: string;
}
export interface GenDoc {
  id: string;
  source: 'generated';
  court: string;
  text: string;
  entities: GenSpan[];
}

const require = createRequire(import.meta.url);

/** Seeded PRNG (mulberry32). */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TRAIN_LOCALES: Faker[] = [
  fakerDE,
  fakerEN_US,
  fakerEN_GB,
  fakerES,
  fakerSV,
  fakerTR,
  fakerHU,
  fakerCS_CZ,
  fakerNB_NO,
  fakerDA,
  fakerEN_AU,
];
const HELDOUT_LOCALES: Faker[] = [
  fakerIT,
  fakerNL,
  fakerHR,
  fakerFI,
  fakerID_ID,
  fakerZU_ZA,
  fakerAF_ZA,
  fakerDE_AT,
  fakerES_MX,
  fakerLV,
  fakerSK,
];

// hand-written: French-looking, rare, particle, hyphenated and common-word names (two disjoint halves)
const EXTRA_LAST = [
  [
    'Lefort',
    'Boulanger',
    'Petit',
    'Marchand',
    'Le Goff',
    'Da Costa',
    'de La Roche',
    'Ben Salah',
    "N'Diaye",
    'Van der Berg',
    'Martin-Rivière',
    'Ould Ahmed',
    'Lenoir',
    'Rossignol',
    'Fontaine',
    'Chevalier',
    'Boucher',
    'Loup',
    'Roy',
    'Ly',
    'Ba',
    'Diallo',
    'Kowalczyk',
    'Nguyen Van',
    'Haddad',
    'El Amrani',
    'Dupont-Moreau',
    'Saint-Martin',
    'Lacroix',
    'Pape',
    'Page',
    'Vidal',
    'Barbier',
    'Jardin',
    'Rose',
    'Blanc',
    'Mercier',
    'Dos Santos',
    'Le Bihan',
    'Traoré',
  ],
  [
    'Lemaire',
    'Poisson',
    'Lebrun',
    'Bonnet',
    'Le Floch',
    'Da Silva',
    'de Villiers',
    'Ben Youssef',
    "D'Almeida",
    'Van Damme',
    'Gautier-Laurent',
    'Ait Ali',
    'Leroux',
    'Pinson',
    'Vasseur',
    'Masson',
    'Meunier',
    'Renard',
    'Roux',
    'Vu',
    'Sy',
    'Camara',
    'Nowicki',
    'Tran Thi',
    'Mansour',
    'El Idrissi',
    'Marin-Lefèvre',
    'Saint-Jean',
    'Delacroix',
    'Lévêque',
    'Prêtre',
    'Bernard',
    'Carpentier',
    'Bois',
    'Lys',
    'Brun',
    'Garnier',
    'Dos Reis',
    'Le Gall',
    'Keita',
  ],
];
const EXTRA_FIRST = [
  [
    'Jean-Pierre',
    'Marie-Claire',
    'Anne-Sophie',
    'Yannick',
    'Gwenaëlle',
    'Mohamed',
    'Fatoumata',
    'Thibaut',
    'Océane',
    'Loïc',
    'Maëlys',
    'Aïcha',
    'Enzo',
    'Bérénice',
    'Rémi',
    'Solène',
    'Karim',
    'Nadia',
    'Hervé',
    'Josiane',
  ],
  [
    'Pierre-Louis',
    'Marie-Hélène',
    'Jean-Baptiste',
    'Erwan',
    'Nolwenn',
    'Youssef',
    'Aminata',
    'Thibault',
    'Clémence',
    'Gaël',
    'Léna',
    'Samira',
    'Théo',
    'Apolline',
    'Jérôme',
    'Manon',
    'Rachid',
    'Leïla',
    'Gérard',
    'Ginette',
  ],
];

const STREET_TYPES = [
  'rue',
  'avenue',
  'boulevard',
  'chemin',
  'allée',
  'impasse',
  'place',
  'quai',
  'route',
  'cours',
  'faubourg',
  'montée',
  'square',
  'passage',
  'voie',
  'lieu-dit',
  'résidence',
];
const STREET_NAMES = [
  'de la République',
  'Victor Hugo',
  'des Lilas',
  'du Moulin',
  'de la Gare',
  'Jean Jaurès',
  'des Tilleuls',
  'du Général de Gaulle',
  'Pasteur',
  'des Écoles',
  'de Verdun',
  'du Stade',
  'des Peupliers',
  'de la Fontaine',
  'Gambetta',
  'des Acacias',
  'du Port',
  'Émile Zola',
  'de la Paix',
  'des Vignes',
  'Saint-Michel',
  'du Château',
  'des Roses',
  'de Bretagne',
  'Marcel Pagnol',
  'des Cerisiers',
  'de la Liberté',
  'du 8 Mai 1945',
  'Louise Michel',
  'des Prés',
];
const COMPANY_WORDS = [
  'Transports',
  'Bâtiment',
  'Immobilier',
  'Services',
  'Distribution',
  'Conseil',
  'Industrie',
  'Logistique',
  'Rénovation',
  'Énergie',
  'Habitat',
  'Boulangerie',
  'Garage',
  'Menuiserie',
  'Carrosserie',
  'Informatique',
];
const COMPANY_NAMES = [
  'Optalis',
  'Norvia',
  'Kalinor',
  'Bretech',
  'Vitalys',
  'Alpinor',
  'Sudexa',
  'Maritel',
  'Provexis',
  'Lumeo',
  'Terralis',
  'Aquanor',
  'Fibrex',
  'Solvia',
];
const ETAB = [
  'Le Balto',
  'La Belle Époque',
  'Le Petit Zinc',
  "L'Estaminet",
  'Chez Marcel',
  'Le Relais',
  'Les Tilleuls',
  'La Source',
  "Le Lion d'Or",
  'Au Bon Accueil',
];
const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const CITIES_COURT = [
  'Lyon',
  'Paris',
  'Bordeaux',
  'Rennes',
  'Douai',
  'Montpellier',
  'Toulouse',
  'Nancy',
  'Grenoble',
  'Versailles',
  'Aix-en-Provence',
  'Colmar',
  'Dijon',
  'Angers',
  'Orléans',
  'Poitiers',
  'Riom',
  'Pau',
  'Nîmes',
  'Caen',
];

interface Commune {
  nom: string;
  cp: string;
}
let communes: Commune[] | null = null;
function loadCommunes(): Commune[] {
  if (!communes) {
    const all = require('@etalab/decoupage-administratif/data/communes.json') as { nom: string; type: string; codesPostaux?: string[] }[];
    communes = all
      .filter((c) => c.type === 'commune-actuelle' && c.codesPostaux?.length)
      .map((c) => ({ nom: c.nom, cp: c.codesPostaux![0] }));
  }
  return communes;
}

export class Gen {
  private r: () => number;
  private locales: Faker[];
  private pool: 0 | 1;
  constructor(seed: number, pool: 'train' | 'heldout') {
    this.r = rng(seed);
    this.pool = pool === 'train' ? 0 : 1;
    this.locales = pool === 'train' ? TRAIN_LOCALES : HELDOUT_LOCALES;
    for (const f of this.locales) f.seed(seed);
  }
  rand = () => this.r();
  int = (a: number, b: number) => a + Math.floor(this.r() * (b - a + 1));
  pick = <T>(xs: readonly T[]): T => xs[Math.floor(this.r() * xs.length)];
  chance = (p: number) => this.r() < p;
  private faker = () => this.pick(this.locales);
  firstName(sex: 'm' | 'f'): string {
    if (this.chance(0.25)) return this.pick(EXTRA_FIRST[this.pool]);
    const n = this.faker().person.firstName(sex === 'm' ? 'male' : 'female');
    return this.chance(0.08) ? `${n} ${this.faker().person.firstName(sex === 'm' ? 'male' : 'female')}` : n;
  }
  lastName(): string {
    if (this.chance(0.3)) return this.pick(EXTRA_LAST[this.pool]);
    const n = this.faker().person.lastName().replace(/\s+/g, ' ');
    // compound surnames: hyphenated (Martin-Rivière) or two words (Spanish, Portuguese: "Nava Vergara")
    if (this.chance(0.06)) return `${n}-${this.faker().person.lastName()}`;
    if (this.chance(0.05)) return `${n} ${this.faker().person.lastName()}`.replace(/\s+/g, ' ');
    return n;
  }
  commune(): Commune {
    return this.pick(loadCommunes());
  }
  street(): string {
    const num = this.chance(0.85) ? `${this.int(1, 180)}${this.chance(0.1) ? this.pick([' bis', ' ter', 'A']) : ''} ` : '';
    const type = this.pick(STREET_TYPES);
    const name = this.chance(0.2)
      ? `${this.pick(['Jean', 'Paul', 'Louis', 'Marie', 'Henri'])} ${this.lastName()}`
      : this.pick(STREET_NAMES);
    const pre = this.chance(0.08) ? `${this.pick(['bâtiment B', 'résidence Les Pins', 'appartement 12', 'lot n° 4'])}, ` : '';
    return `${pre}${num}${type} ${name}`;
  }
  date(y0 = 1940, y1 = 2010): string {
    const d = this.int(1, 28),
      m = this.int(1, 12),
      y = this.int(y0, y1);
    return this.chance(0.6)
      ? `${d === 1 && this.chance(0.5) ? '1er' : d} ${this.pick(MONTHS)} ${y}`
      : `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`;
  }
  phone(): string {
    const d = [this.int(1, 9), ...Array.from({ length: 4 }, () => String(this.int(0, 99)).padStart(2, '0'))];
    return this.pick([
      `0${d[0]} ${d.slice(1).join(' ')}`,
      `0${d[0]}${d.slice(1).join('')}`,
      `+33 ${d[0]} ${d.slice(1).join(' ')}`,
      `0${d[0]}.${d.slice(1).join('.')}`,
    ]);
  }
  email(first: string, last: string): string {
    const clean = (s: string) =>
      s
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z]/g, '');
    return `${clean(first).slice(0, this.int(1, 8))}.${clean(last)}${this.chance(0.4) ? this.int(1, 99) : ''}@${this.pick(['gmail.com', 'orange.fr', 'free.fr', 'laposte.net', 'hotmail.fr', 'yahoo.fr'])}`;
  }
  siren(): string {
    for (;;) {
      const base = String(this.int(100000000, 999999999)).slice(0, 8);
      for (let k = 0; k < 10; k++) if (sirenSiretValid(base + k)) return base + k;
    }
  }
  siret(siren: string): string {
    for (;;) {
      const base = siren + String(this.int(0, 9999)).padStart(4, '0');
      for (let k = 0; k < 10; k++) if (sirenSiretValid(base + k)) return base + k;
    }
  }
  iban(): string {
    const bban = String(this.int(10000, 99999)) + String(this.int(10000, 99999)) + String(this.int(1e10, 9e10)) + String(this.int(10, 99));
    const num = BigInt(bban + '152700'); // FR00 → F=15 R=27 00
    const check = String(98n - (num % 97n)).padStart(2, '0');
    const s = `FR${check}${bban}`;
    return this.chance(0.7) ? s.replace(/(.{4})/g, '$1 ').trim() : s;
  }
  nir(sex: 'm' | 'f'): string {
    const body = `${sex === 'm' ? 1 : 2}${String(this.int(40, 99))}${String(this.int(1, 12)).padStart(2, '0')}${String(this.int(1, 95)).padStart(2, '0')}${String(this.int(1, 999)).padStart(3, '0')}${String(this.int(1, 999)).padStart(3, '0')}`;
    const key = String(97n - (BigInt(body) % 97n)).padStart(2, '0');
    const s = body + key;
    return this.chance(0.6)
      ? `${s[0]} ${s.slice(1, 3)} ${s.slice(3, 5)} ${s.slice(5, 7)} ${s.slice(7, 10)} ${s.slice(10, 13)} ${s.slice(13)}`
      : s;
  }
  plate(): string {
    const L = 'ABCDEFGHJKLMNPRSTVWXYZ';
    const l = () => L[this.int(0, L.length - 1)];
    return this.chance(0.8)
      ? `${l()}${l()}-${this.int(100, 999)}-${l()}${l()}`
      : `${this.int(10, 9999)} ${l()}${l()} ${String(this.int(1, 95)).padStart(2, '0')}`;
  }
  company(): string {
    return this.chance(0.5)
      ? this.pick(COMPANY_NAMES)
      : `${this.pick(COMPANY_WORDS)} ${this.pick(['du Centre', "de l'Ouest", this.lastName(), 'Moderne', 'Services', 'et Fils'])}`;
  }
  etab(): string {
    return this.pick(ETAB);
  }
  courtCity(): string {
    return this.pick(CITIES_COURT);
  }
}

/** Appends text and annotated values, keeping exact offsets. */
export class Builder {
  text = '';
  entities: GenSpan[] = [];
  t(s: string) {
    this.text += s;
    return this;
  }
  e(category: string, value: string) {
    this.entities.push({ start: this.text.length, end: this.text.length + value.length, category, text: value });
    this.text += value;
    return this;
  }
}

export interface Person {
  first: string;
  last: string;
  sex: 'm' | 'f';
  upper: boolean;
}
