/**
 * Layout of a decision, read as structure rather than prose: which lines belong to a party block
 * (after "APPELANT :", "INTIMÉE", "DEMANDEUR", "ENTRE :", around "C/"), to the bench (after
 * "COMPOSITION DE LA COUR", "Président :", "GREFFIER", "siégeaient"), or to the signatures (under
 * "LE GREFFIER LE PRÉSIDENT"). Names met in these blocks take their role from the block when their
 * own context says nothing. One pass over the lines; each line is inspected on a bounded prefix, so
 * a 5 MB text without line breaks stays linear.
 */

export type Block = 'party' | 'bench' | 'signature' | 'caption' | 'none';

export interface LineInfo {
  start: number;
  end: number;
  block: Block;
  /** the line itself is a heading (its words are labels, not names) */
  heading: boolean;
}

const HEAD_MAX = 160;

/** Party headings: "APPELANT :", "Intimée :", "DÉFENDEUR A LA REQUETE :", "ENTRE :", "ET :", "Nom du ressortissant :". */
const PARTY_HEAD =
  /^[\s\-–—•*]*(?:(?:LES?|LA|Les?|La)\s+)?(?:APPELANT|Appelant|INTIM[ÉE]|Intim[ée]|DEMANDE(?:U|R)R|Demande(?:u|r)r|D[ÉE]FENDE(?:U|R)R|D[ée]fende(?:u|r)r|REQU[ÉE]RANT|Requ[ée]rant|INTERVENANT|Intervenant|PARTIES? (?:INTERVENANTE?S?|CIVILES?)|Parties? (?:intervenante?s?|civiles?)|PARTIE JOINTE|PR[ÉE]VENU|Pr[ée]venu|D[ÉE]BITEUR|D[ée]biteur|CR[ÉE]ANCIER|Cr[ée]ancier|ENTRE\b|Entre\s*:|ET\s*:?\s*$|CONTRE\b|EN PR[ÉE]SENCE DE|En pr[ée]sence de|[ÉE]TRANGER|Nom du ressortissant|PERSONNE (?:RETENUE|HOSPITALIS|CONCERN|FAISANT)|Personne (?:retenue|hospitalis|concern)|SAISISSANT|Saisissant|OPPOSANT|Opposant|ASSIGN[ÉE]|EMPLOYEUR|SALARI[ÉE]|Salari[ée]|Employeur)/u;
/** Bench headings: composition of the court, role labels with a colon, "siégeaient". */
const BENCH_HEAD =
  /^[\s\-–—•*]*(?:COMPOSITION|Composition|MAGISTRATS?\b|Magistrats?\b(?! de)|LORS DES D[ÉE]BATS|Lors des d[ée]bats|(?:LE |LA |Le |La )?GREFFI|(?:Le |La )?Greffi|PR[ÉE]SIDENTE?\s*:|Pr[ée]sidente?\s*:|ASSESSEURS?\s*:|Assesseurs?\s*:|CONSEILLERS?\s*:|Conseill[eè]re?s?\s*:|JUGES?\s*:|Juges?\s*(?:[^:\n]{0,40}):|MINIST[ÈE]RE PUBLIC|Minist[èe]re public|RAPPORTEU|Rapporteu|D[ÉE]BATS ET D[ÉE]LIB[ÉE]R[ÉE]|siégeaient|Siégeaient|MAGISTRAT D[ÉE]L[ÉE]GU|Magistrat d[ée]l[ée]gu|AUDIENCE TENUE PAR|Audience tenue par)/u;
