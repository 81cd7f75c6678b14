import type { Category } from './categories.ts';

const FORBIDDEN = new Set(['Q']);
const ALPHABET = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'].filter((c) => !FORBIDDEN.has(c));

/**
 * The n-th person placeholder letters, as Label's buildCharacterList: A…Z without Q, then AA, AB…
 * (bijective base-25 numbering over the allowed letters).
 */
export function letterCode(index: number): string {
  if (!Number.isInteger(index) || index < 0) throw new RangeError('letter index must be a non-negative integer');
  let n = index + 1;
  let out = '';
  while (n > 0) {
    n -= 1;
    out = ALPHABET[n % ALPHABET.length] + out;
    n = Math.floor(n / ALPHABET.length);
  }
  return out;
}

/** Label's anonymization patterns; %c = letters, %d = counter. */
const PATTERNS: Partial<Record<Category, string>> = {
  personnePhysiquePrenom: '[%c]',
  personnePhysiqueNom: '[%c]',
  dateNaissance: '[Date naissance %d]',
  dateMariage: '[Date mariage %d]',
  dateDeces: '[Date décès %d]',
  numeroIdentifiant: '[Numéro identifiant %d]',
  personneMorale: '[%d]',
  etablissement: '[%d]',
  numeroSiretSiren: '[N° SIREN/SIRET %d]',
  adresse: '[Adresse %d]',
  localite: '[Localité %d]',
  telephoneFax: '[XXXXXXXX%d]',
  email: '[Courriel %d]',
  siteWebSensible: '[%d]',
  compteBancaire: '[XXXXXXXXXX%d]',
  cadastre: '[Cadastre %d]',
  plaqueImmatriculation: '[Immatriculation %d]',
};
/** Categories whose counter is zero-padded to two digits in Label's settings. */
const PADDED = new Set<Category>(['telephoneFax', 'siteWebSensible', 'compteBancaire']);
/** Categories that share one counter (Label numbers legal persons and establishments together). */
const COUNTER_GROUP: Partial<Record<Category, string>> = { personneMorale: 'org', etablissement: 'org' };

export function formatReplacement(category: Category, counter: number, letters?: string): string | null {
  const p = PATTERNS[category];
  if (!p) return null;
  const d = PADDED.has(category) ? String(counter).padStart(2, '0') : String(counter);
  return p.replace('%c', letters ?? letterCode(counter - 1)).replace('%d', d);
}

/**
 * Hands out replacements per entity, in order of first appearance: one letter per person (shared by
 * their first name and surname spans), one counter per category (or counter group) for the rest.
 */
export class ReplacementAllocator {
  private letters = new Map<string, string>();
  private counters = new Map<string, number>();
  private byEntity = new Map<string, string>();
  private nextLetter = 0;

  replacementFor(category: Category, entityId: string, personKey?: string): string | null {
    const known = this.byEntity.get(entityId);
    if (known !== undefined) return known;
    let r: string | null;
    if (category === 'personnePhysiquePrenom' || category === 'personnePhysiqueNom') {
      const key = personKey ?? entityId;
      let l = this.letters.get(key);
      if (!l) {
        l = letterCode(this.nextLetter++);
        this.letters.set(key, l);
      }
      r = `[${l}]`;
    } else {
      const group = COUNTER_GROUP[category] ?? category;
      const n = (this.counters.get(group) ?? 0) + 1;
      this.counters.set(group, n);
      r = formatReplacement(category, n);
    }
    if (r !== null) this.byEntity.set(entityId, r);
    return r;
  }
}
