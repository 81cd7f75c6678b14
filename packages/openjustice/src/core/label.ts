/**
 * Label compatibility (Cour-de-cassation/label): the NLP request it sends and the `nlpResponseType`
 * it expects from its NLP service (entities with text/start/end/category/source/score/entityId,
 * a checklist of strings, versions). Written from Label's documented types, not copied.
 */
import type { Category } from './categories.ts';
import type { PseudonymizeOptions, PseudonymizeResult } from './pseudonymize.ts';

export interface LabelNlpRequest {
  idLabel?: string;
  idDecision?: string;
  sourceId?: string | number;
  sourceName?: string;
  text: string;
  parties?: unknown[];
  categories?: string[];
  additionalTerms?: string | string[];
}

export interface LabelNlpEntity {
  text: string;
  start: number;
  end: number;
  category: string;
  source: string;
  score: number;
  entityId: string;
}
export interface LabelNlpVersion {
  version: string;
  date: string;
}
export interface LabelNlpResponse {
  entities: LabelNlpEntity[];
  checklist: string[];
  versions: {
    juriSpacyTokenizer: LabelNlpVersion;
    juritools: LabelNlpVersion;
    pseudonymisationApi: LabelNlpVersion;
    model: { name: string };
  };
  additionalTermsParsingFailed?: boolean;
}

/** Label sends additional terms as one string ("Dupont, Martin" or "a;b") or as a list. */
export function parseAdditionalTerms(raw: LabelNlpRequest['additionalTerms']): { terms: string[]; failed: boolean } {
  if (raw === undefined || raw === null) return { terms: [], failed: false };
  if (Array.isArray(raw)) return { terms: raw.filter((x) => typeof x === 'string' && x.trim()).map((x) => x.trim()), failed: false };
  if (typeof raw !== 'string') return { terms: [], failed: true };
  return {
    terms: raw
      .split(/[;,\n]/)
      .map((x) => x.trim())
      .filter(Boolean),
    failed: false,
  };
}

/** Label's `parties`: objects with civilite/prenom/nom/qualite or firstName/lastName; unknown shapes are ignored. */
export function parseParties(raw: unknown[] | undefined): NonNullable<PseudonymizeOptions['parties']> {
  const out: NonNullable<PseudonymizeOptions['parties']> = [];
  for (const p of raw ?? []) {
    if (!p || typeof p !== 'object') continue;
    const o = p as Record<string, unknown>;
    const str = (k: string) => (typeof o[k] === 'string' && (o[k] as string).trim() ? (o[k] as string).trim() : undefined);
    const firstName = str('firstName') ?? str('prenom');
    const lastName = str('lastName') ?? str('nom');
    const name = str('name') ?? str('raisonSociale');
    if (firstName || lastName) out.push({ firstName, lastName, type: 'PP' });
    else if (name) out.push({ name, type: 'PM' });
  }
  return out;
}

export function toLabelRequestOptions(
  req: LabelNlpRequest,
  isCategory: (c: string) => c is Category,
): { options: PseudonymizeOptions; failed: boolean } {
  const { terms, failed } = parseAdditionalTerms(req.additionalTerms);
  const cats = req.categories
    ?.flatMap((c) => (c === 'personnePhysique' ? ['personnePhysiquePrenom', 'personnePhysiqueNom'] : [c]))
    .filter(isCategory);
  return {
    options: { additionalTerms: terms, parties: parseParties(req.parties), categories: cats?.length ? cats : undefined },
    failed,
  };
}

export function toLabelResponse(
  result: PseudonymizeResult,
  engineVersion: string,
  modelName: string,
  date = new Date().toISOString().slice(0, 10),
): LabelNlpResponse {
  const v = { version: engineVersion, date };
  return {
    entities: result.entities.map((e) => ({
      text: e.text,
      start: e.start,
      end: e.end,
      category: e.category,
      source: e.source,
      score: e.score,
      entityId: e.entityId,
    })),
    checklist: result.checklist.map((c) => c.message),
    versions: { juriSpacyTokenizer: v, juritools: v, pseudonymisationApi: v, model: { name: modelName } },
  };
}
