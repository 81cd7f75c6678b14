/** Quick in-process hit@5 per language on the starter content (no server): node --import tsx packages/karfur/scripts/search-quick.ts [lang] */
import { readFileSync } from 'node:fs';
import { loadStarterContent, CONTENT_DIR } from '../src/content.ts';
import { indexTranslations } from '../src/core/progress.ts';
import { buildAllIndexes } from '../src/core/search/build.ts';
import { MultilingualSearch } from '../src/core/search/engine.ts';
import { searchKeywordsSchema } from '../src/core/search/keywords.ts';
import { LANGUAGE_CODES } from '../src/core/languages.ts';

const c = await loadStarterContent();
const keywords = searchKeywordsSchema.parse(JSON.parse(readFileSync(`${CONTENT_DIR}search-keywords.json`, 'utf8')));
const t0 = performance.now();
const engine = new MultilingualSearch(
  buildAllIndexes({ fiches: c.fiches, translation: indexTranslations(c.translations), taxonomy: c.taxonomy, keywords }),
);
console.log(`build ${Math.round(performance.now() - t0)} ms`);
const only = process.argv[2];
for (const lang of LANGUAGE_CODES) {
  if (only && only !== lang) continue;
  const qs = readFileSync(new URL(`../bench/queries/${lang}.jsonl`, import.meta.url), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { q: string; expected: string[] });
  let hits = 0;
  const misses: string[] = [];
  for (const q of qs) {
    const top = engine.search(q.q, lang, { limit: 5 }).hits.map((h) => h.id);
    if (q.expected.some((e) => top.includes(e))) hits++;
    else misses.push(`${q.q} → want ${q.expected.join(',')} got ${top.slice(0, 3).join(',')}`);
  }
  console.log(`${lang} hit@5 ${(hits / qs.length).toFixed(3)} (${hits}/${qs.length})`);
  if (only) for (const m of misses) console.log('  ' + m);
}
