/** Classification figures over per-image probability vectors. */
export interface ClassReport {
  top1: number;
  top5: number;
  perClass: { index: number; n: number; recall: number; top5: number }[];
  minRecall: number;
}

export function rankOf(probs: ArrayLike<number>, label: number): number {
  let rank = 0;
  for (let k = 0; k < probs.length; k++) if (probs[k] > probs[label]) rank++;
  return rank;
}

export function classReport(probs: ArrayLike<number>[], labels: number[], numClasses: number): ClassReport {
  const n = new Array<number>(numClasses).fill(0);
  const hit1 = new Array<number>(numClasses).fill(0);
  const hit5 = new Array<number>(numClasses).fill(0);
  probs.forEach((p, i) => {
    const r = rankOf(p, labels[i]);
    n[labels[i]]++;
    if (r === 0) hit1[labels[i]]++;
    if (r < 5) hit5[labels[i]]++;
  });
  const total = Math.max(1, probs.length);
  const perClass = n.map((c, index) => ({ index, n: c, recall: c ? hit1[index] / c : NaN, top5: c ? hit5[index] / c : NaN }));
  const present = perClass.filter((c) => c.n > 0);
  return {
    top1: hit1.reduce((a, b) => a + b, 0) / total,
    top5: hit5.reduce((a, b) => a + b, 0) / total,
    perClass,
    minRecall: present.length ? Math.min(...present.map((c) => c.recall)) : NaN,
  };
}
