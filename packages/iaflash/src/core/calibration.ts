/** Probability calibration and decision thresholds, pure functions over validation outputs. */

export function softmax(logits: ArrayLike<number>, temperature = 1): number[] {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i] / temperature);
  const e = Array.from(logits, (l) => Math.exp(l / temperature - max));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

/** Each class's share of the training labels (the prior the head learnt its probabilities under). */
export function classShares(labels: readonly number[], numClasses: number): number[] {
  const n = new Array<number>(numClasses).fill(0);
  for (const y of labels) n[y]++;
  return n.map((c) => c / Math.max(1, labels.length));
}

/**
 * The probabilities the model would give if every class were equally frequent: Bayes' rule with the
 * training prior swapped for a uniform one (each probability divided by its class's share, then
 * renormalised). The training shares say which photos the operator had, not what is on the road, and
 * a head trained on them under-ranks the rare models (logit adjustment, Menon et al., ICLR 2021).
 * A class with no share keeps its probability rather than dividing by zero; without shares (models
 * trained before they were stored) the probabilities are returned as they are.
 */
export function equalPriorProbs(probs: ArrayLike<number>, prior: ArrayLike<number> | undefined): number[] {
  if (!prior) return Array.from(probs);
  const raw = Array.from(probs, (p, k) => (prior[k] > 0 ? p / prior[k] : p));
  const s = raw.reduce((a, b) => a + b, 0);
  return s > 0 ? raw.map((v) => v / s) : Array.from(probs);
}

/** Mean negative log-likelihood of the true classes at a temperature. */
export function nll(logits: ArrayLike<number>[], labels: number[], temperature: number): number {
  let total = 0;
  logits.forEach((l, i) => (total -= Math.log(Math.max(1e-12, softmax(l, temperature)[labels[i]]))));
  return total / Math.max(1, logits.length);
}

/**
 * Temperature scaling (Guo et al. 2017): the single divisor of the logits that minimises validation
 * NLL. It fixes over-confidence without changing the ranking, so top-1/top-5 are unchanged.
 */
export function fitTemperature(logits: ArrayLike<number>[], labels: number[]): number {
  if (logits.length === 0) return 1;
  let lo = 0.05;
  const hi = 20;
  // NLL is unimodal in log T: golden-section search on log T.
  const f = (lt: number) => nll(logits, labels, Math.exp(lt));
  let a = Math.log(lo);
  let b = Math.log(hi);
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  for (let i = 0; i < 60; i++) {
    if (f(c) < f(d)) b = d;
    else a = c;
    c = b - g * (b - a);
    d = a + g * (b - a);
  }
  lo = Math.exp((a + b) / 2);
  return lo;
}

/** Expected calibration error over equal-width confidence bins. */
export function expectedCalibrationError(probs: ArrayLike<number>[], labels: number[], bins = 10): number {
  const count = new Array<number>(bins).fill(0);
  const conf = new Array<number>(bins).fill(0);
  const acc = new Array<number>(bins).fill(0);
  probs.forEach((p, i) => {
    let best = 0;
    for (let k = 1; k < p.length; k++) if (p[k] > p[best]) best = k;
    const b = Math.min(bins - 1, Math.floor(p[best] * bins));
    count[b]++;
    conf[b] += p[best];
    acc[b] += best === labels[i] ? 1 : 0;
  });
  let ece = 0;
  for (let b = 0; b < bins; b++) if (count[b]) ece += (count[b] / probs.length) * Math.abs(acc[b] / count[b] - conf[b] / count[b]);
  return ece;
}

/**
 * The alarm threshold for a target false-alarm rate: the smallest score threshold t such that at
 * most `rate` of the genuine (consistent) cases have a score ≥ t. With n genuine scores, the
 * achievable rates are multiples of 1/n; the threshold sits just above the k-th highest genuine score.
 */
export function thresholdForFalseAlarmRate(genuineScores: number[], rate: number): number {
  if (genuineScores.length === 0) return 1;
  const s = [...genuineScores].sort((a, b) => b - a);
  const allowed = Math.floor(rate * s.length); // genuine cases allowed to alarm
  if (allowed >= s.length) return 0;
  const above = s[allowed]; // the highest score that must NOT alarm
  return Math.min(1, above + 1e-9);
}

/** Receiver operating characteristic summary for mismatch detection: scores high = mismatch. */
export function rocAuc(genuine: number[], impostor: number[]): number {
  if (!genuine.length || !impostor.length) return NaN;
  // Mann–Whitney U with ties counted half.
  const all = [...genuine.map((s) => ({ s, g: 1 })), ...impostor.map((s) => ({ s, g: 0 }))].sort((a, b) => a.s - b.s);
  let rankSumImp = 0;
  for (let i = 0; i < all.length;) {
    let j = i;
    while (j < all.length && all[j].s === all[i].s) j++;
    const avgRank = (i + j + 1) / 2;
    for (let k = i; k < j; k++) if (!all[k].g) rankSumImp += avgRank;
    i = j;
  }
  const nI = impostor.length;
  const nG = genuine.length;
  return (rankSumImp - (nI * (nI + 1)) / 2) / (nI * nG);
}

/** Fraction of impostor (swapped) cases caught at the threshold giving `rate` false alarms. */
export function catchRateAt(genuine: number[], impostor: number[], rate: number): number {
  const t = thresholdForFalseAlarmRate(genuine, rate);
  return impostor.filter((s) => s >= t).length / Math.max(1, impostor.length);
}
