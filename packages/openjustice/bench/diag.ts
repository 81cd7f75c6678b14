/** Error listing for one category: `node --import tsx packages/openjustice/bench/diag.ts localite [fn|fp] [n]`. */
import { GOLD_FILE, loadJsonl } from './data.ts';
import { pseudonymize } from '../src/core/pseudonymize.ts';
import { loadLexicons } from '../src/lexicon-data.ts';
import { loadRealNer } from '../src/model-data.ts';

const [cat, kind = 'fn', nStr = '40'] = process.argv.slice(2);
const docs = loadJsonl(GOLD_FILE);
const lexicons = loadLexicons();
const model = loadRealNer();
const out: string[] = [];
const ctx = (t: string, s: number, e: number) =>
  `${t.slice(Math.max(0, s - 45), s).replace(/\s+/g, ' ')}⟦${t.slice(s, e)}⟧${t.slice(e, e + 30).replace(/\s+/g, ' ')}`;
for (const d of docs) {
  const pred = pseudonymize(d.text, { lexicons, model, layers: { model: process.env.MODEL === '1' } }).entities;
  const key = (s: { start: number; end: number; category: string }) => `${s.start}:${s.end}:${s.category}`;
  const g = new Set(d.entities.map(key));
  const p = new Set(pred.map(key));
  if (kind === 'fn')
    for (const s of d.entities) {
      if (s.category !== cat || p.has(key(s))) continue;
      const over = pred.filter((x) => x.start < s.end && s.start < x.end).map((x) => `${x.category}:${d.text.slice(x.start, x.end)}`);
      out.push(`${d.id} ${d.source} ${ctx(d.text, s.start, s.end)}  || pred: ${over.join(' ; ') || '—'}`);
    }
  else if (kind === 'fp')
    for (const s of pred) {
      if (s.category !== cat || g.has(key(s))) continue;
      const over = d.entities.filter((x) => x.start < s.end && s.start < x.end).map((x) => `${x.category}:${d.text.slice(x.start, x.end)}`);
      out.push(
        `${d.id} ${d.source} ${(s as { source?: string }).source} ${ctx(d.text, s.start, s.end)}  || gold: ${over.join(' ; ') || '—'}`,
      );
    }
  else if (kind === 'pro')
    for (const s of d.entities) {
      if (!s.category.startsWith('professionnel')) continue;
      const over = pred.filter((x) => x.start < s.end && s.start < x.end && !x.category.startsWith('professionnel'));
      if (over.length)
        out.push(
          `${d.id} ${d.source} ${ctx(d.text, s.start, s.end)}  || pred: ${over.map((x) => `${x.category}:${x.text}/${x.source}`).join(' ; ')}`,
        );
    }
  else if (kind === 'leak')
    for (const s of d.entities) {
      if (s.category !== cat) continue;
      const cov = pred.filter((x) => x.start < s.end && s.start < x.end && !x.category.startsWith('professionnel'));
      let covered = 0;
      for (const x of cov) covered += Math.min(x.end, s.end) - Math.max(x.start, s.start);
      if (covered < s.text!.replace(/\s/g, '').length)
        out.push(
          `${d.id} ${d.source} ${ctx(d.text, s.start, s.end)}  || pred: ${cov.map((x) => `${x.category}:${x.text}`).join(' ; ') || '—'}`,
        );
    }
}
console.log(`${out.length} ${kind} for ${cat}`);
console.log(
  out
    .sort(() => 0)
    .slice(0, Number(nStr))
    .join('\n'),
);
