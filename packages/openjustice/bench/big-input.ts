/** 5 MB inputs (plain, one line, HTML): time and entity count of the full engine. Needs the generated held-out set (scripts/train.ts). */
import { readFileSync } from 'node:fs';
import { pseudonymize } from '../src/core/pseudonymize.ts';
import { loadLexicons } from '../src/lexicon-data.ts';
import { loadRealNer } from '../src/model-data.ts';
const docs = readFileSync('/tmp/openjustice-heldout.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l).text);
let big = '';
const SIZE = Number(process.env.SIZE ?? 5e6);
while (big.length < SIZE) big += docs[big.length % docs.length] + '\n\n';
big = big.slice(0, SIZE);
const lexicons = loadLexicons(); const model = process.env.MODEL === 'real' ? loadRealNer() : undefined;
for (const [name, t] of [['lines', big], ['one line', big.replace(/\n/g, ' ')], ['html', '<div>' + big.slice(0, SIZE - 100000).replace(/\n\n/g, '</p><p>') + '</div>']] as const) {
  const t0 = performance.now();
  const r = pseudonymize(t, { lexicons, model });
  console.log(name, ((performance.now() - t0) / 1000).toFixed(1), 's', r.entities.length, 'entities');
}
