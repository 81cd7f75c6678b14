/**
 * Analyzer speed per language, in tokens per second (one core):
 *   npm run bench:search-languages -w @eig/platform
 * - warm: the sample corpus repeated (words seen before: folding and stemming come from the caches,
 *   as when indexing a real corpus, where words repeat);
 * - cold: every word new to the analyzer (sample words with three random letters appended), the
 *   worst case: every token is folded and stemmed (past the caches' 200,000 entries, nothing is cached);
 * - tokens: offsets for highlighting (warm); query: query analysis of the sample questions (warm).
 */
import type { SearchLanguage } from '../analyzer.ts';
import { createAnalyzer, SEARCH_LANGUAGES } from './index.ts';
import { SAMPLE_DOCS, SAMPLE_QUESTIONS, TOPICS } from './sample-texts.ts';

const MIN_MS = 300;

/** Runs `fn` (which returns how many tokens it saw) until MIN_MS have passed; median of 5 rates. */
function rate(fn: () => number): number {
  const rates: number[] = [];
  for (let r = 0; r < 5; r++) {
    let n = 0;
    const t0 = performance.now();
    do n += fn();
    while (performance.now() - t0 < MIN_MS / 5);
    rates.push((n / (performance.now() - t0)) * 1000);
  }
  return rates.sort((a, b) => a - b)[2];
}

function seeded(seed: number) {
  return () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
}

const fmt = (x: number) => `${(x / 1e6).toFixed(2)} M`.padStart(9);
console.log(`analyzer speed, tokens/s (Node ${process.version})`);
console.log('lang   warm terms   cold terms   tokens+offsets   query');
for (const lang of SEARCH_LANGUAGES) {
  const text = TOPICS.map((t) => `${SAMPLE_DOCS[lang][t].title}. ${SAMPLE_DOCS[lang][t].body}`).join('\n');
  const an = createAnalyzer(lang);
  const tokensPerText = an.tokens(text).length;
  const warm = rate(() => {
    an.terms(text);
    return tokensPerText;
  });
  const offsets = rate(() => an.tokens(text).length);
  const questions = SAMPLE_QUESTIONS[lang].map(([q]) => q);
  const qTokens = questions.reduce((n, q) => n + an.tokens(q).length, 0);
  const query = rate(() => {
    for (const q of questions) an.query(q);
    return qTokens;
  });
  // cold: batches of words the analyzer has never seen (sample words + three random letters),
  // made before the timing starts
  const words = an.tokens(text).map((t) => text.slice(t.start, t.end));
  const letters = [...an.alphabet];
  const rnd = seeded(42);
  const pick = () => letters[Math.floor(rnd() * letters.length)];
  const batches: string[] = [];
  for (let b = 0, wi = 0; b < 1500; b++) {
    const parts: string[] = [];
    for (let i = 0; i < 1000; i++) parts.push(words[wi++ % words.length] + pick() + pick() + pick());
    batches.push(parts.join(' '));
  }
  const coldAn = createAnalyzer(lang as SearchLanguage);
  let bi = 0;
  const cold = rate(() => {
    if (bi >= batches.length) throw new Error('bench: more cold batches needed');
    coldAn.terms(batches[bi++]);
    return 1000;
  });
  console.log(`${lang.padEnd(4)} ${fmt(warm)}   ${fmt(cold)}   ${fmt(offsets)}       ${fmt(query)}`);
}
