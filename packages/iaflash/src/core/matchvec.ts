/**
 * matchvec's `/matchvec/predict` answer shape (ANTAI's IA Flash, datalab-mi): a list per image of
 * detected vehicles with x1, y1, x2, y2 (integers), class_name, confidence, label, and
 * brand_model_classif { pred: top-5 "MAKE MODEL" names, prob: their probabilities, label }.
 * Existing integrations switch to this service without change.
 */
import type { AnalysisResult } from './analysis.ts';

export interface MatchvecObject {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  class_name: string;
  confidence: number;
  label: string;
  brand_model_classif: { pred: string[]; prob: number[]; label: string };
}

const round4 = (x: number) => Math.round(x * 10000) / 10000;

export function toMatchvec(result: AnalysisResult): MatchvecObject[] {
  return result.vehicles
    .filter((v) => v.classes.length > 0)
    .map((v) => {
      const pred = v.classes.map((c) => `${c.make} ${c.model}`);
      const prob = v.classes.map((c) => c.prob);
      const label = `${pred[0]}: ${round4(prob[0])}`;
      return {
        x1: Math.round(v.box[0]),
        y1: Math.round(v.box[1]),
        x2: Math.round(v.box[2]),
        y2: Math.round(v.box[3]),
        class_name: v.label,
        confidence: round4(v.score),
        label,
        brand_model_classif: { pred, prob, label },
      };
    });
}
