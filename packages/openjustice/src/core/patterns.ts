/**
 * Layer 1: patterns with checksums (IBAN mod 97, NIR key, SIREN/SIRET Luhn), phones, e-mails,
 * plates, cadastre references, websites, identity documents. Pure regexes over the text: linear time.
 */
import { ibanValid, nirValid, sirenSiretValid } from './checksums.ts';
import type { Span } from './span.ts';
import type { Category } from './categories.ts';

const span = (start: number, end: number, category: Category, score = 0.99): Span => ({
  start,
  end,
  category,
  score,
  source: 'pattern',
});

/** True when one of the context words occurs in the `width` characters before `at`. */
function contextBefore(text: string, at: number, re: RegExp, width = 80): boolean {
  return re.test(text.slice(Math.max(0, at - width), at));
}

const EMAIL = /[\p{L}\d._%+-]+@[\p{L}\d.-]+\.[a-z]{2,}/giu;
const IBAN = /\b[A-Z]{2}\d{2}(?:[ \u00a0]?[A-Z0-9]{4}){2,7}(?:[ \u00a0]?[A-Z0-9]{1,3})?\b/g;
const RIB = /\b(\d{5})[ \u00a0](\d{5})[ \u00a0]([A-Z0-9]{11})[ \u00a0](\d{2})\b/g;
const NIR = /\b[12378][ .\u00a0]?\d{2}[ .\u00a0]?\d{2}[ .\u00a0]?(?:\d{2}|2[AB])[ .\u00a0]?\d{3}[ .\u00a0]?\d{3}[ .\u00a0]?\d{2}\b/g;
const SIRET = /\b\d{3}[ \u00a0.]?\d{3}[ \u00a0.]?\d{3}(?:[ \u00a0.]?\d{5}|[ \u00a0.]?\d{3}[ \u00a0.]?\d{2})?\b/g;
const SIREN_CONTEXT = /(siren|siret|rcs|r\.c\.s|registre du commerce|immatricul|sous le (n°|numéro)|n° d'identification)/i;
const PHONE = /(?:(?:\+|00)33[ .\u00a0-]?(?:\(0\)[ .\u00a0-]?)?[1-9]|\b0[1-9])(?:[ .\u00a0-]?\d{2}){4}\b/g;
const PLATE_SIV = /\b[A-HJ-NP-TV-Z]{2}[- \u00a0]\d{3}[- \u00a0][A-HJ-NP-TV-Z]{2}\b/g;
const PLATE_FNI = /\b\d{1,4}[ \u00a0-]?[A-Z]{1,3}[ \u00a0-]?(?:\d{2}|2[AB]|97\d)\b/g;
const PLATE_CONTEXT = /(immatricul|plaque|véhicule|voiture|automobile|moto)/i;
const URL =
  /\b(?:https?:\/\/)?(?:www\.)?[a-z0-9][a-z0-9-]{0,62}(?:\.[a-z0-9-]{1,63}){0,6}\.(?:fr|com|net|org|eu|info|be|io|me|tv|biz)(?![a-z0-9-])(?:\/[^\s,;)»"<]{0,200})?/gi;
const PUBLIC_SITE =
  /(gouv\.fr|justice\.fr|legifrance|courdecassation|conseil-etat|service-public|ameli\.fr|pole-emploi|francetravail|caf\.fr|urssaf|insee\.fr|cnil\.fr|telerecours|europa\.eu|curia|echr|conseil-constitutionnel|senat\.fr|assemblee-nationale|cnb\.avocat|avocat\.fr)/i;
const PASSPORT = /\b\d{2}[A-Z]{2}\d{5}\b/g;
const ID_CONTEXT =
  /(passeport|carte (nationale )?d'identité|titre de séjour|n° d'identification|matricul|sécurité sociale|numéro insee|n° insee)/i;
const LONG_ID = /\b\d{12,15}\b/g;
const CADASTRE_REF = /\b(?:section[ \u00a0])?([A-Z]{1,2})[ \u00a0](?:n°[ \u00a0]?|no[ \u00a0]|numéro[ \u00a0])?(\d{1,5})\b/g;
const CADASTRE_CONTEXT = /(cadastr|parcelle|lot n°|lieudit|lieu-dit)/i;
/** "section ZC numéro 2102": explicit enough without a cadastre word nearby */
const CADASTRE_SECTION = /(?<![\p{L}])section[ \u00a0]+[A-Z]{1,2}[ \u00a0]+(?:n°[ \u00a0]?|no[ \u00a0]|numéro[ \u00a0])?\d{1,5}(?![\d/])/gu;
/** "la parcelle 2055", "parcelle n° 1013": a parcel number on its own */
const PARCEL_NUMBER = /(?<![\p{L}])parcelles?[ \u00a0]+(?:n°[ \u00a0]?|numéro[ \u00a0])?(\d{1,5})(?![\d/,.]\d)/gu;
/** police and gendarmerie service numbers: "gendarmes matriculés 219408, 321406 et 176064207286025" */
const MATRICULE = /matricul(?:e|és|ées|ée|é)s?[ \u00a0]+(?:n°[ \u00a0]?)?(\d{5,15})((?:[ \u00a0]*(?:,|et)[ \u00a0]*\d{5,15})*)/giu;

export function detectPatterns(text: string): Span[] {
  const out: Span[] = [];
  // e-mails: only around an "@" (the pattern would otherwise try every word of the text)
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    const from = Math.max(0, at - 64);
    const win = text.slice(from, at + 256);
    EMAIL.lastIndex = 0;
    for (const m of win.matchAll(EMAIL)) {
      const s = from + m.index!;
      if (s > at || s + m[0].length <= at) continue;
      if (out.length && out[out.length - 1].category === 'email' && out[out.length - 1].start === s) break;
      out.push(span(s, s + m[0].replace(/\.$/, '').length, 'email'));
      break;
    }
  }
  for (const m of text.matchAll(IBAN)) {
    // the greedy match may swallow a following word group: trim 4-char groups until the checksum holds
    let s = m[0];
    while (s.length >= 15 && !ibanValid(s)) s = s.replace(/[ \u00a0]?[A-Z0-9]{1,4}$/, '');
    if (s.length >= 15 && ibanValid(s)) out.push(span(m.index!, m.index! + s.length, 'compteBancaire'));
  }
  for (const m of text.matchAll(RIB)) out.push(span(m.index!, m.index! + m[0].length, 'compteBancaire', 0.9));
  for (const m of text.matchAll(NIR)) {
    if (nirValid(m[0])) out.push(span(m.index!, m.index! + m[0].length, 'numeroIdentifiant'));
  }
  for (const m of text.matchAll(SIRET)) {
    const digits = m[0].replace(/\D/g, '');
    if (!sirenSiretValid(digits)) continue;
    if (digits.length === 9 || !/\d[ \u00a0.]\d/.test(m[0]) ? contextBefore(text, m.index!, SIREN_CONTEXT, 120) : true)
      out.push(span(m.index!, m.index! + m[0].length, 'numeroSiretSiren', 0.97));
  }
  for (const m of text.matchAll(PHONE)) {
    const before = text[m.index! - 1] ?? ' ';
    if (/[\d/]/.test(before)) continue;
    out.push(span(m.index!, m.index! + m[0].length, 'telephoneFax', 0.97));
  }
  for (const m of text.matchAll(PLATE_SIV)) out.push(span(m.index!, m.index! + m[0].length, 'plaqueImmatriculation', 0.97));
  for (const m of text.matchAll(PLATE_FNI)) {
    if (!/[A-Z]/.test(m[0]) || !/^\d/.test(m[0])) continue;
    if (contextBefore(text, m.index!, PLATE_CONTEXT, 60)) out.push(span(m.index!, m.index! + m[0].length, 'plaqueImmatriculation', 0.9));
  }
  for (const m of text.matchAll(URL)) {
    const start = m.index!;
    // an e-mail's domain is not a website; "youtube.com/@user" is one
    if (text[start - 1] === '@' || text[start - 1] === '.' || /^[^/]*@/.test(text.slice(start, start + m[0].length + 1))) continue;
    const s = m[0].replace(/[.:]+$/, '');
    if (!/^(https?:|www\.)/i.test(s) && !/\//.test(s) && !/\.(fr|com|net|org)$/i.test(s)) continue;
    if (!/^(https?:|www\.)/i.test(s) && !/^[a-z0-9.-]+\.[a-z]+(\/|$)/i.test(s)) continue;
    if (/^[A-Z]/.test(s) && !/^(https?:|www\.)/i.test(s) && !/\//.test(s)) continue; // "Art.Com"-like words, sentence ends
    if (PUBLIC_SITE.test(s)) continue;
    out.push(span(start, start + s.length, 'siteWebSensible', 0.9));
  }
  for (const m of text.matchAll(PASSPORT)) {
    if (contextBefore(text, m.index!, ID_CONTEXT, 60)) out.push(span(m.index!, m.index! + m[0].length, 'numeroIdentifiant', 0.9));
  }
  for (const m of text.matchAll(LONG_ID)) {
    if (contextBefore(text, m.index!, ID_CONTEXT, 80) && !sirenSiretValid(m[0]))
      out.push(span(m.index!, m.index! + m[0].length, 'numeroIdentifiant', 0.85));
  }
  for (const m of text.matchAll(MATRICULE)) {
    const first = m.index! + m[0].length - m[1].length - m[2].length;
    const nums: { s: number; e: number }[] = [{ s: first, e: first + m[1].length }];
    for (const k of m[2].matchAll(/\d{5,15}/g))
      nums.push({ s: first + m[1].length + k.index!, e: first + m[1].length + k.index! + k[0].length });
    for (const n of nums) if (!out.some((o) => o.start === n.s)) out.push(span(n.s, n.e, 'numeroIdentifiant', 0.85));
  }
  detectCadastre(text, out);
  // the same number found by two patterns (a valid NIR after "matricule") is one span
  const seen = new Set<string>();
  return out.filter((o) => {
    const k = `${o.start}:${o.end}:${o.category}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Cadastral references: "section AB n° 123", "AK 2293", and the bare parcel numbers of a list ("AY 13 et 14"). */
function detectCadastre(text: string, out: Span[]) {
  const taken = new Set<number>();
  // continuation numbers of a list: "AY 1331 et 1467", "section AB n° 2115, 2116"
  const continuation = (end: number) => {
    const tail = /^(?:(?:,|\s+et|\s+à)\s+(\d{1,5})(?![\d/]))/;
    for (let t = tail.exec(text.slice(end, end + 40)); t; t = tail.exec(text.slice(end, end + 40))) {
      const s = end + t[0].length - t[1].length;
      out.push(span(s, s + t[1].length, 'cadastre', 0.85));
      end = s + t[1].length;
    }
  };
  for (const m of text.matchAll(CADASTRE_SECTION)) {
    out.push(span(m.index!, m.index! + m[0].length, 'cadastre', 0.9));
    taken.add(m.index!);
    continuation(m.index! + m[0].length);
  }
  for (const m of text.matchAll(PARCEL_NUMBER)) {
    const s = m.index! + m[0].length - m[1].length;
    out.push(span(s, s + m[1].length, 'cadastre', 0.85));
    continuation(s + m[1].length);
  }
  for (const m of text.matchAll(CADASTRE_REF)) {
    const start = m.index!;
    if (taken.has(start) || taken.has(start - 8) || !contextBefore(text, start, CADASTRE_CONTEXT, 60)) continue;
    if (/^(N|NO|RG|DU|F)$/.test(m[1])) continue;
    // "RG N° F 24/00652" is a docket number
    if (/^[/\d]/.test(text.slice(start + m[0].length, start + m[0].length + 1))) continue;
    out.push(span(start, start + m[0].length, 'cadastre', 0.9));
    continuation(start + m[0].length);
  }
}
