/**
 * The 19 categories of Label (Cour de cassation), same names, with the NLP split of persons into
 * first name / surname. Replacement patterns follow Label's settings (%c letters, %d counter).
 */
export const CATEGORIES = [
  'personnePhysiquePrenom',
  'personnePhysiqueNom',
  'dateNaissance',
  'dateMariage',
  'dateDeces',
  'numeroIdentifiant',
  'personneMorale',
  'etablissement',
  'numeroSiretSiren',
  'adresse',
  'localite',
  'telephoneFax',
  'email',
  'siteWebSensible',
  'compteBancaire',
  'cadastre',
  'plaqueImmatriculation',
  'professionnelMagistratGreffier',
  'professionnelAvocat',
] as const;

export type Category = (typeof CATEGORIES)[number];
/** Label's merged person category (its categoriesMapper output). */
export type OutputCategory = Category | 'personnePhysique';

export const PROFESSIONAL_CATEGORIES: readonly Category[] = ['professionnelMagistratGreffier', 'professionnelAvocat'];
export const MASKED_CATEGORIES: readonly Category[] = CATEGORIES.filter((c) => !PROFESSIONAL_CATEGORIES.includes(c));
export const PERSON_CATEGORIES: readonly Category[] = ['personnePhysiquePrenom', 'personnePhysiqueNom'];
/** Checksum-validated categories (the bench reports each one). */
export const CHECKSUM_CATEGORIES: readonly Category[] = ['compteBancaire', 'numeroIdentifiant', 'numeroSiretSiren'];

export const isCategory = (s: string): s is Category => (CATEGORIES as readonly string[]).includes(s);
export const isMasked = (c: Category) => !PROFESSIONAL_CATEGORIES.includes(c);
export const isPerson = (c: Category) => c === 'personnePhysiquePrenom' || c === 'personnePhysiqueNom';

export const CATEGORY_LABELS_FR: Record<Category, string> = {
  personnePhysiquePrenom: 'Personne physique (prénom)',
  personnePhysiqueNom: 'Personne physique (nom)',
  dateNaissance: 'Date de naissance',
  dateMariage: 'Date de mariage/PACS',
  dateDeces: 'Date de décès',
  numeroIdentifiant: 'Numéro identifiant',
  personneMorale: 'Personne morale',
  etablissement: 'Établissement',
  numeroSiretSiren: 'N° SIREN/SIRET',
  adresse: 'Adresse',
  localite: 'Localité',
  telephoneFax: 'Téléphone/Fax',
  email: 'Email',
  siteWebSensible: 'Site web sensible',
  compteBancaire: 'Compte bancaire',
  cadastre: 'Cadastre',
  plaqueImmatriculation: "Plaque d'immatriculation",
  professionnelMagistratGreffier: 'Magistrat / membre du greffe',
  professionnelAvocat: 'Avocat',
};
