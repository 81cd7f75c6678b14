/**
 * Vehicle boxes from the COCO detector: keep plausible vehicles, merge the duplicate car/truck boxes
 * the detector emits for one vehicle, and pick the main vehicle (the one the plate belongs to).
 */
export type Box = [x1: number, y1: number, x2: number, y2: number];

export interface Detection {
  box: Box;
  score: number;
  /** COCO class index (0-based): 2 car, 5 bus, 7 truck. */
  cls: number;
}

export interface Vehicle {
  box: Box;
  score: number;
  label: VehicleLabel;
}

export type VehicleLabel = 'car' | 'truck' | 'bus';
export const VEHICLE_CLASSES: Record<number, VehicleLabel> = { 2: 'car', 5: 'bus', 7: 'truck' };

export interface BoxFilterOptions {
  minScore: number;
  /** Minimum box area as a fraction of the image area. */
  minAreaFraction: number;
  /** IoU above which two vehicle boxes are the same vehicle. */
  mergeIou: number;
}

export const DEFAULT_BOX_FILTER: BoxFilterOptions = { minScore: 0.15, minAreaFraction: 0.02, mergeIou: 0.55 };

export const area = (b: Box) => Math.max(0, b[2] - b[0]) * Math.max(0, b[3] - b[1]);

export function iou(a: Box, b: Box): number {
  const ix = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
  const iy = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
  const inter = ix * iy;
  const union = area(a) + area(b) - inter;
  return union > 0 ? inter / union : 0;
}

export function clipBox(b: Box, width: number, height: number): Box {
  const c = (v: number, max: number) => Math.min(max, Math.max(0, v));
  return [c(b[0], width), c(b[1], height), c(b[2], width), c(b[3], height)];
}

/**
 * Keeps car/bus/truck detections above the score and area thresholds, then merges overlapping ones
 * (greedy, best score first): the merged box is the score-weighted mean of the group, its score the
 * group's best, its label the best-scoring label.
 */
export function filterVehicles(dets: Detection[], width: number, height: number, opts: BoxFilterOptions = DEFAULT_BOX_FILTER): Vehicle[] {
  const imgArea = width * height;
  const kept = dets
    .filter((d) => VEHICLE_CLASSES[d.cls] !== undefined && Number.isFinite(d.score) && d.score >= opts.minScore)
    .map((d) => ({ ...d, box: clipBox(d.box, width, height) }))
    .filter((d) => area(d.box) >= opts.minAreaFraction * imgArea)
    .sort((a, b) => b.score - a.score);
  const used = new Array<boolean>(kept.length).fill(false);
  const out: Vehicle[] = [];
  for (let i = 0; i < kept.length; i++) {
    if (used[i]) continue;
    const group = [kept[i]];
    used[i] = true;
    for (let j = i + 1; j < kept.length; j++) {
      if (!used[j] && iou(kept[i].box, kept[j].box) >= opts.mergeIou) {
        group.push(kept[j]);
        used[j] = true;
      }
    }
    const wsum = group.reduce((s, d) => s + d.score, 0);
    const box = [0, 1, 2, 3].map((k) => group.reduce((s, d) => s + d.box[k] * d.score, 0) / wsum) as Box;
    // The detector often sees one car as car, truck and bus at once: call it a car if any says so.
    const label = group.some((d) => d.cls === 2) ? 'car' : VEHICLE_CLASSES[kept[i].cls];
    out.push({ box, score: kept[i].score, label });
  }
  return out;
}

/**
 * How likely a vehicle is the photographed one: speed cameras frame the target large and central,
 * so area counts most, then closeness to the centre, then detector confidence.
 */
export function prominence(v: Vehicle, width: number, height: number): number {
  const cx = (v.box[0] + v.box[2]) / 2 / width - 0.5;
  const cy = (v.box[1] + v.box[3]) / 2 / height - 0.5;
  const centrality = 1 - Math.min(1, Math.hypot(cx, cy) / 0.71);
  return (area(v.box) / (width * height)) * (0.5 + 0.5 * centrality) * (0.5 + 0.5 * v.score);
}

export interface MainVehicleChoice {
  /** Index into the vehicles list, or -1 when there is none. */
  index: number;
  /** True when another vehicle is nearly as prominent: the photo does not say which car is targeted. */
  ambiguous: boolean;
}

export function chooseMainVehicle(vehicles: Vehicle[], width: number, height: number, ambiguityRatio = 0.6): MainVehicleChoice {
  if (vehicles.length === 0) return { index: -1, ambiguous: false };
  const p = vehicles.map((v) => prominence(v, width, height));
  let best = 0;
  for (let i = 1; i < p.length; i++) if (p[i] > p[best]) best = i;
  const ambiguous = p.some((x, i) => i !== best && x >= ambiguityRatio * p[best]);
  return { index: best, ambiguous };
}

/** Orders vehicles main first, then by prominence: the API lists the main vehicle first. */
export function orderVehicles(vehicles: Vehicle[], width: number, height: number): Vehicle[] {
  return [...vehicles].sort((a, b) => prominence(b, width, height) - prominence(a, width, height));
}

/** Grows a box by a margin (fraction of its size) on each side, clipped to the image. */
export function expandBox(b: Box, margin: number, width: number, height: number): Box {
  const w = b[2] - b[0];
  const h = b[3] - b[1];
  return clipBox([b[0] - margin * w, b[1] - margin * h, b[2] + margin * w, b[3] + margin * h], width, height);
}
