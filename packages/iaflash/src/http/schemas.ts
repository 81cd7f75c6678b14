/**
 * Every API shape of IA Flash, once: zod validates, documents (OpenAPI) and types the routes, the
 * pages and the islands.
 */
import { z } from 'zod';
import { errorBodySchema } from '@eig/platform';
import { PLATE_AGREEMENTS } from '../core/plate-check.ts';
import { PLATE_FORMATS } from '../core/plate-format.ts';

export const errorBody = errorBodySchema;

export const DECISIONS = ['CONSISTENT', 'MISMATCH', 'UNDETERMINED'] as const;
export const decisionEnum = z.enum(DECISIONS);
export type DecisionValue = z.infer<typeof decisionEnum>;
export const FLAG_STATUSES = ['open', 'confirmed', 'dismissed'] as const;
export const flagStatus = z.enum(FLAG_STATUSES);
export type FlagStatus = z.infer<typeof flagStatus>;

const classProb = z.object({ make: z.string(), model: z.string(), prob: z.number().describe('Probabilité calibrée (0 à 1)') });
export const registered = z.object({ make: z.string(), model: z.string(), status: z.enum(['OK', 'UNDETERMINED']) });
export type Registered = z.infer<typeof registered>;
const reason = z.object({ code: z.string(), message: z.string() });

export const vehicle = z.object({
  box: z.array(z.number()).length(4).describe('[x1, y1, x2, y2] en pixels de la photo (après orientation EXIF)'),
  score: z.number().describe('Confiance du détecteur'),
  label: z.string().describe('car, truck ou bus'),
  classes: z
    .array(classProb)
    .describe(
      'Top 5 marque/modèle, probabilités calibrées, chaque modèle compté comme également fréquent (vide si le véhicule n’est pas reconnu)',
    ),
});
export const check = z.object({
  decision: decisionEnum,
  score: z.number().nullable().describe('Probabilité estimée que le véhicule ne soit pas celui du registre'),
  reasons: z.array(reason),
  registered,
});
export type CheckOut = z.infer<typeof check>;

export const analyzeFields = z.object({
  plate: z.string().max(20).optional(),
  registeredMake: z.string().max(100).optional(),
  registeredModel: z.string().max(100).optional(),
  store: z.enum(['true', 'false', '1', '0', 'on']).optional(),
});
export type AnalyzeFields = z.infer<typeof analyzeFields>;

export const plateResponse = z.object({ text: z.string(), confidence: z.number(), format: z.enum(PLATE_FORMATS) });
export const plateReading = plateResponse.extend({ agreement: z.enum(PLATE_AGREEMENTS) });
export type PlateReadingOut = z.infer<typeof plateReading>;

export const analyzeResponse = z.object({
  vehicles: z.array(vehicle),
  check: check.optional(),
  /** Photo size after EXIF orientation (to draw the boxes). */
  image: z.object({ width: z.number(), height: z.number() }).optional(),
  plate: z
    .object({ text: z.string(), format: z.enum(PLATE_FORMATS), valid: z.boolean(), registryFound: z.boolean() })
    .optional()
    .describe('La plaque du dossier, vérifiée (format) et cherchée dans le registre importé'),
  plateReading: plateReading
    .optional()
    .describe(
      'Présent quand une image de la plaque (« plateImage ») est envoyée : ce que le lecteur y lit et son accord avec la plaque du dossier, qui fait toujours foi',
    ),
  model: z.object({ id: z.number().nullable(), name: z.string() }),
  analysisId: z.number().optional().describe('Présent quand l’analyse est conservée (store=true, agents)'),
  flagId: z.number().optional(),
});
export type AnalyzeResponse = z.infer<typeof analyzeResponse>;

// An empty or blank string is bad input (400), not an unknown model: there is nothing to normalise.
export const normalizeBody = z.object({ raw: z.string().trim().min(1).max(500) });
export const normalizeResponse = registered;

export const matchvecResponse = z.array(
  z.array(
    z.object({
      x1: z.number(),
      y1: z.number(),
      x2: z.number(),
      y2: z.number(),
      class_name: z.string(),
      confidence: z.number(),
      label: z.string(),
      brand_model_classif: z.object({ pred: z.array(z.string()), prob: z.array(z.number()), label: z.string() }),
    }),
  ),
);

// ---- batches

export const batchSummary = z.object({
  id: z.number(),
  name: z.string(),
  createdAt: z.string(),
  total: z.number(),
  done: z.number(),
  failed: z.number(),
  pending: z.number(),
  decisions: z.object({ CONSISTENT: z.number(), MISMATCH: z.number(), UNDETERMINED: z.number() }),
  problems: z.array(z.string()),
});
export type BatchSummary = z.infer<typeof batchSummary>;
export const batchSubmitResponse = z.object({ batch: batchSummary, jobs: z.array(z.string()) });
export const batchesResponse = z.object({ batches: z.array(batchSummary) });

