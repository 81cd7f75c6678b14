/**
 * Dev tool for writing judged query sets blind to the engine: plain lookups in the corpus, no search
 * engine involved.
 *   node --import tsx packages/explocode/bench/lookup.ts art L1234-9 R1234-2     article text + plan path
 *   node --import tsx packages/explocode/bench/lookup.ts grep 'regex' [max]        articles whose text matches
 *   node --import tsx packages/explocode/bench/lookup.ts section 'regex'           plan sections whose title matches, with their articles
 *   node --import tsx packages/explocode/bench/lookup.ts fiche 'regex'             fiches whose title matches (id, source)
 *   node --import tsx packages/explocode/bench/lookup.ts qr 'regex'                question-réponses whose title matches (slug)
 *   node --import tsx packages/explocode/bench/lookup.ts doc F2258 les-conges-payes  a fiche (id) or question-réponse (slug):
 *                                                                                  title, section titles, opening text
 */
import { loadBenchCorpus } from './corpus-cache.ts';

const { corpus } = await loadBenchCorpus();
const [cmd, ...args] = process.argv.slice(2);
const secTitle = new Map(corpus.sections.map((s) => [s.id, s.title]));
const byNum = new Map(corpus.articles.map((a) => [a.num, a]));
const bySection = new Map<string, string[]>();
for (const a of [...corpus.articles].sort((x, y) => x.order - y.order)) {
  const l = bySection.get(a.sectionId) ?? [];
  l.push(a.num);
  bySection.set(a.sectionId, l);
}
const flags = 'iu';
if (cmd === 'art') {
  for (const n of args) {
    const a = byNum.get(n);
    if (!a) {
      console.log(`${n}: NOT IN FORCE / NOT FOUND`);
      continue;
    }
    console.log(
      `\n== ${a.num}  [${a.path
        .slice(1)
        .map((p) => secTitle.get(p))
        .join(' > ')}]\n${a.text.slice(0, Number(process.env.CHARS ?? 900))}`,
    );
  }
} else if (cmd === 'grep') {
  const re = new RegExp(args[0], flags);
  const max = Number(args[1] ?? 40);
  let n = 0;
  for (const a of corpus.articles) {
    const m = re.exec(a.text);
    if (!m) continue;
    const s = Math.max(0, m.index - 80);
    console.log(`${a.num.padEnd(12)} …${a.text.slice(s, m.index + 120).replace(/\s+/g, ' ')}…`);
    if (++n >= max) break;
  }
} else if (cmd === 'section') {
  const re = new RegExp(args[0], flags);
  for (const s of corpus.sections)
    if (re.test(s.title)) console.log(`${s.title}  →  ${(bySection.get(s.id) ?? []).slice(0, 25).join(' ')}`);
} else if (cmd === 'fiche') {
  const re = new RegExp(args[0], flags);
  for (const f of corpus.fiches) if (re.test(f.title)) console.log(`${f.id.padEnd(50)} ${f.source.padEnd(15)} ${f.title}`);
} else if (cmd === 'qr') {
  const re = new RegExp(args[0], flags);
  for (const c of corpus.contributions) if (re.test(c.title)) console.log(`${c.slug.padEnd(60)} ${c.title}`);
} else if (cmd === 'doc') {
  const chars = Number(process.env.CHARS ?? 900);
  for (const key of args) {
    const f = corpus.fiches.find((x) => x.id === key);
    const c = corpus.contributions.find((x) => x.slug === key);
    if (f)
      console.log(
        `\n== fiche ${f.id} (${f.source}) ${f.title}\n${f.description}\nsections: ${f.sections.map((s) => s.title).join(' | ')}\n${f.intro.slice(0, chars)}`,
      );
    else if (c) console.log(`\n== question-réponse ${c.slug}: ${c.title}\n${c.generic.text.slice(0, chars)}`);
    else console.log(`${key}: NOT FOUND`);
  }
}
process.exit(0);
