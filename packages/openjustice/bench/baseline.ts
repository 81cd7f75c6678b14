/**
 * The data README's regex baseline, re-implemented: civility + up to three capitalised words as a
 * person (last word = surname), dates after "né(e) le", e-mails, French phone numbers and IBANs.
 */
import type { Pred } from './metrics.ts';

const CAP = "[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ'’-]+";
const PERSON = new RegExp(`\\b(?:M\\.|Mme|Mlle|Monsieur|Madame|Mademoiselle)\\s+((?:${CAP}\\s+){0,2}${CAP})`, 'g');
const DATE =
  /\bnée?s?\s+le\s+(\d{1,2}(?:er)?\s+(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)\s+\d{4}|\d{1,2}\/\d{1,2}\/\d{4})/gi;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const PHONE = /(?:(?:\+|00)33\s?[1-9]|\b0[1-9])(?:[\s.-]?\d{2}){4}\b/g;
const IBAN = /\bFR\d{2}(?:\s?[A-Z0-9]{4}){5}\s?[A-Z0-9]{3}\b|\bFR\d{25}\b/g;

export function baseline(text: string): Pred[] {
  const out: Pred[] = [];
  for (const m of text.matchAll(PERSON)) {
    const names = m[1];
    const base = m.index! + m[0].length - names.length;
    const words = [...names.matchAll(new RegExp(CAP, 'g'))];
    const last = words[words.length - 1];
    if (words.length > 1) out.push({ start: base, end: base + last.index! - 1, category: 'personnePhysiquePrenom' });
    out.push({ start: base + last.index!, end: base + last.index! + last[0].length, category: 'personnePhysiqueNom' });
  }
  for (const m of text.matchAll(DATE))
    out.push({ start: m.index! + m[0].length - m[1].length, end: m.index! + m[0].length, category: 'dateNaissance' });
  for (const m of text.matchAll(EMAIL)) out.push({ start: m.index!, end: m.index! + m[0].length, category: 'email' });
  for (const m of text.matchAll(PHONE)) out.push({ start: m.index!, end: m.index! + m[0].length, category: 'telephoneFax' });
  for (const m of text.matchAll(IBAN)) out.push({ start: m.index!, end: m.index! + m[0].length, category: 'compteBancaire' });
  return out;
}