export const resultsQuery = z.object({
  decision: decisionEnum.optional(),
  status: z.enum(['pending', 'done', 'failed']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  page_size: z.coerce.number().int().min(1).max(500).default(50),
});
export type ResultsQuery = z.infer<typeof resultsQuery>;

export const analysisRow = z.object({
  id: z.number(),
  item: z.string().nullable(),
  status: z.enum(['pending', 'done', 'failed']),
  plate: z.string().nullable(),
  registeredRaw: z.string().nullable(),
  registered: registered.nullable(),
  decision: decisionEnum.nullable(),
  score: z.number().nullable(),
  top: classProb.nullable(),
  error: z.string().nullable(),
  reason: z.string().nullable().describe('La première raison de la décision'),
  plateDisagreement: z
    .string()
    .nullable()
    .describe('Quand le lecteur lit une autre plaque sur l’image de plaque du dossier : ce qu’il lit (la plaque du dossier fait foi)'),
  flagId: z.number().nullable(),
  flagStatus: flagStatus.nullable(),
});
export type AnalysisRow = z.infer<typeof analysisRow>;
export const resultsResponse = z.object({ batch: batchSummary, total: z.number(), page: z.number(), results: z.array(analysisRow) });
export type ResultsResponse = z.infer<typeof resultsResponse>;

// ---- review

export const flagSummary = z.object({
  id: z.number(),
  analysisId: z.number(),
  createdAt: z.string(),
  status: flagStatus,
  plate: z.string().nullable(),
  item: z.string().nullable(),
  registered: registered.nullable(),
  top: classProb.nullable(),
  score: z.number().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  version: z.number(),
});
export type FlagSummary = z.infer<typeof flagSummary>;
export const flagsQuery = z.object({
  status: flagStatus.default('open'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});
export const flagsResponse = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  counts: z.object({ open: z.number(), confirmed: z.number(), dismissed: z.number() }),
  flags: z.array(flagSummary),
});
export type FlagsResponse = z.infer<typeof flagsResponse>;
export const flagDetail = z.object({
  flag: flagSummary,
  vehicles: z.array(vehicle),
  check: check.nullable(),
  image: z.object({ width: z.number(), height: z.number() }).nullable(),
  photo: z.boolean().describe('false quand la photo a été effacée (durée de conservation)'),
  comment: z.string().nullable(),
  audit: z.array(z.object({ at: z.string(), user: z.string().nullable(), action: z.string(), comment: z.string().nullable() })),
});
export type FlagDetail = z.infer<typeof flagDetail>;
export const decideBody = z.object({
  action: z.enum(['confirm', 'dismiss', 'reopen']),
  comment: z.string().max(2000).optional(),
  version: z.number().int().optional(),
});
export const idParams = z.object({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });

// ---- registry

export const registryImportResponse = z.object({ imported: z.number(), undetermined: z.number(), invalidPlates: z.number() });
export type RegistryImportResponse = z.infer<typeof registryImportResponse>;

// ---- model

const validation = z
  .object({
    images: z.number(),
    top1: z.number(),
    top5: z.number(),
    perClass: z.array(z.object({ make: z.string(), model: z.string(), n: z.number(), recall: z.number() })),
    falseAlarm: z.array(z.object({ target: z.number(), threshold: z.number(), measuredFalseAlarm: z.number(), catchRate: z.number() })),
    ece: z.number(),
  })
  .nullable();
export const modelSummary = z.object({
  id: z.number().nullable().describe('null : le modèle livré avec la suite ou IAFLASH_MODEL_DIR'),
  name: z.string(),
  status: z.enum(['training', 'ready', 'failed']),
  active: z.boolean(),
  createdAt: z.string().nullable(),
  classes: z.number(),
  trainImages: z.number().nullable(),
  top1: z.number().nullable(),
  top5: z.number().nullable(),
  error: z.string().nullable(),
  jobId: z.string().nullable(),
});
export type ModelSummary = z.infer<typeof modelSummary>;
export const modelInfo = z.object({
  active: modelSummary.extend({
    classList: z.array(z.object({ make: z.string(), model: z.string() })),
    threshold: z.number(),
    targetFalseAlarmRate: z.number(),
    temperature: z.number(),
    validation,
    trainedAt: z.string().nullable(),
  }),
  models: z.array(modelSummary),
  /** The plate reader in use: the shipped one, or one tuned on the operator's crops (`eig iaflash train-plates`). */
  plateReader: z.object({
    tunedAt: z.string().nullable(),
    trainPlates: z.number().nullable(),
    validation: z.object({ plates: z.number(), before: z.number(), after: z.number() }).nullable(),
  }),
  training: z
    .object({
      modelId: z.number(),
      jobId: z.string().nullable(),
      state: z.string(),
      done: z.number(),
      total: z.number(),
      message: z.string(),
    })
    .nullable(),
});
export type ModelInfo = z.infer<typeof modelInfo>;
export const trainResponse = z.object({ modelId: z.number(), jobId: z.string() });

export const statsResponse = z.object({
  days: z.array(z.object({ day: z.string(), analyses: z.number(), mismatches: z.number(), confirmed: z.number(), dismissed: z.number() })),
  classes: z.array(z.object({ make: z.string(), model: z.string(), analyses: z.number(), mismatches: z.number(), confirmed: z.number() })),
});
export type StatsResponse = z.infer<typeof statsResponse>;
