/**
 * The real sequence model: an averaged perceptron over tokens with shape, capitalisation, context
 * words, line cues, lexicon hits and the earlier layers' spans as features (so it learns when to
 * trust them and what they miss). BIO tags over persons, professionals, addresses and localities.
 */
import type { Span } from './span.ts';
import type { Category } from './categories.ts';
import type { NerInput, NerModel } from './ner.ts';
import type { Lexicons } from './lexicon.ts';
import { Perceptron, type PerceptronModel } from './perceptron.ts';
import { fold, shapeOf, type Token } from './text.ts';

export const ENTITY_TAGS: Record<string, Category> = {
  PRE: 'personnePhysiquePrenom',
  NOM: 'personnePhysiqueNom',
  MAG: 'professionnelMagistratGreffier',
  AVO: 'professionnelAvocat',
  ADR: 'adresse',
  LOC: 'localite',
};
const CAT_TO_TAG = Object.fromEntries(Object.entries(ENTITY_TAGS).map(([k, v]) => [v, k])) as Record<string, string>;
export const TAGS = ['O', ...Object.keys(ENTITY_TAGS).flatMap((k) => [`B-${k}`, `I-${k}`])];

const ROLE_LINE = /(présid|greffi|conseill|juge|magistrat|assesseu|rapporteu|procureur|substitut)/i;
const AVO_LINE = /(avocat|barreau|toque|SCP|SELARL)/;
const PARTY_LINE = /(appelant|intimé|demandeu|défendeu|prévenu|partie civile|requérant|salarié|employeur)/i;

const FUNCTION_WORDS = new Set('le la les l de du des d et à au aux en par pour sur dans avec chez contre un une son sa ses'.split(' '));

function wordFeature(t: Token | undefined, lex: Lexicons): string {
  if (!t) return '∅';
  if (t.kind === 'num') return t.text.length === 5 ? 'NUM5' : 'NUM';
  if (t.kind === 'punct') return t.text;
  const f = fold(t.text);
  if (FUNCTION_WORDS.has(f)) return f;
  if (/^\p{Ll}/u.test(t.text) && lex.words.has(f)) return f; // lowercase common words: identity
  if (lex.words.has(f)) return `K:${f}`; // capitalised but a known word (Petit, Blanc, Président)
  return `U:${shapeOf(t.text)}`; // unknown capitalised word: shape only, never the name itself
}

/** Per-document precomputation, then features of token i given the previous two predicted tags. */
export function documentFeatures(input: NerInput) {
  const { text, tokens, lexicons: lex, hints } = input;
  const n = tokens.length;
  const w = tokens.map((t) => wordFeature(t, lex));
  const sh = tokens.map((t) => shapeOf(t.text));
  const hint: string[] = new Array(n).fill('');
  // hints: mark covered tokens with B-/I- of the hint category
  const sorted = [...hints].sort((a, b) => a.start - b.start);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const t = tokens[i];
    while (k < sorted.length && sorted[k].end <= t.start) k++;
    const h = sorted[k];
    if (h && h.start <= t.start && h.end >= t.end) hint[i] = `${h.start === t.start ? 'B' : 'I'}-${h.category}`;
  }
  // line cues
  const lineCue: string[] = new Array(n).fill('');
  let lineStart = 0;
  for (let i = 0; i <= n; i++) {
    if (i === n || (i > 0 && tokens[i].nl)) {
      const s = tokens[lineStart]?.start ?? 0,
        e = tokens[i - 1]?.end ?? 0;
      const line = text.slice(s, e);
      const cue =
        (ROLE_LINE.test(line) ? 'R' : '') +
        (AVO_LINE.test(line) ? 'A' : '') +
        (PARTY_LINE.test(line) ? 'P' : '') +
        (line.length < 60 ? 's' : '');
      for (let j = lineStart; j < i; j++) lineCue[j] = cue;
      lineStart = i;
    }
  }
  const commune = tokens.map((t) => t.kind === 'word' && /^\p{Lu}/u.test(t.text) && lex.communes.has(fold(t.text)));
  return (i: number, p1: string, p2: string): string[] => {
    const t = tokens[i];
    const f = [
      'b',
      `w=${w[i]}`,
      `sh=${sh[i]}`,
      `w-1=${w[i - 1] ?? '∅'}`,
      `w-2=${w[i - 2] ?? '∅'}`,
      `w+1=${w[i + 1] ?? '∅'}`,
      `w+2=${w[i + 2] ?? '∅'}`,
      `sh-1=${sh[i - 1] ?? '∅'}`,
      `sh+1=${sh[i + 1] ?? '∅'}`,
      `w-1w=${w[i - 1] ?? '∅'}|${w[i]}`,
      `ww+1=${w[i]}|${w[i + 1] ?? '∅'}`,
      `p1=${p1}`,
      `p1p2=${p1}|${p2}`,
      `p1sh=${p1}|${sh[i]}`,
      `line=${lineCue[i]}`,
      `line-sh=${lineCue[i]}|${sh[i]}`,
      `h=${hint[i]}`,
      `h-1=${hint[i - 1] ?? ''}`,
      `h+1=${hint[i + 1] ?? ''}`,
      `hsh=${hint[i]}|${sh[i]}|${p1}`,
    ];
    if (t.nl) f.push('nl', `nl-sh=${sh[i]}`);
    if (commune[i]) f.push('commune', `commune-w-1=${w[i - 1] ?? '∅'}`);
    if (t.kind === 'word') f.push(`suf=${fold(t.text).slice(-3)}`);
    return f;
  };
}

