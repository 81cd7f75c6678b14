/**
 * Large inputs: a 5 MB text (plain, one line, HTML) built from generated decisions, timed through the
 * full engine on one core. `SIZE` changes the size; `MODEL=real` adds the model layer.
 *   node --import tsx packages/openjustice/bench/big-input.ts
 */
import { pseudonymize } from '../src/core/pseudonymize.ts';
import { loadLexicons } from '../src/lexicon-data.ts';
import { loadRealNer } from '../src/model-data.ts';
import { generate } from '../scripts/templates.ts';

const SIZE = Number(process.env.SIZE ?? 5e6);
const docs = generate(200, 4242, 'heldout').map((d) => d.text);
let big = '';
for (let i = 0; big.length < SIZE; i++) big += docs[i % docs.length] + '\n\n';
big = big.slice(0, SIZE);
const lexicons = loadLexicons();
const model = process.env.MODEL === 'real' ? loadRealNer() : undefined;
const layers = { model: process.env.MODEL === 'real' };
for (const [name, t] of [
  ['lines', big],
  ['one line', big.replace(/\n/g, ' ')],
  ['html', ('<div>' + big.replace(/\n\n/g, '</p><p>') + '</div>').slice(0, SIZE)],
] as const) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = pseudonymize(t, { lexicons, model, layers });
  const cpu = process.cpuUsage(c0).user / 1e6;
  console.log(
    `${name.padEnd(9)} ${(t.length / 1e6).toFixed(1)} MB: ${((performance.now() - t0) / 1000).toFixed(1)} s wall, ${cpu.toFixed(1)} s cpu, ${r.entities.length} entities`,
  );
}
