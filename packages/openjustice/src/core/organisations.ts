/**
 * Legal persons, establishments and law firms, read with a name grammar:
 *   - after a legal form ("la société", "SARL", "S.A.S.", "EURL", "SCI"…) or "dénommée", a company name is
 *     a run of capitalised words, acronyms with letters ("3F", "C2LV") and "&", with the connectors between
 *     them ("Ambulances de la Vallée", "Regnier et Fils"); it stops at a lowercase word, a comma, a date,
 *     a register number ("SIREN …", "immatriculée") or a line end;
 *   - a firm of lawyers ("SCP Gatineau, Fattaccini et Rebeyrol, avocat …", "Me X de la SELARL Y") is kept in
 *     clear up to ", avocat"; a notary's or bailiff's firm is named after people and left to the person layer;
 *   - public bodies (URSSAF, CPAM, préfet, l'État…) are not legal persons to mask;
 *   - establishments: "le bar Le Balto", "au sein de l'établissement magasin Centrale", "le site des
 *     Brotteaux de Lille", "un local dénommé Chez Gaston".
 */
import type { Span } from './span.ts';
import type { Category } from './categories.ts';
import { fold } from './text.ts';

const FORM =
  "(?:[Ss]ociétés?|SARLU?|S\\.A\\.R\\.L\\.U?|SASU?|S\\.A\\.S\\.U?|SA|S\\.A\\.|SCI|S\\.C\\.I\\.|EURL|E\\.U\\.R\\.L\\.|SNC|S\\.N\\.C\\.|SCEA|GAEC|EARL|SCA|SCM|SCS|GIE|SEM|SELARLU?|S\\.E\\.L\\.A\\.R\\.L\\.U?|SELAS|SELAFA|SELCA|SELEURL|SELURL|SCP|S\\.C\\.P\\.|SCPA|AARPI|Selarlu?|Scp|[Ee]ntreprise|[Ee]nseigne|[Hh]olding|[Aa]ssociation|ASSOCIATION|[Bb]anque|[Cc]abinet(?! d['’]avocats)|[Bb]ureau(?! d['’]aide)|[Gg]roupement|[Mm]utuelle|[Cc]ompagnie)";
const FORM_RE = new RegExp(`(?<![\\p{L}\\d.])${FORM}(?![\\p{L}\\d])\\s+`, 'gu');
const LAWYER_FORM = /^(?:SCP|S\.C\.P\.|SCPA|SELARLU?|S\.E\.L\.A\.R\.L\.U?|SELAS|SELAFA|SELCA|SELEURL|SELURL|AARPI|Selarlu?|Scp)$/;
const CONNECTOR = "(?:de|du|des|la|le|les|l['’]|d['’]|et|à|au|aux|en|sur|sous|pour|&)";
/** a word of a company name: "Optimea", "BNP", "C2LV", "3F", "Auto-École", "L'Auxiliaire" */
const ORG_WORD =
  "(?:[\\p{Lu}]\\.(?=[ \\t]\\p{Lu})|[\\p{Lu}](?:[\\p{L}\\d'’&-]|\\.(?=[\\p{L}\\d])){0,40}|\\d{1,6}[\\p{L}][\\p{L}\\d-]{0,30}|&)";
const ORG_NAME = new RegExp(
  `^(?:(?:l['’]|L['’])?${ORG_WORD})(?:(?:[ \\t]+${CONNECTOR})*(?:[ \\t]+|(?<=['’]))(?:l['’]|L['’])?${ORG_WORD}|(?<=['’])${ORG_WORD}){0,7}`,
  'u',
);
/** words that end a company name: register data, procedure words, another legal form */
const ORG_STOP = new RegExp(
  `^(?:SIREN|SIRET|RCS|R\\.C\\.S\\.|N°|APPEL|C\\/|Représentée?s?|Prise|Agissant|Immatricul\\w*|Au|Dont|Ayant|Intimée?s?|Appelante?s?|Demanderesse|Défenderesse|Service|Services contentieux|${FORM})$`,
  'u',
);
/** public bodies: kept in clear like courts */
const PUBLIC_BODY =
  /^(?:URSSAF|CPAM|CAF|CARSAT|MSA|CNAV|CRAM|Pôle [Ee]mploi|France Travail|Trésor|Direction|Agent judiciaire|Caisse (?:primaire|d['’]allocations|nationale|régionale d['’]assurance)|Fonds de garantie|ONIAM|OFII|OFPRA|Préfe|Ministère|État|Etat|Commune|Département|Région|Métropole|Conseil (?:départemental|régional|général)|Banque de France|Office)/u;