/** Tag indices of the gold spans over the tokens (training). */
export function goldTags(tokens: Token[], spans: { start: number; end: number; category: string }[]): number[] {
  const out = new Array<number>(tokens.length).fill(0);
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let k = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    while (k < sorted.length && sorted[k].end <= t.start) k++;
    const s = sorted[k];
    const tag = s && CAT_TO_TAG[s.category];
    if (tag && s.start <= t.start && s.end >= t.end) {
      const b = i === 0 || tokens[i - 1].end <= s.start;
      out[i] = TAGS.indexOf(`${b ? 'B' : 'I'}-${tag}`);
    }
  }
  return out;
}

export function decode(p: Perceptron, input: NerInput): { tags: number[]; margins: number[] } {
  const feats = documentFeatures(input);
  const tags: number[] = [];
  const margins: number[] = [];
  for (let i = 0; i < input.tokens.length; i++) {
    const r = p.best(feats(i, TAGS[tags[i - 1] ?? 0], TAGS[tags[i - 2] ?? 0]));
    tags.push(r.tag);
    margins.push(r.margin);
  }
  return { tags, margins };
}

export function tagsToSpans(tokens: Token[], tags: number[], margins: number[]): Span[] {
  const out: Span[] = [];
  let cur: { type: string; from: number; to: number; m: number } | null = null;
  const flush = () => {
    if (!cur) return;
    const cat = ENTITY_TAGS[cur.type];
    const m = cur.m / (cur.to - cur.from);
    out.push({
      start: tokens[cur.from].start,
      end: tokens[cur.to - 1].end,
      category: cat,
      score: Math.min(0.95, 0.5 + m / 20),
      source: 'model',
    });
    cur = null;
  };
  for (let i = 0; i < tokens.length; i++) {
    const tag = TAGS[tags[i]];
    if (tag === 'O') {
      flush();
      continue;
    }
    const [bi, type] = tag.split('-');
    if (bi === 'I' && cur && cur.type === type && !tokens[i].nl) {
      cur.to = i + 1;
      cur.m += margins[i];
    } else {
      flush();
      cur = { type, from: i, to: i + 1, m: margins[i] };
    }
  }
  flush();
  return out;
}

/**
 * `minScore` gates the model's own spans: on real decisions the synthetic-trained model is less sure
 * than on generated ones, and a low-margin span costs more precision than it buys recall (measured).
 * Professional spans pass at any score: they only keep text in clear.
 */
export function perceptronNer(model: PerceptronModel, minScore = Number(process.env.OJ_MODEL_MIN_SCORE ?? 0.9)): NerModel {
  const p = Perceptron.fromModel(model);
  return {
    kind: 'real',
    predict(input) {
      const { tags, margins } = decode(p, input);
      return tagsToSpans(input.tokens, tags, margins).filter((s) => s.score >= minScore || s.category.startsWith('professionnel'));
    },
  };
}
