/**
 * SIREN/SIRET policy, applied once persons and legal persons are known (after consistency).
 *
 * A SIREN identifies a legal person, and a legal person's identity is not personal data unless it names a natural
 * person. The courts therefore leave a company's register number in clear with its name, and mask it when the
 * business is a person's: a sole trader (entrepreneur individuel, EIRL, "M. X exerçant sous l'enseigne Y", "en nom
 * propre"), or a company whose name carries a person's name ("Regnier et Fils", "Établissements Martin", "SCI de la
 * famille X", a company named after a person the decision masks). The patterns layer finds every Luhn-valid number in
 * a register context; this pass decides which ones stay masked:
 *   - a number **labelled** as an identifier ("SIRET n° …", "SIREN 514 276 005", "n° SIRET :") stays masked: a bare
 *     SIREN/SIRET is how the register number of a sole trader (who is not on the RCS) is written, privacy first;
 *   - a number given as a **registration in the trade and companies register** ("immatriculée au RCS de Lyon sous le
 *     numéro …") belongs to the legal person named before it: masked only when that owner is a natural person, a sole
 *     trader, or a company named after a person; in clear otherwise;
 *   - the same identifier is masked everywhere: a registration number whose SIREN is the first nine digits of a
 *     masked SIRET (or the other way round) stays masked.
 */
import type { Span } from './span.ts';
import { fold } from './text.ts';

