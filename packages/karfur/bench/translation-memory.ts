/**
 * Translation-memory benchmark on the starter content: builds the memory from validated translations,
 * then looks up every French segment of every fiche in every language (what the translator's editor
 * does when a fiche is opened). Prints build time, lookup p50/p95 and the share of segments with an
 * exact or fuzzy suggestion.
 *   node --import tsx packages/karfur/bench/translation-memory.ts
 */
import { loadStarterContent } from '../src/content.ts';
import { buildTranslationMemory } from '../src/core/translation-memory.ts';
import { segmentsOf, sourceUnits } from '../src/core/fiche.ts';
import { TARGET_LANGUAGES } from '../src/core/languages.ts';

const c = await loadStarterContent();
let t = performance.now();
const tm = buildTranslationMemory(c.fiches, c.translations);
const buildMs = performance.now() - t;
const times: number[] = [];
const rows: Record<string, { segments: number; exact: number; fuzzy: number }> = {};
for (const lang of TARGET_LANGUAGES) {
  const r = (rows[lang] = { segments: 0, exact: 0, fuzzy: 0 });
  for (const f of c.fiches) {
    for (const value of sourceUnits(f).values()) {
      for (const seg of segmentsOf(value)) {
        t = performance.now();
        const m = tm.lookup(seg, lang);
        times.push(performance.now() - t);
        r.segments++;
        if (m[0]?.exact) r.exact++;
        else if (m.length) r.fuzzy++;
      }
    }
  }
}
times.sort((a, b) => a - b);
const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(3);
console.log(`memory: ${tm.size} segment pairs, built in ${buildMs.toFixed(1)} ms`);
console.log(`lookups: ${times.length}, p50 ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${q(1)} ms`);
for (const [lang, r] of Object.entries(rows)) {
  console.log(`${lang}: ${r.segments} French segments, exact ${r.exact}, fuzzy ${r.fuzzy}`);
}
