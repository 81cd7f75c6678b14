/**
 * Every API shape of Open Justice, once: zod validates, documents (OpenAPI) and types the server,
 * the pages and the review island.
 */
import { z } from 'zod';
import { errorBodySchema } from '@eig/platform';
import { CATEGORIES } from '../core/categories.ts';
import { STATUSES } from '../review/workflow.ts';

export const errorBody = errorBodySchema;
const category = z.enum(CATEGORIES);

// ---- public: pseudonymize, Label's NER

export const pseudonymizeBody = z.object({
  text: z
    .string()
    .describe(
      'Le texte de la décision (UTF-8). Au-delà de la limite synchrone (1 000 000 caractères par défaut), importez-la : POST /api/openjustice/imports.',
    ),
  categories: z.array(category).max(30).optional().describe('Limite les catégories rendues (et occultées)'),
});

const checklistItem = z.object({
  code: z.string(),
  message: z.string(),
  terms: z.array(z.string()),
  spans: z.array(z.object({ start: z.number().int(), end: z.number().int() })),
});
export const risk = z.object({
  score: z.number().describe('0 à 1'),
  level: z.enum(['low', 'medium', 'high']).optional(),
  review: z.enum(['simple', 'double']).optional(),
  reasons: z.array(z.object({ code: z.string(), message: z.string(), weight: z.number() })),
});

export const pseudonymizeResponse = z.object({
  entities: z.array(
    z.object({
      start: z.number().int().describe('Décalage UTF-16 dans le texte reçu'),
      end: z.number().int(),
      category: z.string(),
      text: z.string(),
      entityId: z.string(),
      replacement: z.string().nullable().describe('null pour les professionnels laissés en clair'),
      score: z.number(),
    }),
  ),
  pseudonymized: z.string(),
  checklist: z.array(checklistItem),
  risk,
});
export type PseudonymizeResponse = z.infer<typeof pseudonymizeResponse>;

/** Label's request to its NLP service (Cour-de-cassation/label, nlpApi). */
export const labelNerBody = z.object({
  idLabel: z.union([z.string(), z.number()]).optional(),
  idDecision: z.union([z.string(), z.number()]).optional(),
  sourceId: z.union([z.string(), z.number()]).optional(),
  sourceName: z.string().max(200).optional(),
  text: z.string(),
  parties: z.array(z.unknown()).max(500).optional(),
  categories: z.array(z.string().max(100)).max(50).optional(),
  additionalTerms: z.union([z.string().max(20_000), z.array(z.string().max(500)).max(500)]).optional(),
});

const version = z.object({ version: z.string(), date: z.string() });
/** Label's `nlpResponseType`. */
export const labelNerResponse = z.object({
  entities: z.array(
    z.object({
      text: z.string(),
      start: z.number().int(),
      end: z.number().int(),
      category: z.string(),
      source: z.string(),
      score: z.number(),
      entityId: z.string(),
    }),
  ),
  checklist: z.array(z.string()),
  versions: z.object({
    juriSpacyTokenizer: version,
    juritools: version,
    pseudonymisationApi: version,
    model: z.object({ name: z.string() }),
  }),
  additionalTermsParsingFailed: z.boolean().optional(),
});

// ---- review

export const annotation = z.object({
  start: z.number().int().min(0),
  end: z.number().int().min(1),
  category,
  entityId: z.string().min(1).max(120),
  personId: z.string().max(120).optional(),
  score: z.number().optional(),
  source: z.string().max(40).optional(),
});

export const status = z.enum(STATUSES);
export const idParams = z.object({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });

export const listQuery = z.object({
  status: status.optional(),
  assignee: z.union([z.literal('me'), z.literal('none'), z.coerce.number().int().min(1)]).optional(),
  q: z.string().max(200).optional().describe('Numéro de décision ou de pourvoi, ECLI, identifiant'),
  import: z.coerce.number().int().min(1).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  page_size: z.coerce.number().int().min(1).max(100).default(25),
});

export const decisionSummary = z.object({
  id: z.number(),
  publicId: z.string(),
  sourceName: z.string(),
  sourceId: z.string(),
  status,
  court: z.string().nullable(),
  chamber: z.string().nullable(),
  date: z.string().nullable(),
  number: z.string().nullable(),
  solution: z.string().nullable(),
  ecli: z.string().nullable(),
  length: z.number(),
  risk: z.object({ score: z.number(), level: z.string() }).nullable(),
  reviewRoute: z.enum(['simple', 'double']).nullable(),
  assignee: z.number().nullable(),
  assigneeEmail: z.string().nullable(),
  firstReviewer: z.number().nullable(),
  version: z.number(),
  timeSpentMs: z.number(),
  updatedAt: z.string(),
});
export type DecisionSummary = z.infer<typeof decisionSummary>;

export const listResponse = z.object({ items: z.array(decisionSummary), total: z.number(), page: z.number(), pageSize: z.number() });
export type ListResponse = z.infer<typeof listResponse>;

export const decisionDetail = z.object({
  decision: decisionSummary,
  text: z.string(),
  annotations: z.array(annotation),
  checklist: z.array(checklistItem),
  risk: risk.nullable(),
  zones: z.array(z.object({ zone: z.string(), start: z.number(), end: z.number() })),
  actions: z.array(z.string()).describe('Actions permises à l’utilisateur'),
  canEdit: z.boolean(),
});
export type DecisionDetail = z.infer<typeof decisionDetail>;

