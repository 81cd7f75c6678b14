/**
 * Reading person names on tokens: what may be part of a name, civilities, and how a run of name words
 * splits into first name(s) and surname (Label's span conventions: adjacent first names form one span,
 * compound surnames and particles form one span, civilities stay outside).
 */
import { fold, shapeOf, type Token } from './text.ts';

export const CIVILITY = new Set([
  'm', 'mm', 'mme', 'mmes', 'mlle', 'mlles', 'melle', 'monsieur', 'madame', 'mademoiselle', 'messieurs', 'mesdames',
  'dr', 'docteur', 'pr', 'professeur',
]);
export const LAWYER_TITLE = new Set(['me', 'maitre', 'mes', 'maitres']);
export const PARTICLES = new Set([
  'de', 'du', 'des', 'd', 'le', 'la', 'les', 'van', 'von', 'der', 'den', 'da', 'dos', 'das', 'di', 'del', 'della', 'el', 'al',
  'ben', 'bin', 'ibn', 'ould', 'ter', 'ten', 'mac', 'mc', 'st', 'ste', 'y', 'e', 'zu', 'af', 'lo', 'bou', 'abd', 'abou', 'ait', 'aït',
]);
/** Capitalised words that never belong to a person name in decisions (function words, titles, legal words). */
export const NOT_NAME = new Set(
  (
    'le la les l un une des du de d et ou en au aux a à par pour sur sous dans avec sans contre entre chez vers selon ' +
    'ce cet cette ces son sa ses leur leurs il elle ils elles qui que quoi dont où ne pas plus si mais donc or ni car ' +
    'vu attendu considérant statuant dit dit condamne déboute ordonne rejette confirme infirme casse annule renvoie ' +
    'constate déclare fixe juge prononce donne reçoit réserve sursoit alloue ' +
    'monsieur madame mademoiselle messieurs mesdames maître me mme mlle mm m dr docteur professeur ' +
    'président présidente vice premier première conseiller conseillère greffier greffière juge juges magistrat avocat avocate ' +
    'général générale procureur substitut rapporteur rapporteure doyen assesseur auditeur membre ministère public ' +
    'cour tribunal conseil chambre section audience arrêt jugement ordonnance décision pourvoi appel appelant appelante ' +
    'intimé intimée intimés demandeur demanderesse défendeur défenderesse partie parties civile prévenu prévenue témoin victime ' +
    'république française français france état préfet préfecture département région commune ville mairie maire ' +
    'société sarl sas sasu sa sci scp selarl selas eurl snc scea gaec earl association syndicat caisse banque compagnie mutuelle ' +
    'code article articles loi décret alinéa titre livre chapitre annexe pièce pièces ' +
    'janvier février mars avril mai juin juillet août septembre octobre novembre décembre ' +
    'lundi mardi mercredi jeudi vendredi samedi dimanche ' +
    'nom prénom prénoms né née nés nées épouse époux veuve divorcé divorcée ' +
    'rg n no numéro portalis minute copie expédition grosse ' +
    'motifs exposé litige faits procédure moyens moyen discussion dispositif sur réponse examen énoncé ' +
    'par ces composition débats délibéré prononcé signé signée ainsi fait jugé ' +
    'les madame monsieur mesdames madame cedex bp cs tél téléphone fax courriel email ' +
    'sociétés urssaf carsat cpam caf pôle emploi travail ' +
    // titles and functions that follow a civility without being a name ("M. LE PRÉFET", "Mme la Directrice")
    'préfet préfète prefete directeur directrice bâtonnier maire ministre procureure défenseur défenseure délégué déléguée ' +
    'représentant représentante gérant gérante liquidateur mandataire administrateur administratrice expert experte interprète ' +
    'huissier notaire commissaire agent inspecteur inspectrice officier capitaine lieutenant brigadier gardien commandant ' +
    'colonel adjudant gendarme sergent chef secrétaire trésorier trésorière sénateur député ' +
    // organisation nouns: a capitalised word of a company or body name, never a first name
    'groupe cabinet agence hôtel garage boulangerie restaurant bar café clinique pharmacie crédit assurances assurance ' +
    'transports entreprise établissements établissement éts ets holding immobilier immobilière résidence fédération fondation ' +
    'institut centre hôpital lycée collège école université office service services direction ministère ordre barreau ' +
    'gouvernement administration trésor douanes gendarmerie police commissariat parquet greffe tribunaux juridiction ' +
    'portalis dbvx minute arrêts ordonnances jugements conclusions requête requérant requérante intimées appelantes ' +
    'demandeurs défendeurs prévenus madame monsieur messieurs mesdames mademoiselle avocats avocates conseillers conseillères ' +
    'greffiers greffières magistrats juge-commissaire juges-commissaires commissaire-priseur organisme fonds métropole ' +
    'polyclinique club affaire désistement radiation jonction caducité causes toutes volontaire intervenant intervenante ' +
    'interprète recherchée es-qualité ès-qualité es-qualités ès-qualités appelant intimé syndic copropriétaires copropriété ' +
    'mutuelle assureur assureurs société-civile scp sarl'
  )
    .split(/\s+/)
    .map(fold),
);
/** Capitalised words that may still be names in a name position (months, "France"): checked by context instead. */
export const SOFT_STOP = new Set(
  'janvier février mars avril mai juin juillet août septembre octobre novembre décembre france'.split(' ').map(fold),
);
/** Institutional acronyms met next to names ("CHU Lyon", "CPAM DU RHÔNE"): never a surname. */
export const ACRONYMS = new Set(
  ('chu chru cpam caf crs ghu ehpad tgi tj ca cph jld jaf jex ofii ofpra cra cada ase pmi dgfip drfip ddfip ars ags cgea unedic ' +
    'urssaf msa rsi cnav carsat edf gdf sncf ratp sdis onf bnp lcl cic hlm opac oph cse chsct dp rh drh pdg dg ppdc cgt cfdt ' +
    'fo cgc unsa sud rpva ue cedh cjue cesda ceseda ccass rg ecli mjpm udaf aje ap hp aphp ap-hp spip jap tcom tc ta caa cnda ' +
    'ddpp dreets direccte ofb ign insee inpi rcs siret siren tva ttc ht sasu sa sas sarl eurl sci snc scp selarl selas gie gaec ' +
    'earl scea cgi cga css cass civ soc crim com fp fs fd sh cf ccc ccp cpc cpp cp cjm cch cdt ctrav zac za zi zup plu pos scot ' +
    'iard smabtp maaf macif maif gmf axa mma sdc asl aarpi selafa selurl selas selca scpa bp cs cedex tsa sip sie dgi ofce bpi ' +
    'tp btp sci mp pg jcp expro pôle poles mjpm jld cra cesf ccas cias epci sivom siren rne bodacc')
    .split(/\s+/),
);
/** Hard stops: never part of a person name, whatever the context. */
export const HARD_STOP = new Set([...NOT_NAME, ...ACRONYMS].filter((w) => !SOFT_STOP.has(w)));

