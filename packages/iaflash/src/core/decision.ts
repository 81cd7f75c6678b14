/**
 * The check: does the photographed vehicle match the registered make and model? The score is the
 * calibrated probability that it does not; it alarms (MISMATCH, sent to a human) above a threshold
 * set on validation data for a target false-alarm rate. Cases the model cannot judge are
 * UNDETERMINED, with the reason, never a guess.
 */
import { classKey } from './labels.ts';
import { frPercent as pct } from './percent.ts';
import type { NormalizedRegistry } from './registry/normalize.ts';

export type Decision = 'CONSISTENT' | 'MISMATCH' | 'UNDETERMINED';

export type ReasonCode =
  | 'REGISTRY_UNKNOWN'
  | 'MODEL_OUTSIDE_CLASSES'
  | 'NO_VEHICLE'
  | 'SEVERAL_VEHICLES'
  | 'LOW_QUALITY'
  | 'MATCHES_REGISTRY'
  | 'DIFFERS_FROM_REGISTRY'
  | 'SAME_MAKE_OTHER_MODEL'
  | 'PLATE_DISAGREES';

export interface Reason {
  code: ReasonCode;
  /** French, for the agent. */
  message: string;
}

export interface ClassProb {
  make: string;
  model: string;
  prob: number;
}

export interface DecisionInput {
  registered: NormalizedRegistry;
  /** Calibrated probabilities over every class of the model, any order. */
  probs: ClassProb[];
  /** The probabilities the agent is shown (equal priors), which the reasons quote; `probs` by default. */
  shown?: ClassProb[];
  vehicleFound: boolean;
  severalVehicles: boolean;
  lowQuality: boolean;
}

export interface DecisionPolicy {
  /** Score at or above which the case is a MISMATCH. */
  threshold: number;
  /** The false-alarm rate the threshold was set for (reported with the decision). */
  targetFalseAlarmRate: number;
}

export interface Check {
  decision: Decision;
  /** Estimated probability that the vehicle is not the registered one; null when it cannot be estimated. */
  score: number | null;
  reasons: Reason[];
}

const name = (c: { make: string; model: string }) => `${c.make} ${c.model}`;

export function decide(input: DecisionInput, policy: DecisionPolicy): Check {
  const reasons: Reason[] = [];
  const reg = input.registered;
  if (reg.status !== 'OK') {
    return {
      decision: 'UNDETERMINED',
      score: null,
      reasons: [{ code: 'REGISTRY_UNKNOWN', message: 'La marque ou le modèle du registre n’a pas pu être identifié avec certitude.' }],
    };
  }
  const regKey = classKey(reg.make, reg.model);
  const regProb = input.probs.find((p) => classKey(p.make, p.model) === regKey);
  if (!regProb) {
    return {
      decision: 'UNDETERMINED',
      score: null,
      reasons: [
        {
          code: 'MODEL_OUTSIDE_CLASSES',
          message: `Le modèle du registre (${name(reg)}) ne fait pas partie des modèles que l’outil sait reconnaître.`,
        },
      ],
    };
  }
  const score = 1 - regProb.prob;
  if (!input.vehicleFound) reasons.push({ code: 'NO_VEHICLE', message: 'Aucun véhicule n’a été détecté sur la photo.' });
  if (input.severalVehicles)
    reasons.push({ code: 'SEVERAL_VEHICLES', message: 'Plusieurs véhicules occupent la photo : impossible de savoir lequel est visé.' });
  if (input.lowQuality)
    reasons.push({ code: 'LOW_QUALITY', message: 'Le véhicule est trop petit ou la photo de trop mauvaise qualité pour conclure.' });
  // Without a vehicle there is nothing to score: the probabilities are not about anything in the photo.
  if (reasons.length) return { decision: 'UNDETERMINED', score: input.vehicleFound ? score : null, reasons };

  // The reasons quote the list the agent sees, so their figures match it.
  const shown = input.shown ?? input.probs;
  const top = [...shown].sort((a, b) => b.prob - a.prob)[0];
  const regShown = shown.find((p) => classKey(p.make, p.model) === regKey) ?? regProb;
  if (score >= policy.threshold) {
    reasons.push({
      code: 'DIFFERS_FROM_REGISTRY',
      message: `Le véhicule ressemble à ${name(top)} (${pct(top.prob)}) ; le registre indique ${name(reg)} (${pct(regShown.prob)}).`,
    });
    if (top.make === reg.make)
      reasons.push({ code: 'SAME_MAKE_OTHER_MODEL', message: `Même marque (${reg.make}), modèle différent : à vérifier avec attention.` });
    return { decision: 'MISMATCH', score, reasons };
  }
  reasons.push({ code: 'MATCHES_REGISTRY', message: `Le véhicule est compatible avec le registre (${name(reg)}, ${pct(regShown.prob)}).` });
  return { decision: 'CONSISTENT', score, reasons };
}
