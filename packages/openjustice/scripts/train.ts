/**
 * Generates synthetic decisions and trains the sequence model (averaged perceptron), with progress.
 * Never reads ../shared data. Writes packages/openjustice/model/ner-perceptron.json and a held-out set
 * (names from a disjoint pool) to HELDOUT_OUT (default /tmp/openjustice-heldout.jsonl) for the bench.
 *   node --import tsx packages/openjustice/scripts/train.ts   (env: TRAIN_DOCS, EPOCHS, SEED)
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { generate } from './templates.ts';
import { Perceptron } from '../src/core/perceptron.ts';
import { TAGS, documentFeatures, goldTags, decode, tagsToSpans } from '../src/core/model-ner.ts';
import { tokenize } from '../src/core/text.ts';
import { loadLexicons } from '../src/lexicon-data.ts';
import { MODEL_PATH } from '../src/model-data.ts';
import { pseudonymize } from '../src/core/pseudonymize.ts';
import { rng } from './generator.ts';
import { localNer } from '../src/core/ner.ts';

const N = Number(process.env.TRAIN_DOCS ?? 1500);
const EPOCHS = Number(process.env.EPOCHS ?? 5);
const SEED = Number(process.env.SEED ?? 20190);
const HELDOUT = process.env.HELDOUT_OUT ?? '/tmp/openjustice-heldout.jsonl';

const lex = loadLexicons();
const t0 = performance.now();
const train = generate(N, SEED, 'train');
const held = generate(Math.max(50, Math.round(N / 10)), SEED + 1, 'heldout');
writeFileSync(HELDOUT, held.map((d) => JSON.stringify(d)).join('\n') + '\n');
console.log(
  `generated ${train.length} training and ${held.length} held-out decisions in ${((performance.now() - t0) / 1000).toFixed(1)} s (held-out → ${HELDOUT})`,
);

// earlier layers' spans are features; drop some at training time so the model also learns from context
const r = rng(SEED);
const prepared = train.map((d) => {
  const tokens = tokenize(d.text);
  const hints = pseudonymize(d.text, { lexicons: lex, model: localNer, layers: { consistency: true } }).entities.map((e) => ({
    start: e.start,
    end: e.end,
    category: e.category as never,
    score: e.score,
    source: e.source,
  }));
  return { d, tokens, hints, gold: goldTags(tokens, d.entities) };
});
console.log(`features ready (${((performance.now() - t0) / 1000).toFixed(1)} s)`);

const p = new Perceptron(TAGS);
for (let ep = 0; ep < EPOCHS; ep++) {
  let errors = 0,
    total = 0;
  const order = prepared.map((_, i) => i).sort(() => r() - 0.5);
  for (const [n, idx] of order.entries()) {
    const { d, tokens, hints, gold } = prepared[idx];
    const kept = hints.filter(() => r() > 0.3);
    const feats = documentFeatures({ text: d.text, tokens, lexicons: lex, hints: kept });
    const tags: number[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const f = feats(i, TAGS[tags[i - 1] ?? 0], TAGS[tags[i - 2] ?? 0]);
      const guess = p.best(f).tag;
      p.update(f, gold[i], guess);
      // train on the gold history (teacher forcing) for stability
      tags.push(gold[i]);
      if (guess !== gold[i]) errors++;
      total++;
    }
    if ((n + 1) % 250 === 0)
      process.stdout.write(
        `\repoch ${ep + 1}/${EPOCHS}: ${n + 1}/${order.length} decisions, token error ${((100 * errors) / total).toFixed(2)} %   `,
      );
  }
  console.log(
    `\repoch ${ep + 1}/${EPOCHS}: token error ${((100 * errors) / total).toFixed(2)} % over ${total} tokens (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
  );
}
p.average();
const model = p.toModel(0.01, {
  trainedOn: `${N} generated decisions (seed ${SEED})`,
  epochs: EPOCHS,
  date: new Date().toISOString().slice(0, 10),
});

// held-out check: exact spans of the model layer alone, on decisions whose names come from another pool
let tp = 0,
  fp = 0,
  fn = 0;
const p2 = Perceptron.fromModel(model);
for (const d of held) {
  const tokens = tokenize(d.text);
  const hints = pseudonymize(d.text, { lexicons: lex, model: localNer }).entities.map((e) => ({
    start: e.start,
    end: e.end,
    category: e.category as never,
    score: e.score,
    source: e.source,
  }));
  const { tags, margins } = decode(p2, { text: d.text, tokens, lexicons: lex, hints });
  const pred = new Set(tagsToSpans(tokens, tags, margins).map((s) => `${s.start}:${s.end}:${s.category}`));
  const gold = new Set(
    d.entities
      .filter((e) => /personne|professionnel|adresse|localite/.test(e.category) && e.category !== 'personneMorale')
      .map((s) => `${s.start}:${s.end}:${s.category}`),
  );
  for (const k of pred) {
    if (gold.has(k)) tp++;
    else fp++;
  }
  for (const k of gold) if (!pred.has(k)) fn++;
}
const P = tp / (tp + fp),
  R = tp / (tp + fn);
console.log(
  `held-out (model layer, persons/pros/addresses/localities): P ${(100 * P).toFixed(1)} R ${(100 * R).toFixed(1)} F1 ${((200 * P * R) / (P + R)).toFixed(1)}`,
);
mkdirSync(dirname(MODEL_PATH), { recursive: true });
const json = JSON.stringify(model);
writeFileSync(MODEL_PATH, json + '\n');
console.log(`model: ${Object.keys(model.weights).length} features, ${(json.length / 1024 / 1024).toFixed(2)} MB → ${MODEL_PATH}`);