export const isParticle = (t: Token) => PARTICLES.has(fold(t.text));

/** A token that can be a name word: capitalised letters, not a known non-name word. */
export function isNameWord(t: Token | undefined, strict = true): boolean {
  if (!t || t.kind !== 'word') return false;
  if (!/^[\p{Lu}]/u.test(t.text)) return false;
  const sh = shapeOf(t.text);
  if (sh === 'initial') return true;
  if (strict && NOT_NAME.has(fold(t.text))) return false;
  return sh === 'cap' || sh === 'upper' || sh === 'mixed';
}

export interface NameRun {
  /** token index range [from, to) of the whole run */
  from: number;
  to: number;
  /** character spans of first names (one span per adjacent group) */
  first: { start: number; end: number }[];
  /** character span of the surname (or null) */
  last: { start: number; end: number } | null;
  /** the folded surname key (for consistency) */
  lastKey: string | null;
  firstKey: string | null;
}

const APOS = /^['’]$/;

/**
 * Reads a name run starting at token i (same line only). Accepts name words, particles followed by a
 * name word, initials ("J.") and O'Neil / N'Diaye forms. Returns the index after the run.
 */
export function readNameRun(toks: Token[], i: number, maxWords = 5, strict = true): number {
  let j = i;
  let words = 0;
  while (j < toks.length && words < maxWords) {
    const t = toks[j];
    if (j > i && t.nl) break;
    if (isNameWord(t, strict)) {
      // initial: "J." counts, "J" alone only if followed by "."
      if (shapeOf(t.text) === 'initial') {
        if (toks[j + 1]?.text === '.' && toks[j + 1].start === t.end) {
          j += 2;
          words++;
          continue;
        }
        if (APOS.test(toks[j + 1]?.text ?? '') && isNameWord(toks[j + 2], false) && toks[j + 2].start === toks[j + 1].end) {
          j += 3; // D'Almeida, N'Diaye
          words++;
          continue;
        }
        break;
      }
      j++;
      words++;
      continue;
    }
    // particles inside a name: "de La Fontaine", "Da Silva", "d'Estaing"
    if (t.kind === 'word' && isParticle(t) && words >= 0) {
      let k = j + 1;
      if (APOS.test(toks[k]?.text ?? '')) k++;
      while (k < toks.length && isParticle(toks[k]) && !toks[k].nl && k - j < 3) k++;
      if (isNameWord(toks[k], false) && !toks[k].nl && !NOT_NAME.has(fold(toks[k].text))) {
        // lowercase "de" after a full first name + surname is a preposition ("Dupont de Lyon") unless
        // the next word is capitalised and not a commune-like word: we accept, the model/consistency decide
        if (j === i && /^\p{Ll}/u.test(t.text)) break; // a run never starts with a lowercase particle
        j = k + 1;
        words++;
        continue;
      }
    }
    break;
  }
  return j;
}

/**
 * Splits a run into first names and surname. UPPER words are the surname when mixed with Capitalised
 * ones (either order: "Marie DUPONT", "DUPONT Marie"); otherwise the last word (with its particles).
 */
export function splitRun(text: string, toks: Token[], from: number, to: number): NameRun {
  // group tokens into words: a word = optional particles + name token (+ "." for initials)
  type W = { s: number; e: number; upper: boolean; initial: boolean; particle: boolean };
  const ws: W[] = [];
  for (let k = from; k < to; k++) {
    const t = toks[k];
    if (t.text === '.' || APOS.test(t.text)) {
      if (ws.length) ws[ws.length - 1].e = t.end;
      continue;
    }
    const prevApos = k > from && APOS.test(toks[k - 1].text) && toks[k - 1].start === toks[k - 2]?.end;
    if (prevApos && ws.length) {
      ws[ws.length - 1].e = t.end;
      ws[ws.length - 1].upper = shapeOf(t.text) === 'upper';
      ws[ws.length - 1].particle = false;
      continue;
    }
    const sh = shapeOf(t.text);
    ws.push({ s: t.start, e: t.end, upper: sh === 'upper', initial: sh === 'initial', particle: isParticle(t) });
  }
  const res: NameRun = { from, to, first: [], last: null, lastKey: null, firstKey: null };
  if (!ws.length) return res;
  const core = ws.filter((w) => !w.particle);
  const hasUpper = core.some((w) => w.upper && w.e - w.s > 1);
  const hasLower = core.some((w) => !w.upper && !w.initial);
  let lastFrom = ws.length - 1;
  let lastTo = ws.length; // exclusive
  if (hasUpper && hasLower) {
    const firstUpper = ws.findIndex((w) => w.upper && !w.particle && w.e - w.s > 1);
    if (firstUpper === 0 || (ws[0].particle && firstUpper <= 2)) {
      // DUPONT Marie: the upper prefix is the surname
      let e = firstUpper;
      while (e < ws.length && (ws[e].upper || ws[e].particle)) e++;
      lastFrom = 0;
      lastTo = e;
    } else {
      lastFrom = firstUpper;
      while (lastFrom > 0 && ws[lastFrom - 1].particle) lastFrom--;
      lastTo = ws.length;
    }
  } else {
    while (lastFrom > 0 && ws[lastFrom - 1].particle) lastFrom--;
  }
  res.last = { start: ws[lastFrom].s, end: ws[lastTo - 1].e };
  const firstWords = [...ws.slice(0, lastFrom), ...ws.slice(lastTo)];
  if (firstWords.length) {
    // adjacent first names form one span
    let cur = { start: firstWords[0].s, end: firstWords[0].e };
    for (let k = 1; k < firstWords.length; k++) {
      const w = firstWords[k];
      if (/^[\s-]*$/.test(text.slice(cur.end, w.s)) && w.s - cur.end <= 2) cur.end = w.e;
      else {
        res.first.push(cur);
        cur = { start: w.s, end: w.e };
      }
    }
    res.first.push(cur);
  }
  res.lastKey = fold(text.slice(res.last.start, res.last.end));
  res.firstKey = res.first.length ? fold(text.slice(res.first[0].start, res.first[0].end)) : null;
  return res;
}