export const changeBody = z.object({
  version: z.number().int().optional(),
  annotations: z.array(annotation).max(50_000).optional(),
  timeSpentMs: z
    .number()
    .int()
    .min(0)
    .max(24 * 3600_000)
    .optional(),
});
export const saveBody = changeBody.extend({ annotations: z.array(annotation).max(50_000) });
export const actionParams = idParams.extend({
  action: z.enum(['release', 'claim', 'save', 'resume', 'unclaim', 'validate', 'confirm', 'reject', 'lock', 'unlock', 'reopen']),
});
export const previewResponse = z.object({ pseudonymized: z.string() });
export const assignBody = z.object({ assignee: z.number().int().min(1).nullable() });
export const changeResponse = z.object({ status, version: z.number(), assignee: z.number().nullable() });

export const historyResponse = z.object({
  entries: z.array(
    z.object({
      at: z.string(),
      actor: z.string().describe('Adresse de l’agent, « système » ou « ligne de commande »'),
      action: z.string(),
      from: z.string().nullable(),
      to: z.string().nullable(),
      before: z.unknown(),
      after: z.unknown(),
      timeSpentMs: z.number(),
    }),
  ),
});

export const statsResponse = z.object({
  counts: z.record(z.string(), z.number()),
  total: z.number(),
  review: z.object({ double: z.number(), simple: z.number() }),
  agents: z.array(
    z.object({
      userId: z.number(),
      email: z.string().nullable(),
      validated: z.number(),
      confirmed: z.number(),
      edits: z.number(),
      timeSpentMs: z.number(),
    }),
  ),
});
export type StatsResponse = z.infer<typeof statsResponse>;

// ---- imports

export const decisionImportBody = z.object({
  text: z.string().min(1),
  sourceName: z.string().min(1).max(100).default('api'),
  sourceId: z.string().min(1).max(200).optional(),
  court: z.string().max(200).optional(),
  chamber: z.string().max(200).optional(),
  date: z.string().max(40).optional(),
  number: z.string().max(100).optional(),
  solution: z.string().max(200).optional(),
  ecli: z.string().max(100).optional(),
});

export const importResponse = z.object({
  importId: z.string(),
  decisions: z.number(),
  duplicates: z.number(),
  problems: z.array(z.object({ origin: z.string(), message: z.string() })),
  jobs: z.number(),
});
export type ImportResponse = z.infer<typeof importResponse>;

export const importProgress = z.object({
  importId: z.string(),
  createdAt: z.string(),
  decisions: z.number(),
  duplicates: z.number(),
  byStatus: z.record(z.string(), z.number()),
  annotated: z.number().describe('Décisions passées par le moteur'),
  problems: z.array(z.object({ origin: z.string(), message: z.string() })),
});
export type ImportProgress = z.infer<typeof importProgress>;
export const importsResponse = z.object({ imports: z.array(importProgress) });

// ---- open data

export const exportQuery = z.object({
  date_start: z.string().max(40).optional().describe('AAAA-MM-JJ ou horodatage ISO 8601 (inclus)'),
  date_end: z.string().max(40).optional().describe('AAAA-MM-JJ (jour inclus) ou horodatage ISO 8601 (exclu)'),
  date_type: z
    .enum(['update', 'creation'])
    .default('update')
    .describe('update : date de mise à jour (moissonnage) ; creation : date de la décision'),
  batch_size: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(200).optional().describe('Le « next_cursor » de la page précédente'),
});

export const publishedDocument = z.object({
  id: z.string(),
  source: z.string(),
  jurisdiction: z.string().nullable(),
  jurisdiction_name: z.string().nullable(),
  chamber: z.string().nullable(),
  number: z.string().nullable(),
  numbers: z.array(z.string()),
  ecli: z.string().nullable(),
  decision_date: z.string().nullable(),
  update_date: z.string(),
  solution: z.string().nullable(),
  text: z.string(),
  zones: z.record(z.string(), z.array(z.object({ start: z.number(), end: z.number() }))),
  pseudonymisation: z.object({
    engine_version: z.string().nullable(),
    masked: z.number(),
    review: z.enum(['simple', 'double']).nullable(),
  }),
});

export const exportResponse = z.object({
  batch_size: z.number(),
  total: z.number(),
  results: z.array(publishedDocument),
  next_cursor: z.string().nullable(),
  next_batch: z.string().nullable(),
});

export const decisionQuery = z.object({ id: z.string().min(1).max(100) });

export const searchQuery = z.object({
  query: z.string().min(1).max(1000),
  page: z.coerce.number().int().min(1).max(100).default(1),
  page_size: z.coerce.number().int().min(1).max(50).default(10),
});
export const searchResponse = z.object({
  total: z.number(),
  page: z.number(),
  results: z.array(
    z.object({
      id: z.string(),
      jurisdiction: z.string().nullable(),
      chamber: z.string().nullable(),
      number: z.string().nullable(),
      decision_date: z.string().nullable(),
      solution: z.string().nullable(),
      update_date: z.string(),
      score: z.number(),
      highlight: z.string().describe('Extrait échappé en HTML, mots trouvés entre <mark>'),
    }),
  ),
});
export type SearchResponse = z.infer<typeof searchResponse>;

export type Status = z.infer<typeof status>;
export type LabelNerBody = z.infer<typeof labelNerBody>;
export type ChangeBody = z.infer<typeof changeBody>;
export type SaveBody = z.infer<typeof saveBody>;
export type DecisionImportBody = z.infer<typeof decisionImportBody>;
export type HistoryResponse = z.infer<typeof historyResponse>;
export type PublishedDocument = z.infer<typeof publishedDocument>;