/** "SIRET n°", "SIREN :", "n° SIRET", "numéro SIREN" right before the number */
const LABELLED = /(?:\b(?:siren|siret)\b|n°\s*d['’]identification)[\s:]*(?:(?:n°|no|numéro|nº)\.?[\s:]*)?$/iu;
/** a business run by a natural person, said around its register data */
const SOLE_TRADER =
  /(?:\b(?:entrepreneur(?:e)? individuel(?:le)?|en nom (?:propre|personnel)|(?:auto|micro)[- ]?entrepreneur(?:e)?|exer[çc]ant (?:sous|à) (?:l['’]enseigne|le nom commercial|titre individuel)|nom commercial|artisan|commer[çc]ant)\b|\b(?:EIRL|EI)\b|\bE\.I\.(?:R\.L\.)?)/iu;
/** "EI" and "EIRL" only in capitals ("ei" is no word, but stay strict) */
const SOLE_TRADER_CASE = (s: string) => SOLE_TRADER.test(s.replace(/\b(?:eirl|ei)\b/g, ' '));
/** a company named after a person: "X et Fils", "X Frères", "Établissements X", "SCI de la famille X" */
const PERSON_NAMED =
  /(?:\b(?:et|&)\s+(?:Fils|Filles|Frères|Sœurs|Soeurs|Neveux|Cie)\b|\b(?:Frères|Fils|Sœurs|Soeurs)$|^(?:Établissements|Etablissements|ETABLISSEMENTS|Ets\.?)\s|\b(?:[Ff]amille|FAMILLE)\b)/u;
/** a legal form or company word in the clause before a registration number: the owner is a company */
const COMPANY_WORD =
  /(?:\b(?:[Ss]ociétés?|SOCI[ÉE]T[ÉE]|SARLU?|SASU?|SA|SCI|EURL|SNC|SCP|SELARL|SELAS|GIE|SCEA|GAEC|EARL|[Aa]ssociation|[Bb]anque|[Mm]utuelle|[Cc]ompagnie|anonyme|simplifiée|responsabilité limitée|civile)\b|\b(?:S\.A\.R\.L|S\.A\.S|S\.A|S\.C\.I|E\.U\.R\.L|S\.N\.C)\.?(?=[\s,]))/u;

/** a sentence end: a period after a lowercase word, a digit or a parenthesis (not "S.A.S."), or a semicolon */
const SENTENCE_END = /(?:(?<=\p{Ll}{2}|\d|\))\.|;)\s+/gu;
/**
 * A registration in the trade and companies register names its registry: "RCS de Lyon", "RCS Lozanne",
 * "R.C.S. de PARIS", "Registre du Commerce et des Sociétés de LYON" (the RCS identifier is "RCS <greffe> <SIREN>").
 * A number given without its registry ("immatriculée au registre du commerce et des sociétés sous le numéro N") is
 * read as a bare SIREN, like a labelled one.
 */
const REGISTRY_NAMED =
  /(?:\bRCS|R\.C\.S\.?|[Rr]egistre du [Cc]ommerce(?: et des [Ss]ociétés)?)[ \t\n]*(?:de[ \t\n]+|d['’]|du[ \t\n]+)?\p{Lu}[\p{L}'’-]+[^\d;]{0,40}$/u;

const PERSON = new Set(['personnePhysiqueNom', 'personnePhysiquePrenom']);
const ORG = new Set(['personneMorale', 'etablissement']);

/** Digits of a register number. */
const digitsOf = (s: string) => s.replace(/\D/g, '');

/** True when a company name carries a natural person's name: a pattern, or a surname the decision masks. */
export function carriesPersonName(name: string, surnames: Set<string>): boolean {
  if (PERSON_NAMED.test(name)) return true;
  for (const w of name.split(/[\s,'’&().-]+/)) {
    if (w.length >= 2 && surnames.has(fold(w))) return true;
  }
  return false;
}

/** A company named after a person or a sole trader's business: its name and the words written before it ("SCI de la famille", "Établissements", "exerçant sous l'enseigne"). */
export function personNamedCompany(name: string, lead: string, surnames: Set<string>): boolean {
  // "M. X, entrepreneur individuel exerçant sous l'enseigne Y": a sole trader's trade name
  if (SOLE_TRADER_CASE(lead)) return true;
  return (
    carriesPersonName(name, surnames) ||
    /(?:[Ff]amille|FAMILLE|Établissements|Etablissements|ETABLISSEMENTS|Ets\.?)\s*(?:de la\s+|de\s+|d['’])?$/u.test(lead)
  );
}

/**
 * Keeps, among the SIREN/SIRET spans of the patterns layer, those that the policy above masks. `spans` are the resolved
 * spans of the document (sorted by start); the result keeps every other span untouched.
 */
export function applySirenPolicy(text: string, spans: Span[]): Span[] {
  const numbers = spans.filter((s) => s.category === 'numeroSiretSiren');
  if (!numbers.length) return spans;
  const surnames = new Set<string>();
  for (const s of spans) if (s.category === 'personnePhysiqueNom') surnames.add(fold(text.slice(s.start, s.end)));
  const masked = new Set<Span>();
  const maskedIds = new Set<string>();
  const registered: { n: Span; after: number }[] = [];
  let after = 0;
  for (const n of numbers) {
    const before = text.slice(Math.max(0, n.start - 90), n.start);
    if (LABELLED.test(before.slice(-30)) || !REGISTRY_NAMED.test(before)) {
      masked.add(n);
      maskedIds.add(digitsOf(text.slice(n.start, n.end)).slice(0, 9));
    } else registered.push({ n, after });
    after = n.end;
  }
  const named = spans.filter((s) => PERSON.has(s.category) || ORG.has(s.category));
  for (const { n, after: a } of registered) {
    const id = digitsOf(text.slice(n.start, n.end)).slice(0, 9);
    if (maskedIds.has(id) || ownerIsPersonal(text, named, n, surnames, a)) {
      masked.add(n);
      maskedIds.add(id);
    }
  }
  // a registration number that a later personal one repeats: one identifier, masked everywhere
  for (const { n } of registered) if (!masked.has(n) && maskedIds.has(digitsOf(text.slice(n.start, n.end)).slice(0, 9))) masked.add(n);
  return spans.filter((s) => s.category !== 'numeroSiretSiren' || masked.has(s));
}

/**
 * The owner of a registration number is the entity named last before it in the same clause ("S.A.S. X au capital
 * de …, immatriculée au RCS de Lyon sous le numéro N", across line breaks and blank lines). Personal when it is a
 * natural person, a sole trader, or a company named after a person; also when no company is named before the number
 * (unknown owner: privacy first).
 */
function ownerIsPersonal(text: string, named: Span[], n: Span, surnames: Set<string>, after: number): boolean {
  // the clause that holds the registration: back to the previous register number or the last sentence end
  const base = Math.max(0, n.start - 300, after);
  let from = base;
  for (const m of text.slice(base, n.start).matchAll(SENTENCE_END)) from = base + m.index! + m[0].length;
  const window = text.slice(from, n.start);
  if (SOLE_TRADER_CASE(window.slice(-160))) return true;
  // the last person or legal person before the number (binary search over the sorted named spans)
  let lo = 0;
  let hi = named.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (named[mid].start < n.start) lo = mid + 1;
    else hi = mid;
  }
  const last = named[lo - 1];
  const owner = last && last.end > from ? last : undefined;
  if (owner && PERSON.has(owner.category)) {
    // "M. X, gérant de la société Y, immatriculée …": a company word after the person names the real owner
    return !COMPANY_WORD.test(text.slice(owner.end, n.start));
  }
  if (owner) {
    return personNamedCompany(text.slice(owner.start, owner.end), text.slice(Math.max(from, owner.start - 40), owner.start), surnames);
  }
  return !COMPANY_WORD.test(window);
}
