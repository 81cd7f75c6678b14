/**
 * Re-identification risk: a 0–1 score with its reasons, and the review route it implies (simple or
 * double review). Driven by what stays identifying after masking: rare categories, many persons,
 * doubts of the checklist, minors and sensitive matters.
 */
import type { Entity } from './pseudonymize.ts';
import type { ChecklistItem } from './checklist.ts';

export interface Risk {
  score: number;
  level: 'low' | 'medium' | 'high';
  review: 'simple' | 'double';
  reasons: { code: string; message: string; weight: number }[];
}

const SENSITIVE =
  /\b(mineur|mineure|enfant|assistance éducative|viol|agression sexuelle|atteinte sexuelle|santé|psychiatri|hospitalisation sans consentement|VIH|séropositi|religion|orientation sexuelle|handicap|tutelle|curatelle|stupéfiants|garde à vue|détention)\b/iu;

export function assessRisk(text: string, entities: Entity[], checklist: ChecklistItem[]): Risk {
  const reasons: Risk['reasons'] = [];
  const add = (code: string, message: string, weight: number) => reasons.push({ code, message, weight });
  const masked = entities.filter((e) => e.replacement !== null);
  const persons = new Set(masked.filter((e) => e.personId).map((e) => e.personId));
  if (persons.size >= 6) add('manyPersons', `${persons.size} personnes physiques citées.`, 0.15);
  const rare = new Set(
    masked
      .filter((e) =>
        ['numeroIdentifiant', 'compteBancaire', 'plaqueImmatriculation', 'siteWebSensible', 'email', 'telephoneFax', 'cadastre'].includes(
          e.category,
        ),
      )
      .map((e) => e.category),
  );
  if (rare.size) add('directIdentifiers', `Identifiants directs présents : ${[...rare].join(', ')}.`, 0.1 + 0.05 * rare.size);
  if (masked.some((e) => e.category === 'dateNaissance')) add('birthDate', 'Dates de naissance citées.', 0.1);
  if (masked.some((e) => e.category === 'etablissement')) add('establishment', 'Établissement nommé (lieu identifiant).', 0.1);
  const m = SENSITIVE.exec(text);
  if (m) add('sensitiveMatter', `Matière sensible (« ${m[0]} »).`, 0.25);
  const doubt = checklist.filter((c) => c.code !== 'lowConfidence');
  if (doubt.length) add('checklist', `${doubt.length} point(s) de doute à vérifier.`, Math.min(0.3, 0.06 * doubt.length));
  const low = masked.filter((e) => e.score < 0.7).length;
  if (low) add('lowConfidence', `${low} détection(s) peu sûre(s).`, Math.min(0.2, 0.02 * low));
  if (!masked.length && text.length > 500) add('nothingFound', 'Aucune donnée occultée dans un texte long : vérifier.', 0.3);
  const score = Math.min(
    1,
    reasons.reduce((s, r) => s + r.weight, 0),
  );
  const level = score >= 0.6 ? 'high' : score >= 0.3 ? 'medium' : 'low';
  return { score: Math.round(score * 100) / 100, level, review: level === 'low' ? 'simple' : 'double', reasons };
}
