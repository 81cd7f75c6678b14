/**
 * Layer 3: lexicons shipped by npm packages. A capitalised run after "à" that is a French commune
 * (@etalab/decoupage-administratif) is a locality, unless the sentence speaks of a court, a bar, a
 * prefecture or the place where the decision was made.
 */
import type { Span } from './span.ts';
import type { Lexicons } from './lexicon.ts';
import { fold, lineStartBounded, type Token } from './text.ts';

const INSTITUTION_BEFORE =
  /(cour|tribunal|conseil|barreau|greffe|fait|faite|délibéré|jugé|prononcé|audience|rendu|rendue|prud['’]hommes|siège|siégeant|préfet|préfecture|centre|maison d'arrêt|établissement pénitentiaire|parquet|TJ|TGI|CA|ordonnance|juge|procureur|commissariat|gendarmerie|hôpital|CHU|université|rétention)\b[^.;\n]{0,40}$/iu;
const PREP = new Set(['a', 'au']);

export function detectLexiconLocalities(text: string, toks: Token[], lex: Lexicons): Span[] {
  const out: Span[] = [];
  if (!lex.communes.size) return out;
  for (let i = 1; i < toks.length; i++) {
    if (!PREP.has(fold(toks[i - 1].text)) || toks[i - 1].text === 'A') continue;
    if (!/^\p{Lu}/u.test(toks[i].text)) continue;
    // longest commune match over up to maxCommuneWords tokens (joined with their original separators)
    let best = -1;
    for (let j = i; j < Math.min(toks.length, i + lex.maxCommuneWords * 2); j++) {
      if (j > i && toks[j].nl) break;
      const cand = fold(text.slice(toks[i].start, toks[j].end)).replace(/[’]/g, "'").replace(/\s+/g, ' ');
      if (lex.communes.has(cand) || lex.communes.has(cand.replace(/ /g, '-'))) best = j;
    }
    if (best < 0) continue;
    const lineStart = lineStartBounded(text, toks[i].start);
    const before = text.slice(Math.max(lineStart, toks[i].start - 120), toks[i - 1].start);
    if (INSTITUTION_BEFORE.test(before)) continue;
    out.push({ start: toks[i].start, end: toks[best].end, category: 'localite', score: 0.75, source: 'lexicon' });
    i = best;
  }
  return out;
}