/** Headings that close a block (another part of the decision starts). */
const CLOSE_HEAD =
  /^[\s\-–—•*]*(?:D[ÉE]BATS\b(?! ET D)|D[ée]bats\s*:|ARR[ÊE]T\b|Arr[êe]t\s*:|EXPOS[ÉE]|Expos[ée] du litige|FAITS|Faits et proc[ée]dure|MOTIFS|PROC[ÉE]DURE|Proc[ée]dure\b|SUR CE|Sur ce\b|PAR CES MOTIFS|Par ces motifs|DISCUSSION|ORDONNANCE\s*:|JUGEMENT\s*:|D[ÉE]CISION\s*:|\*|'''|_{3,}|-{5,}|Vu\b|VU\b|Nous,|NOUS,|Date des|Date de|Prononc|PRONONC|Copie|COPIE|Le tribunal|La cour|LA COUR|LE TRIBUNAL|Audience|AUDIENCE|Sign[ée]|SIGN[ÉE]|Présidée|PRÉSIDÉE|Greffier|GREFFIER|Débats|En présence du ministère)/u;
/** A signature heading: only role words ("LE GREFFIER LE PRÉSIDENT", "La greffière, Le conseiller délégué,"). */
const SIG_WORDS =
  /^(?:(?:le|la|les|l['’]|p\/o|pour|et|de|du|des|aux|à|la|chambre|premier|première|présidente?|vice-présidente?|greffi(?:er|ère)s?|conseill(?:er|ère)s?|délégu[ée]e?|magistrat|juges?|rapporteu(?:r|se|re)|assesseu(?:r|rs)|affaires|familiales|référés|contentieux|protection|mise|en|état|chargée?|adjointe?|administrati(?:f|ve)|faisant|fonctions?|empêchée?|l'audience|audience|section|honoraire|suppléante?|commissaire|juge-commissaire|instruction|libertés|détention|exécution|tribunal|cour|conseil|mineurs?|d'instruction|directeur|directrice|dépens|signé|signée|minute)[\s,.;:]*)+$/iu;

const ROLE_WORD = /(greffi|présid|president|conseill|magistrat|juge|rapporteu|assesseu)/giu;

export interface Structure {
  lines: LineInfo[];
  /** index of the line containing character position `pos` (binary search) */
  lineAt(pos: number): number;
  blockAt(pos: number): Block;
}

/** Whether the words of a short line are only role words (a signature heading). */
export function isSignatureHeading(line: string): boolean {
  const s = line.trim();
  if (s.length < 6 || s.length > 120) return false;
  if (!/(greffi|présid|president|conseill|magistrat|juge|rapporteu|assesseu)/iu.test(s)) return false;
  return SIG_WORDS.test(s);
}

export function analyseStructure(text: string): Structure {
  const lines: LineInfo[] = [];
  let pos = 0;
  while (pos <= text.length) {
    let e = text.indexOf('\n', pos);
    if (e < 0) e = text.length;
    lines.push({ start: pos, end: e, block: 'none', heading: false });
    pos = e + 1;
  }
  let cur: Block = 'none';
  let age = 0; // non-empty lines since the block started
  let sigLeft = 0; // signature lines left after a signature heading
  const captionCandidates: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const L = lines[i];
    const head = text.slice(L.start, Math.min(L.end, L.start + HEAD_MAX));
    const trimmed = head.trim();
    if (!trimmed) continue;
    const short = L.end - L.start <= 90;
    const colon = /^[^:]{1,60}:/.test(trimmed);
    // a lone role word high in the document ("RAPPORTEUR" in a caption) is a label, not the signatures
    if (isSignatureHeading(trimmed) && (i > lines.length * 0.5 || (trimmed.match(ROLE_WORD) ?? []).length >= 2)) {
      L.heading = true;
      L.block = 'signature';
      cur = 'signature';
      sigLeft = 3;
      age = 0;
      continue;
    }
    if ((short || colon) && PARTY_HEAD.test(trimmed) && !/^[\s\-–—•*]*(?:ET|Et|CONTRE|Contre)\s+[a-zé]/u.test(trimmed)) {
      cur = 'party';
      age = 0;
      // "APPELANT :" alone, or "Appelant : M. X" (the name is on the heading line)
      L.heading = !/:\s*\S/.test(trimmed) || /^[^:]*:\s*$/.test(trimmed);
      L.block = 'party';
      continue;
    }
    if ((short || colon) && BENCH_HEAD.test(trimmed)) {
      cur = 'bench';
      age = 0;
      L.heading = /^[^:]*:?\s*$/.test(trimmed) && !/\b(?:M\.|Mme|Madame|Monsieur)\s/u.test(trimmed);
      L.block = 'bench';
      continue;
    }
    if (cur === 'signature') {
      if (sigLeft > 0 && short && !CLOSE_HEAD.test(trimmed)) {
        L.block = 'signature';
        sigLeft--;
        continue;
      }
      cur = 'none';
    }
    if (CLOSE_HEAD.test(trimmed) && !/^[\s\-–—•*]*(?:Me|Maître|M\.|Mme)\s/u.test(trimmed)) {
      cur = 'none';
      if (/^C\s*\/\s*$/.test(trimmed)) captionCandidates.push(i);
      continue;
    }
    if (/^C\s*\/\s*$|^C\/\s*$/.test(trimmed)) {
      captionCandidates.push(i);
      continue;
    }
    if (cur !== 'none') {
      age++;
      // a block holds a few parties with their addresses and lawyers; a long run of prose ends it
      if (age > 40 || (cur === 'bench' && age > 12)) cur = 'none';
      else L.block = cur;
    }
  }
  // "DUPONT / C/ / SAS X": the lines around a lone "C/" in the caption name the parties
  for (const c of captionCandidates) {
    for (const dir of [-1, 1]) {
      let seen = 0;
      for (let j = c + dir; j >= 0 && j < lines.length && seen < 3; j += dir) {
        const L = lines[j];
        const s = text.slice(L.start, Math.min(L.end, L.start + HEAD_MAX)).trim();
        if (!s) continue;
        if (/^(?:-{3,}|_{3,}|\*)/.test(s)) break;
        seen++;
        if (L.block === 'none') L.block = 'caption';
      }
    }
  }
  const starts = lines.map((l) => l.start);
  const lineAt = (p: number) => {
    let lo = 0,
      hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= p) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  return { lines, lineAt, blockAt: (p) => lines[lineAt(p)].block };
}
