import { z } from 'zod';
import { DOC_TYPES } from '../core/types.ts';

/**
 * Input and output shapes of the ExploCode API: one zod schema per shape gives validation,
 * the OpenAPI document and the static type at once.
 */

// Control characters (binary pasted into the bar) carry no meaning for search: drop them rather than refuse.
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const userText = (max: number) =>
  z
    .string()
    .max(max, { message: `texte trop long (${max} caractères au plus)` })
    .transform((s) => s.replace(CONTROL_CHARS, ' '));

export const MAX_QUERY_CHARS = 10_000;

const idcc = z
  .string()
  .regex(/^\d{1,4}$/, { message: 'IDCC invalide : 1 à 4 chiffres attendus' })
  .transform((s) => String(Number(s)));

export const searchQuery = z.object({
  q: userText(MAX_QUERY_CHARS).describe('La question ou les mots recherchés'),
  type: z.enum(DOC_TYPES as [string, ...string[]]).optional().describe('Filtre par type de résultat'),
  limit: z.coerce.number().int().min(1).max(100).default(10),
  offset: z.coerce.number().int().min(0).max(1000).default(0),
  idcc: idcc.optional().describe('Convention collective choisie : ses réponses passent en premier'),
  theme: z.string().max(200).optional().describe('Restreint la recherche à une thématique'),
});

export const suggestQuery = z.object({
  q: userText(200),
  limit: z.coerce.number().int().min(1).max(20).default(8),
});

export const articleParams = z.object({ num: z.string().min(1).max(100) });
export const idParams = z.object({ id: z.string().min(1).max(300) });
export const idccParams = z.object({ idcc });
export const optionalIdccQuery = z.object({ idcc: idcc.optional() });
export const conventionsQuery = z.object({
  q: userText(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const conventionArticlesQuery = z.object({
  q: userText(1000).default(''),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const errorBody = z.object({
  statusCode: z.number(),
  error: z.string(),
  message: z.string(),
});

const explanation = z.object({
  terms: z.array(z.string()),
  synonyms: z.array(z.object({ from: z.string(), to: z.string() })),
  themes: z.array(z.string()),
  via: z.array(z.object({ type: z.string(), id: z.string(), title: z.string() })),
  semantic: z.number(),
  route: z.string().optional(),
});

export const searchResult = z.object({
  type: z.enum(DOC_TYPES as [string, ...string[]]),
  id: z.string(),
  num: z.string().optional(),
  idcc: z.string().optional(),
  title: z.string(),
  breadcrumb: z.array(z.string()),
  snippet: z.string().describe('Extrait échappé en HTML, termes trouvés entre <mark>'),
  url: z.string(),
  score: z.number(),
  explanation,
});

const themeSummary = z.object({
  id: z.string(),
  title: z.string(),
  path: z.array(z.string()),
  count: z.number(),
});

export const searchResponse = z.object({
  query: z.string(),
  route: z.object({ kind: z.enum(['article', 'convention']), target: z.string(), url: z.string() }).nullable(),
  themes: z.array(themeSummary.extend({ score: z.number() })),
  results: z.array(searchResult),
  total: z.number(),
});

export const suggestResponse = z.object({
  themes: z.array(themeSummary),
  completions: z.array(z.string()),
});
