/**
 * Decision metadata from the text: court, chamber, date, decision number, solution and the ECLI
 * where it can be derived (Cour de cassation: ECLI:FR:CCASS:year:chamberCODEnumber).
 */
export interface DecisionMetadata {
  court: { type: 'cass' | 'ca' | 'tj' | 'cph' | 'ta' | 'tcom' | 'caa' | 'ce' | null; name: string | null };
  chamber: string | null;
  date: string | null; // ISO yyyy-mm-dd
  number: string | null; // pourvoi / RG / requête number
  solution: string | null;
  ecli: string | null;
}

const MONTHS: Record<string, number> = {
  janvier: 1,
  février: 2,
  fevrier: 2,
  mars: 3,
  avril: 4,
  mai: 5,
  juin: 6,
  juillet: 7,
  août: 8,
  aout: 8,
  septembre: 9,
  octobre: 10,
  novembre: 11,
  décembre: 12,
  decembre: 12,
};

function isoDate(d: string, m: string, y: string): string | null {
  const mm = /^\d+$/.test(m) ? Number(m) : MONTHS[m.toLowerCase()];
  if (!mm) return null;
  return `${y}-${String(mm).padStart(2, '0')}-${String(Number(d.replace(/er$/, '') || 1)).padStart(2, '0')}`;
}

const CHAMBER_CODES: [RegExp, string][] = [
  [/première chambre civile|PREMIÈRE CHAMBRE CIVILE|CIV\. ?1/i, 'C1'],
  [/deuxième chambre civile|DEUXIÈME CHAMBRE CIVILE|CIV\. ?2/i, 'C2'],
  [/troisième chambre civile|TROISIÈME CHAMBRE CIVILE|CIV\. ?3/i, 'C3'],
  [/chambre commerciale|CHAMBRE COMMERCIALE|COMM\./i, 'CO'],
  [/chambre sociale|CHAMBRE SOCIALE|SOC\./i, 'SO'],
  [/chambre criminelle|CHAMBRE CRIMINELLE|CRIM\./i, 'CR'],
];

export function extractMetadata(text: string): DecisionMetadata {
  const head = text.slice(0, 6000);
  const meta: DecisionMetadata = { court: { type: null, name: null }, chamber: null, date: null, number: null, solution: null, ecli: null };
  const court = /(COUR DE CASSATION|Cour de cassation)/.exec(head)
    ? { type: 'cass' as const, name: 'Cour de cassation' }
    : ((m) => m && { type: 'ca' as const, name: `Cour d'appel de ${titleCase(m[1])}` })(
        /COUR D['’]APPEL D(?:E |')\s*([\p{L}' -]+?)\s*(?:\n|$)/iu.exec(head),
      ) ||
      ((m) => m && { type: 'tj' as const, name: `Tribunal judiciaire de ${titleCase(m[1])}` })(
        /TRIBUNAL JUDICIAIRE D(?:E |')\s*([\p{L}' -]+?)\s*(?:\n|$)/iu.exec(head),
      ) ||
      ((m) => m && { type: 'ta' as const, name: `Tribunal administratif de ${titleCase(m[1])}` })(
        /TRIBUNAL ADMINISTRATIF D(?:E |')\s*([\p{L}' -]+?)\s*(?:\n|$)/iu.exec(head),
      ) ||
      ((m) => m && { type: 'tcom' as const, name: `Tribunal de commerce de ${titleCase(m[1])}` })(
        /TRIBUNAL DE COMMERCE D(?:E |')\s*([\p{L}' -]+?)\s*(?:\n|$)/iu.exec(head),
      ) ||
      ((m) => m && { type: 'cph' as const, name: `Conseil de prud'hommes de ${titleCase(m[1])}` })(
        /CONSEIL DE PRUD['’]HOMMES D(?:E |')\s*([\p{L}' -]+?)\s*(?:\n|$)/iu.exec(head),
      );
  if (court) meta.court = court;
  const ch =
    /^\s*((?:\d+(?:e|ème|ère)|première|deuxième|troisième|quatrième|cinquième)\s+chambre[^\n]{0,40}|chambre [^\n]{3,40}|(?:PREMIÈRE|DEUXIÈME|TROISIÈME) CHAMBRE CIVILE|CHAMBRE (?:SOCIALE|COMMERCIALE|CRIMINELLE)[^\n]{0,30})\s*$/imu.exec(
      head,
    );
  if (ch) meta.chamber = ch[1].trim();
  else
    for (const [re] of CHAMBER_CODES) {
      const m = re.exec(head);
      if (m) {
        meta.chamber = m[0];
        break;
      }
    }
  const dm =
    /(?:Audience publique du|ARRÊT DU|Arrêt du|JUGEMENT DU|Jugement du|ORDONNANCE DU|Décision du|DU)\s+(1er|\d{1,2})\s+([\p{L}]+)\s+(\d{4})/u.exec(
      head,
    );
  if (dm) meta.date = isoDate(dm[1], dm[2], dm[3]);
  const num =
    /Pourvoi n°\s*([A-Z]\s*\d{2}-\d{2}\.\d{3})/.exec(head) ??
    /N° RG\s*:?\s*(\d{2}\/\d{5})/.exec(head) ??
    /RG\s*:?\s*([\dA-Z/]{6,})/.exec(head) ??
    /N°\s*(\d{7})/.exec(head);
  if (num) meta.number = num[1].replace(/\s+/g, ' ');
  const sol =
    /^\s*(Cassation(?: partielle)?(?: sans renvoi)?|Rejet|Irrecevabilité|Non-lieu à statuer|Désistement|Déchéance|Annulation|Confirmation|Infirmation(?: partielle)?|Radiation)\s*$/imu.exec(
      head,
    );
  if (sol) meta.solution = sol[1];
  else {
    const tail = text.slice(-4000);
    if (/\bCONFIRME\b/.test(tail)) meta.solution = 'Confirmation';
    else if (/\bINFIRME\b/.test(tail)) meta.solution = 'Infirmation';
    else if (/\b(REJETTE le pourvoi|Rejette le pourvoi)/.test(tail)) meta.solution = 'Rejet';
    else if (/\b(CASSE ET ANNULE|Casse et annule)/.test(tail)) meta.solution = 'Cassation';
  }
  if (meta.court.type === 'cass' && meta.date) {
    const code = CHAMBER_CODES.find(([re]) => re.test(head))?.[1];
    const arret = /Arrêt n°\s*(\d+)/.exec(head);
    if (code && arret) meta.ecli = `ECLI:FR:CCASS:${meta.date.slice(0, 4)}:${code}${arret[1].padStart(5, '0')}`;
  }
  return meta;
}

const titleCase = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/(^|[\s'-])(\p{L})/gu, (_, a, b) => a + b.toUpperCase());