const LAWYER_AFTER = /^[\s,]*(?:\(?avocats?\b|avocates?\b|avocats aux conseils|société d['’]avocats)/iu;
const LAWYER_BEFORE = /\b(?:Me|Maître)\s+[^,\n]{2,40}\s+(?:de la|de l['’])\s*$/u;
/** the name of a firm of lawyers: surnames, commas, "et", "&", "associés" ("Boré, Salve de Bruneton et Mégret") */
const FIRM_NAMES =
  /^[\p{Lu}][\p{L}'’.-]*(?:(?:[ \t]*,[ \t]*|[ \t]+|-)(?:(?:et|&|de|du|des|la|le|d['’]|l['’]|van|von|der|den|da|dos|di|[-–])(?:[ \t]+|(?<=['’])))*(?:[\p{Lu}][\p{L}'’.-]*|[Aa]ssociée?s|[Aa]vocats))*$/u;
/** a trading company, not a firm of lawyers: register data after its name, or a party heading before it */
const REGISTER_AFTER =
  /^[\s,]*(?:SIREN|SIRET|RCS|R\.C\.S\.|immatricul|au capital|dont le siège|ayant son siège|inscrite?|n° (?:SIREN|SIRET))/iu;
const PARTY_HEADING_BEFORE = /(?:D[ÉE]BITEUR|D[ÉE]FENDE\w*|DEMANDE\w*|INTIM\w*|APPELANT\w*|C\/|contre)\s*:?\s*$/iu;
const NOTARY_AFTER =
  /^[^;\n]{0,60}?\b(?:notaires?|huissiers?|commissaires? de justice|commissaires?-priseurs?|géomètres?|mandataires? judiciaires?|liquidateurs?|administrateurs? judiciaires?)\b/iu;

const mk = (start: number, end: number, category: Category, score: number): Span => ({ start, end, category, score, source: 'rule' });

function readOrgName(text: string, start: number): string | null {
  const m = ORG_NAME.exec(text.slice(start, start + 120));
  if (!m) return null;
  // cut at the first stop word, a date ("le 9 janvier"), a lone number or a lowercase tail
  const words = m[0].split(/([ \t]+)/);
  let out = '';
  for (let k = 0; k < words.length; k += 2) {
    const w = words[k];
    if (k > 0 && ORG_STOP.test(w)) break;
    if (/^\d+$/.test(w)) break;
    out += (k > 0 ? words[k - 1] : '') + w;
  }
  // trailing connectors and punctuation belong to the sentence
  out = out.replace(/(?:[ \t]+(?:de|du|des|la|le|les|l['’]|d['’]|et|à|au|aux|en|sur|sous|pour|&))+$/u, '').replace(/[.,'’&-]+$/, '');
  return out.length >= 2 ? out : null;
}

export function detectOrganisations(text: string, isPlace: (folded: string) => boolean = () => false): Span[] {
  const out: Span[] = [];
  const firms = new Set<string>();
  for (const m of text.matchAll(FORM_RE)) {
    const formText = m[0].trim();
    const start = m.index! + m[0].length;
    const before = text.slice(Math.max(0, m.index! - 60), m.index!);
    const after = text.slice(start, start + 160);
    const lawyerForm = LAWYER_FORM.test(formText);
    if (NOTARY_AFTER.test(after) && lawyerForm) continue; // "SCP Mathilde CHARTIER, notaire": the person layer reads the names
    // a firm of lawyers, whatever its form ("la SARL Boré, Salve de Bruneton et Mégret, avocat de M. X"): up to ", avocat"
    const av = /^([^\n;]{2,110}?)\s*,?\s*\(?(?:avocats?|avocates?)\b(?!\s+généra)/iu.exec(after);
    // "avocat de la société X": X is the client; a firm's names never hold a civility ("Me", "M.")
    const client = /avocats?\s+(?:de|du|des|pour)\s+(?:la\s+|l['’])?$/iu.test(before);
    if (av && !client && FIRM_NAMES.test(av[1]) && !/(?:^|[\s,])(?:Me|Maître|M\.|Mme|MM\.)(?=\s)/u.test(av[1])) {
      const end = start + av[1].replace(/[\s,(]+$/, '').length;
      out.push(mk(start, end, 'professionnelAvocat', 0.9));
      firms.add(fold(text.slice(start, end)));
      continue;
    }
    const name = readOrgName(text, start);
    if (!name || PUBLIC_BODY.test(name)) continue;
    const tail = text.slice(start + name.length, start + name.length + 80);
    const company = REGISTER_AFTER.test(tail) || PARTY_HEADING_BEFORE.test(before);
    // "la SELARL BGLM / Me X", "Me X de la SCP Y": a lawyers' firm when nothing says it is a trading company
    if (
      LAWYER_AFTER.test(tail) ||
      (lawyerForm &&
        !company &&
        (LAWYER_BEFORE.test(before) ||
          /\b(?:Me|Maître)\b/u.test(text.slice(Math.max(0, m.index! - 80), start + name.length + 80)) ||
          /copie|exécutoire|délivrée/iu.test(before)))
    ) {
      out.push(mk(start, start + name.length, 'professionnelAvocat', 0.85));
      firms.add(fold(name));
      continue;
    }
    pushCompany(out, start, name, isPlace);
  }
  // re-mentions of a lawyers' firm without its ", avocat" ("condamne X à payer à la SARL Y la somme") stay in clear
  if (firms.size) {
    for (const s of out) {
      if (s.category !== 'personneMorale') continue;
      const f = fold(text.slice(s.start, s.end));
      for (const firm of firms)
        if (firm.startsWith(f) || f.startsWith(firm)) {
          s.category = 'professionnelAvocat';
          break;
        }
    }
  }
  // "anciennement dénommée X", "sous l'enseigne X", "dénommée X", "dont le siège est chez X"
  for (const m of text.matchAll(
    /\b(?:dénommée?s?|enseigne|à l['’]enseigne|sous la dénomination(?: sociale)?|siège(?: social)? est chez)\s+(?:«\s*)?/gu,
  )) {
    const start = m.index! + m[0].length;
    const name = readOrgName(text, start);
    if (!name) continue;
    const local = /(?:local|fonds|commerce|boutique|restaurant|bar|atelier|magasin|établissement)[^.;\n]{0,40}$/iu.test(
      text.slice(Math.max(0, m.index! - 60), m.index!),
    );
    out.push(mk(start, start + name.length, local ? 'etablissement' : 'personneMorale', 0.6));
  }
  detectPartyLines(text, out, isPlace);
  detectEstablishments(text, out, isPlace);
  return out;
}

/**
 * A party block whose only line is a name with no civility and no legal form ("INTIME\n\nTerranova"): a legal person
 * unless the person layer reads it as a person (persons win overlaps). Privacy first: a party is never left in clear.
 */
const PARTY_LINE =
  /(?:^|\n)[ \t]*(?:APPELANTE?S?|INTIM[ÉE]E?S?|DEMANDEU?R?S?|DEMANDERESSES?|D[ÉE]FENDEU?R?S?|D[ÉE]FENDERESSES?|D[ÉE]BITEUR|PARTIE INTERVENANTE)[ \t]*:?[ \t]*\n(?:[ \t]*\n)*[ \t]*([^\n]{2,60}?)[ \t]*(?=\n)/gu;
/** public bodies in any case and without accents ("La METROPOLE DE Toulouse"), after a leading article */
const PUBLIC_BODY_FOLDED = new RegExp(fold(PUBLIC_BODY.source), 'u');
const isPublicBody = (name: string) => PUBLIC_BODY_FOLDED.test(fold(name).replace(/^(?:la|le|les|l')\s*/, ''));
const CIVILITY_START =
  /^(?:M\.|MM\.|Mme|Mmes|Mlle|Monsieur|Madame|Mademoiselle|Me|Maître|Maitre|Dr|Docteur|Société|SOCIÉTÉ|SOCIETE)(?![\p{L}])/u;

function detectPartyLines(text: string, out: Span[], isPlace: (folded: string) => boolean) {
  for (const m of text.matchAll(PARTY_LINE)) {
    const line = m[1];
    const start = m.index! + m[0].length - line.length;
    if (CIVILITY_START.test(line) || new RegExp(`^${FORM}(?![\\p{L}\\d])`, 'u').test(line)) continue;
    const name = readOrgName(text, start);
    if (!name || name.length !== line.length || isPublicBody(name)) continue;
    if (out.some((o) => o.start < start + name.length && start < o.end)) continue;
    pushCompany(out, start, name, isPlace, 0.5);
  }
}

/** "la société W. Club Le Creusot", "SAS Polyclinique Lannion": a town closing a company name is a locality */
function pushCompany(out: Span[], start: number, name: string, isPlace: (folded: string) => boolean, score = 0.6) {
  const words = name.split(/[ \t]+/);
  for (let k = 1; k < words.length; k++) {
    const tail = words.slice(k).join(' ');
    if (words.length - k > 3 || !isPlace(fold(tail)) || !/^\p{Lu}/u.test(tail)) continue;
    const head = words
      .slice(0, k)
      .join(' ')
      .replace(/[ \t]+(?:de|du|des|d['’]|à)$/u, '');
    const tailStart = start + name.length - tail.length;
    if (head.length >= 2) out.push(mk(start, start + head.length, 'personneMorale', score));
    out.push(mk(tailStart, tailStart + tail.length, 'localite', 0.8));
    return;
  }
  out.push(mk(start, start + name.length, 'personneMorale', score));
}

const PREMISES =
  /(?<![\p{L}])(?:bar|restaurant|hôtel|hotel|café|brasserie|discothèque|boîte de nuit|camping|salon de coiffure|snack|pizzeria|tabac|épicerie|supérette|magasin|boutique|supermarché|commerce|(?:au sein )?de l['’]établissement|l['’]établissement|le site|sur le site|agence)\s+(?=\p{Lu}|des\s+\p{Lu}|du\s+\p{Lu}|(?:magasin|entrepôt|usine|atelier|boutique|agence|restaurant|dépôt|site|centre|hôtel|bureau|plateforme)\s)/gu;

function detectEstablishments(text: string, out: Span[], isPlace: (folded: string) => boolean) {
  let lastEnd = -1;
  for (const m of text.matchAll(PREMISES)) {
    const start = m.index! + m[0].length;
    if (m.index! < lastEnd) continue; // "l'établissement magasin Centrale" is read once
    const head = m[0].trim().toLowerCase();
    // "l'établissement magasin Centrale": the kind of premises is part of its name
    const kind =
      /^(?:magasin|entrepôt|usine|atelier|boutique|agence|restaurant|dépôt|site|centre|hôtel|bureau|plateforme)\s+(?=\p{Lu}|des\s+\p{Lu}|du\s+\p{Lu})/u.exec(
        text.slice(start, start + 40),
      );
    const nameStart = kind ? start + kind[0].length : start;
    const lead = /^(?:des|du|de la|de l['’])\s+(?=\p{Lu})/u.exec(text.slice(nameStart, nameStart + 10));
    let name = readOrgName(text, nameStart + (lead ? lead[0].length : 0));
    if (!name) continue;
    // "le site des Brotteaux de Lille": the town after the name is a locality
    const town = /[ \t]+(?:de|d['’]|à)[ \t]*([\p{Lu}][\p{L}'’ -]*)$/u.exec(name);
    if (town && isPlace(fold(town[1]))) name = name.slice(0, town.index);
    if (/établissement|site/.test(head) && fold(name.split(/\s/)[0]).length < 2) continue;
    const end = nameStart + (lead ? lead[0].length : 0) + name.length;
    if (/site/.test(head) && !kind && !lead && PUBLIC_BODY.test(name)) continue;
    const s = /établissement/.test(head) && kind ? start : nameStart;
    out.push(mk(s, end, 'etablissement', 0.65));
    lastEnd = end;
  }
}

/**
 * Legal persons that the courts leave in clear. A company described with its corporate identity right after its name
 * — its share capital ("au capital de 15.000 €"), its registration with the registry named ("immatriculée au RCS de
 * Lyon"), or acting through its legal representatives ("agissant poursuites et diligences de ses représentants
 * légaux", "prise en la personne de son représentant légal") — is a legal person in its own right: its name is its
 * corporate identity, not personal data, and stays in clear unless it carries a natural person's name (`personNamed`).
 * Acting through legal representatives is weaker evidence (an EURL named after its owner acts so too): it clears a
 * name of several words or a common word ("AQUA SHOP", "MIROITERIE"), not a lone unknown word that may be a surname
 * ("la société STANCIU, agissant poursuites et diligences").
 * Returns the folded names of these companies and of their words, so that their re-mentions stay in clear too.
 */
const CORPORATE_IDENTITY =
  /^[^;]{0,200}?(?:\bau capital(?: social)? de\b|\bimmatricul\w*\s+(?:au|sous)\s+(?:RCS|R\.C\.S\.?|[Rr]egistre du [Cc]ommerce(?: et des [Ss]ociétés)?)[ \t\n]*(?:de[ \t\n]+|d['’]|du[ \t\n]+)?\p{Lu})/iu;
const REPRESENTED =
  /^[^;]{0,200}?(?:\bagissant poursuites et diligences\b|\breprésentants? légaux\b|\bprise? en la personne de (?:son|ses) représentants?)/iu;
/** a sentence end or a new party heading ends the description of a company */
const DESCRIPTION_END =
  /(?:(?<=\p{Ll}{2}|\d|\))\.\s|\n\s*\n\s*(?:APPELANT|INTIM|ET\b|C\/|D[ÉE]FENDE|DEMANDE|D[ÉE]BITEUR|PARTIE)|\bet\s+(?:la|le|l['’])\s)/u;

export function companiesInClear(
  text: string,
  spans: Span[],
  personNamed: (name: string, lead: string) => boolean,
  isWord: (folded: string) => boolean = () => false,
): Set<string> {
  const clear = new Set<string>();
  const orgs = spans.filter((s) => s.category === 'personneMorale');
  for (let i = 0; i < orgs.length; i++) {
    const s = orgs[i];
    const next = orgs[i + 1]?.start ?? text.length;
    let tail = text.slice(s.end, Math.min(next, s.end + 200));
    const stop = DESCRIPTION_END.exec(tail);
    if (stop) tail = tail.slice(0, stop.index);
    const name = text.slice(s.start, s.end);
    const words = name.trim().split(/[ \t\n]+/);
    if (!CORPORATE_IDENTITY.test(tail) && !(REPRESENTED.test(tail) && (words.length > 1 || isWord(fold(name))))) continue;
    if (personNamed(name, text.slice(Math.max(0, s.start - 80), s.start))) continue;
    clear.add(fold(name));
  }
  return clear;
}

/** True when a legal-person mention names one of the companies in clear ("la société Lyonnaise" for "LYONNAISE DE BANQUE"). */
export function namesCompanyInClear(mention: string, clear: Set<string>): boolean {
  if (!clear.size) return false;
  const f = fold(mention);
  if (clear.has(f)) return true;
  if (clear.size > 200) return false; // bounded work on hostile inputs: exact names only
  for (const c of clear) {
    if (f.length >= 3 && (c.startsWith(f + ' ') || c.endsWith(' ' + f) || f.startsWith(c + ' '))) return true;
  }
  return false;
}

/**
 * The short name a decision defines right after a company ("la société Isolex (la Sogefra, la caisse)",
 * "(ci-après « Sogefra »)"): a capitalised name, not a common noun ("(la société)"), not a public body.
 */
const ALIAS =
  /^[ \t]*\((?:ci-après(?: dénommée?)?[ \t]+)?(?:(?:la|le|les)[ \t]+|l['’])?(?:«[ \t]*)?(\p{Lu}[\p{L}\d&'’-]+(?:[ \t]+\p{Lu}[\p{L}\d&'’-]+){0,3})[ \t]*»?[ \t]*[,)]/u;
export function companyAlias(text: string, end: number): string | null {
  const m = ALIAS.exec(text.slice(end, end + 80));
  // "(La Poste)": a name that starts with an article is the company's own name repeated, not a short name
  if (!m || isPublicBody(m[1]) || /^(?:La|Le|Les|L['’])(?![\p{L}])/u.test(m[1])) return null;
  return m[1];
}
