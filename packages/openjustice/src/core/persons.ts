/**
 * People of a decision, found from context and structure (never from a list of names):
 *   1. mentions: a civility ("M.", "Mme", "Monsieur", "Dr") or a lawyer's title ("Me", "Maître") before a
 *      run of name words; a bare "Prénom NOM" / "NOM Prénom" / "E. VET"; a name-only line of a party,
 *      caption, bench or signature block; a name next to a role word ("X, greffier", "Président : X",
 *      "X, interprète"); aliases ("se disant X") and married names ("épouse X");
 *   2. evidence per mention, for three roles: party (masked), magistrate/clerk and lawyer (kept in
 *      clear), from the words around it and the block it sits in;
 *   3. one decision per surname for the whole document (a magistrate named once with her role stays a
 *      magistrate in "Mme Dupont a fait son rapport"; a party who is also "avocat" by trade stays a party
 *      when the decision says "avocat de M. X"), a mention's own strong party evidence always wins.
 * Every scan is a pass over the tokens with regexes on bounded windows: linear in the text size.
 */
import type { Span } from './span.ts';
import type { Category } from './categories.ts';
import type { Lexicons } from './lexicon.ts';
import { fold, tf, type Token } from './text.ts';
import { HARD_STOP, PARTICLES } from './names.ts';
import type { Block, Structure } from './structure.ts';
import {
  MAG_AFTER,
  MAG_LIST_AFTER,
  MAG_LIST_AFTER_OR_ROLE,
  AVO_AFTER,
  PARTY_AFTER,
  MAG_BEFORE,
  PARTY_BEFORE,
  FIRM_BEFORE,
  PARTNER_LIST,
  FIRM_FORM_TOKEN,
  NOTARY_AFTER,
  STRONG_INTRO,
  MANDATAIRE_AFTER,
  MANDATAIRE_BEFORE,
  PARTY_LABEL,
  BENCH_ZONE,
  PLACE_BEFORE,
} from './person-context.ts';
import { isCivilityAt, isParticleTok, isTitleAt, PLURAL_CIV, readRun, splitWords, tokAt, type Run } from './name-runs.ts';

export { isCivilityAt, readRun, splitWords, type Run } from './name-runs.ts';

export type Role = 'party' | 'mag' | 'avo';
interface Range {
  start: number;
  end: number;
}

export interface Mention {
  /** token range of the name run */
  from: number;
  to: number;
  start: number;
  end: number;
  first: Range[];
  last: Range | null;
  lastKey: string | null;
  firstKey: string | null;
  kind: 'civ' | 'title' | 'bare' | 'field' | 'alias' | 'married';
  /** the words of the run (empty for form fields) */
  words: Run['words'];
  /** character position where the context "before" ends (the civility start, or the run start) */
  anchor: number;
  ev: { party: number; mag: number; avo: number };
  role: Role;
  /** person identity shared by linked mentions (first name + surname, married name, alias) */
  personKey: string;
}

export interface PersonResult {
  mentions: Mention[];
  spans: Span[];
  /** folded surname → role decided for the document */
  surnameRole: Map<string, Role>;
}

// ---------------------------------------------------------------- detection

/** a party line naming an office of an institution: "M. LE DIRECTEUR DU GHU X", "Mme la présidente du conseil Y" */
const OFFICE_LINE =
  /(?<=^|\n)([ \t]*(?:M\.|Mme|Monsieur|Madame|MONSIEUR|MADAME)[ \t]+(?:LE|LA|le|la)[ \t]+(?:DIRECTEUR|DIRECTRICE|[Dd]irecteur|[Dd]irectrice|PR[ÉE]SIDENTE?|[Pp]résidente?|MAIRE|[Mm]aire)(?![\p{L}]))[^\n]{0,200}/gu;

export interface PersonOptions {
  lexicons: Lexicons;
  structure: Structure;
}

export function detectPeople(text: string, toks: Token[], opts: PersonOptions): PersonResult {
  const { structure, lexicons } = opts;
  const words = lexicons.words;
  const used = new Uint8Array(toks.length);
  const mentions: Mention[] = [];
  let counter = 0;
  const lineStartOf = (pos: number) => structure.lines[structure.lineAt(pos)].start;
  const lineEndOf = (pos: number) => structure.lines[structure.lineAt(pos)].end;

  const add = (run: Run, kind: Mention['kind'], anchor: number, personKey?: string, allSurname = false): Mention => {
    const split = allSurname
      ? { first: [], last: { start: run.words[0].s, end: run.words[run.words.length - 1].e } }
      : splitWords(text, run.words);
    const from = run.words[0].tok;
    for (let k = from; k < run.to; k++) used[k] = 1;
    const m: Mention = {
      from,
      to: run.to,
      start: run.words[0].s,
      end: run.words[run.words.length - 1].e,
      first: split.first,
      last: split.last,
      lastKey: split.last ? fold(text.slice(split.last.start, split.last.end)) : null,
      firstKey: split.first.length ? fold(text.slice(split.first[0].start, split.first[0].end)) : null,
      kind,
      words: run.words,
      anchor,
      ev: { party: 0, mag: 0, avo: 0 },
      role: 'party',
      personKey: personKey ?? `p${++counter}`,
    };
    mentions.push(m);
    return m;
  };

  // 1. civilities and lawyer titles
  for (let i = 0; i < toks.length; i++) {
    const civ = isCivilityAt(toks, i);
    const title = civ ? 0 : isTitleAt(toks, i);
    if (!civ && !title) continue;
    const f = tf(toks[i]);
    const j = i + (civ || title);
    // "M. et Mme X": the name belongs to the last civility
    if ((toks[j] ? tf(toks[j]) : '') === 'et' && (isCivilityAt(toks, j + 1) || isTitleAt(toks, j + 1))) continue;
    const run = readRun(toks, j, true);
    if (!run) continue;
    const m = add(run, title ? 'title' : 'civ', toks[i].start);
    i = run.to - 1;
    // married / birth names and aliases: "X épouse Y", "née Y", "dit Y"
    let k = run.to;
    if (toks[k]?.text === ',' && /^(epouse|ep|nee|veuve|dit|dite|alias)$/.test(toks[k + 1] ? tf(toks[k + 1]) : '')) k++;
    const w = toks[k] ? tf(toks[k]) : '';
    if (/^(epouse|ep|nee|veuve|divorcee)$/.test(w)) {
      k++;
      if (toks[k]?.text === '.') k++;
      const r2 = readRun(toks, k, true, 4);
      if (r2 && !toks[k].nl) {
        add(r2, 'married', toks[k].start, m.personKey, true);
        i = r2.to - 1;
      }
    } else if (/^(dit|dite|alias)$/.test(w)) {
      const r2 = readRun(toks, k + 1, true, 4);
      if (r2 && !toks[k + 1].nl) {
        add(r2, 'alias', toks[k + 1].start);
        i = r2.to - 1;
      }
    }
    // "MM. A et B", "Mmes A, B, C": the plural civility covers the list
    if (PLURAL_CIV.has(f)) {
      let q = Math.max(run.to, i + 1);
      while (q < toks.length && (toks[q].text === ',' || tf(toks[q]) === 'et') && !toks[q + 1]?.nl) {
        if (toks[q].text === ',' && (toks[q + 1] ? tf(toks[q + 1]) : '') === 'et') q++;
        if (isCivilityAt(toks, q + 1) || isTitleAt(toks, q + 1)) break;
        const r2 = readRun(toks, q + 1, true);
        if (!r2) break;
        add(r2, title ? 'title' : 'civ', toks[q + 1].start);
        q = r2.to;
        i = r2.to - 1;
      }
    }
  }

  // 2. bare names: shapes, name-only lines of blocks, role words, aliases
  for (let i = 0; i < toks.length; i++) {
    if (used[i] || toks[i].kind !== 'word') continue;
    // a list item may start with a lowercase particle: "Mme Kausemann, de Villiers, Kola, conseillers"
    const listParticle =
      /^\p{Ll}/u.test(toks[i].text) && isParticleTok(toks[i]) && (toks[i - 1]?.text === ',' || toks[i - 1]?.text === ':');
    if (!listParticle && !/^\p{Lu}/u.test(toks[i].text)) continue;
    if (
      i > 0 &&
      !toks[i].nl &&
      toks[i - 1].kind === 'word' &&
      /^\p{Lu}/u.test(toks[i - 1].text) &&
      !used[i - 1] &&
      !HARD_STOP.has(tf(toks[i - 1]))
    )
      continue;
    let run = readRun(toks, i, listParticle);
    if (!run) continue;
    // "Assistée de Luthfi NGUYEN": an everyday word before a particle opens the sentence, the name starts after it
    if (
      run.words.length >= 2 &&
      words.has(tf(toks[i])) &&
      /^\p{Ll}+['’]?\s*$/u.test(text.slice(run.words[1].s, toks[run.words[1].tok].start))
    ) {
      const r2 = readRun(toks, run.words[1].tok, false);
      if (!r2) continue;
      run = r2;
    }
    const ws = run.words;
    const start = ws[0].s,
      end = ws[ws.length - 1].e;
    const ls = lineStartOf(start);
    const before = text.slice(Math.max(ls, start - 120), start);
    // a lone capitalised word (most sentence starts) is a name only after an alias word or a strong introducer
    if (ws.length === 1 && !ws[0].upper && !listParticle) {
      // after "l'expert", "le docteur": any capitalised word that is not a function or legal word ("l'expert Renard")
      // … and a list item closed by a role word: "Mme Kausemann, Kola, conseillers"
      const listItem =
        toks[i - 1]?.text === ',' && !words.has(fold(text.slice(start, end))) && MAG_LIST_AFTER_OR_ROLE.test(text.slice(end, end + 140));
      const intro = /(?:se disant(?: également)?|alias|dite?|connue? sous le nom de)\s*$/iu.test(before)
        ? 'alias'
        : STRONG_INTRO.test(before) || listItem
          ? 'role'
          : null;
      if (intro) {
        add(run, 'bare', start);
        i = run.to - 1;
      }
      continue;
    }
    const le = lineEndOf(start);
    const after = text.slice(end, Math.min(text.length, end + 120));
    const block = structure.blockAt(start);
    const lineText = text.slice(ls, Math.min(le, ls + 200)).trim();
    const nameOnlyLine = lineText.length <= 80 && isNameOnly(text.slice(start, end), lineText);
    const hasUpper = ws.some((w) => w.upper && !w.initial);
    const hasCap = ws.some((w) => !w.upper && !w.initial);
    const hasInitial = ws.some((w) => w.initial);
    const unknown = ws.some((w) => !words.has(fold(text.slice(w.s, w.e)).replace(/^(?:d|l)['’]/, '')));
    // places, not people: "69003 Lyon SUD", "barreau de PARIS", "rue Victor HUGO", "lycée Jean MOULIN"
    const afterPostcode = PLACE_BEFORE.test(before);
    const allCapsLine = !/\p{Ll}{2}/u.test(lineText.replace(/\b(?:Me|Mme|M)\b/g, ''));
    // "Tribunal Judiciaire de LYON", "Société Générale": a name never follows an institution word directly
    const prevTok = toks[i - 1];
    const afterFirmForm =
      (!!prevTok && FIRM_FORM_TOKEN.test(prevTok.text)) ||
      /(?:S\.C\.P|S\.E\.L\.A\.R\.L|S\.E\.L\.A\.S)\.?\s*$/u.test(text.slice(Math.max(0, start - 16), start));
    const afterInstitution =
      !afterFirmForm && !!prevTok && !toks[i].nl && prevTok.kind === 'word' && /^\p{Lu}/u.test(prevTok.text) && HARD_STOP.has(tf(prevTok));
    const communeFirst = ws.length >= 2 && ws[0].upper && !ws[1].upper && lexicons.communes.has(fold(text.slice(ws[1].s, ws[1].e)));
    let kind: 'shape' | 'line' | 'role' | 'alias' | null = null;
    if (/(?:se disant(?: également)?|alias|dite?|connue? sous le nom de)\s*$/iu.test(before)) kind = 'alias';
    else if (STRONG_INTRO.test(before) && (ws.length >= 2 || hasUpper || unknown)) kind = 'role';
    else if (
      (ws.length >= 2 || hasUpper || listParticle) &&
      (MAG_AFTER.test(after) ||
        MAG_LIST_AFTER.test(after) ||
        /^[ \t]*,?[ \t]*(?:interpr[èe]te|expert|témoin)/iu.test(after) ||
        MAG_BEFORE.test(before) ||
        PARTY_LABEL.test(before))
    )
      kind = 'role';
    else if ((ws.length >= 2 || hasUpper) && /^\s*,?\s*(?:n[ée]e?s?|N[ÉE]E?S?)\s+(?:le|à|en|LE|À)(?!\p{L})/u.test(after)) kind = 'role';
    else if (
      ws.length >= 2 &&
      /(?:l['’]expert(?:e)?|expert(?:e)?\s+judiciaire|interprète|le témoin|la témoin|l['’]huissier|le notaire)\s*$/iu.test(before)
    )
      kind = 'role';
    // "Marion DUMITRU", "E. VET" in prose; "DUMITRU Marion" only where names are listed (blocks, name-only lines)
    else if (
      !allCapsLine &&
      ws.length >= 2 &&
      hasUpper &&
      (hasCap || hasInitial) &&
      unknown &&
      !afterPostcode &&
      !afterInstitution &&
      !communeFirst &&
      (!ws[0].upper || nameOnlyLine || block !== 'none')
    )
      kind = 'shape';
    // "S.C.P. MATHILDE CHARTIER NOTAIRE ASSOCIE": a notary's or bailiff's firm is named after people
    else if (afterFirmForm && ws.length >= 2 && ws.every((w) => w.e - w.s >= 3) && unknown && NOTARY_AFTER.test(after)) kind = 'role';
    // name-only lines of blocks: "Margot Royer" (signature), "GAUTHIER" (caption); an all-caps line of several
    // words is more often a company ("BNP PARIBAS", "METROPOLE DE LYON") than a person
    else if (
      nameOnlyLine &&
      block !== 'none' &&
      !afterPostcode &&
      !afterInstitution &&
      unknown &&
      (ws.length === 1 ? hasUpper : !allCapsLine)
    )
      kind = 'line';
    // signature lines may hold two names side by side ("Anne BUREL  Sophie Martin")
    else if (block === 'signature' && ws.length >= 2 && unknown && !allCapsLine && !afterInstitution && !afterPostcode) kind = 'line';
    if (!kind) continue;
    add(run, 'bare', start);
    i = run.to - 1;
  }

  // 2b. "M. LE DIRECTEUR DU CENTRE HOSPITALIER X Prénom NOM": the holder of an office named at the end of its line,
  //     after the institution ("M. LE DIRECTEUR DU CENTRE HOSPITALIER", "Mme LA MAIRE DE X" alone name nobody)
  for (const m of text.matchAll(OFFICE_LINE)) {
    const lineEnd = m.index! + m[0].length;
    for (let k = tokAt(toks, m.index! + m[1].length); k < toks.length && toks[k].start < lineEnd; k++) {
      const t = toks[k];
      if (used[k] || t.kind !== 'word' || !/^\p{Lu}/u.test(t.text) || isParticleTok(t)) continue;
      const f = tf(t);
      if (f.length < 3 || words.has(f) || HARD_STOP.has(f) || lexicons.communes.has(f)) continue;
      const run = readRun(toks, k, false, 4);
      if (!run || run.words.length < 2) continue;
      const runEnd = run.words[run.words.length - 1].e;
      if (!/^[ \t]*(?:,[^\n]*)?$/u.test(text.slice(runEnd, lineEnd))) continue;
      // the name's inner words are names or particles, not the institution's words ("GHU PARIS PSYCHIATRIE")
      const inner = run.words.slice(1, -1).map((w) => fold(text.slice(w.s, w.e)));
      if (inner.some((w) => !PARTICLES.has(w) && (words.has(w) || lexicons.communes.has(w) || HARD_STOP.has(w)))) continue;
      add(run, 'bare', t.start);
      break;
    }
  }

  // 3. partners named in a firm of notaries or bailiffs: "la société Jean Medard, Aminte Guillon et Justin Renaud,
  //    société civile professionnelle", "SCP Durand et Martin, notaires": each partner is a person
  const partners = new Set<Mention>();
  for (const m of text.matchAll(PARTNER_LIST)) {
    const from = m.index! + m[0].indexOf(m[1]);
    const to = from + m[1].length;
    for (let k = tokAt(toks, from); k < toks.length && toks[k].start < to; k++) {
      if (toks[k].kind !== 'word' || !/^\p{Lu}/u.test(toks[k].text)) continue;
      const r = readRun(toks, k, true, 4);
      if (!r || r.words.length < 2) continue;
      if (!used[k]) partners.add(add(r, 'bare', toks[k].start));
      else for (const x of mentions) if (x.from === k) partners.add(x);
      k = r.to - 1;
    }
  }

  // 4. "Nom : DUPONT" / "Prénom(s) : Jean" form fields
  for (const m of text.matchAll(/\b(Nom(?: de naissance| d'usage| patronymique)?|Prénoms?)\s*:\s*([\p{Lu}][\p{L}'’ -]*[\p{L}])/gu)) {
    const val = m[2];
    const s = m.index! + m[0].length - val.length;
    const isFirst = m[1].startsWith('Pr');
    mentions.push({
      from: -1,
      to: -1,
      start: s,
      end: s + val.length,
      first: isFirst ? [{ start: s, end: s + val.length }] : [],
      last: isFirst ? null : { start: s, end: s + val.length },
      lastKey: isFirst ? null : fold(val),
      firstKey: isFirst ? fold(val) : null,
      kind: 'field',
      words: [],
      anchor: s,
      ev: { party: 3, mag: 0, avo: 0 },
      role: 'party',
      personKey: 'fields',
    });
  }

  resolveCompoundSurnames(text, mentions, (pos) => {
    const L = structure.lines[structure.lineAt(pos)];
    return /\p{Ll}{2}/u.test(text.slice(L.start, Math.min(L.end, L.start + 300)).replace(/\b(?:Me|Mme|M)\b/g, ''));
  });

  // ------------------------------------------------------------ evidence
  const benchZones: Range[] = [];
  for (const z of text.matchAll(BENCH_ZONE)) {
    const s = z.index!;
    const stop = text.slice(s, s + 2500).search(/\n[ \t]*\n|;\s*\n|\.\s*\n|\ba rendu\b/);
    benchZones.push({ start: s, end: s + (stop < 0 ? 2500 : stop) });
  }
  let zi = 0;
  const sorted = [...mentions].sort((a, b) => a.start - b.start);
  for (const m of sorted) {
    if (m.kind === 'field') continue;
    const ev = m.ev;
    const after = text.slice(m.end, m.end + 140);
    const ls = lineStartOf(m.anchor);
    const before = text.slice(Math.max(ls > m.anchor - 160 ? ls : m.anchor - 160, 0), m.anchor);
    const beforeMulti = text.slice(Math.max(0, m.anchor - 50), m.anchor);
    const block: Block = structure.blockAt(m.start);
    if (m.kind === 'title') {
      if (MANDATAIRE_AFTER.test(after) || MANDATAIRE_BEFORE.test(beforeMulti)) ev.party += 3;
      else ev.avo += 3;
    }
    if (m.kind === 'married' || m.kind === 'alias' || partners.has(m)) ev.party += 3;
    if (m.kind === 'bare' && FIRM_BEFORE.test(before)) {
      if (NOTARY_AFTER.test(after)) ev.party += 3;
      else ev.avo += 3;
    }
    if (MAG_AFTER.test(after) || MAG_LIST_AFTER.test(after)) ev.mag += m.kind === 'title' ? 4 : 3;
    else if (AVO_AFTER.test(after)) ev.avo += m.kind === 'civ' ? 1 : 3;
    else if (PARTY_AFTER.test(after)) ev.party += 3;
    if (MAG_BEFORE.test(before)) ev.mag += 3;
    if (m.kind !== 'title' && (PARTY_BEFORE.test(beforeMulti) || PARTY_LABEL.test(before))) ev.party += 3;
    while (zi < benchZones.length && benchZones[zi].end <= m.start) zi++;
    const inZone = zi < benchZones.length && benchZones[zi].start <= m.start;
    if (inZone && m.kind !== 'title') ev.mag += 2;
    if (block === 'party' || block === 'caption') ev.party += 2;
    else if (block === 'bench') ev.mag += 2;
    else if (block === 'signature') ev.mag += 3;
    if (m.kind === 'civ' || m.kind === 'bare') ev.party += 0.5;
  }

  // ------------------------------------------------------------ one role per surname (document level)
  const totals = new Map<string, { party: number; mag: number; avo: number }>();
  for (const m of mentions) {
    if (!m.lastKey) continue;
    const t = totals.get(m.lastKey) ?? { party: 0, mag: 0, avo: 0 };
    t.party += m.ev.party;
    t.mag += m.ev.mag;
    t.avo += m.ev.avo;
    totals.set(m.lastKey, t);
  }
  const surnameRole = new Map<string, Role>();
  for (const [k, t] of totals) surnameRole.set(k, decide(t));
  // a pro group with party first names elsewhere: local strong party evidence wins (privacy first)
  // first names of each surname's clear parties, for the rare split of a surname between a party and a professional
  const partyFirst = new Map<string, Set<string>>();
  for (const m of mentions) {
    if (!m.lastKey || !m.firstKey || m.ev.party < 2) continue;
    (partyFirst.get(m.lastKey) ?? partyFirst.set(m.lastKey, new Set()).get(m.lastKey)!).add(m.firstKey);
  }
  for (const m of mentions) {
    const group = m.lastKey ? surnameRole.get(m.lastKey)! : decide(m.ev);
    const local = decide(m.ev);
    const strongLocal = Math.max(m.ev.party, m.ev.mag, m.ev.avo) >= 3;
    if (group !== 'party' && local === 'party' && m.ev.party >= 3) m.role = 'party';
    else if (
      group === 'party' &&
      local !== 'party' &&
      strongLocal &&
      m.ev.party < 2 &&
      m.firstKey &&
      !partyFirst.get(m.lastKey ?? '')?.has(m.firstKey)
    )
      m.role = local;
    else m.role = group;
  }
  // a linked married name / alias follows its person
  const byPerson = new Map<string, Role>();
  for (const m of mentions) if (m.kind !== 'married') byPerson.set(m.personKey, m.role);
  for (const m of mentions) if (m.kind === 'married') m.role = byPerson.get(m.personKey) ?? 'party';

  // ------------------------------------------------------------ spans
  const spans: Span[] = [];
  for (const m of mentions) {
    if (m.role === 'party') {
      for (const f of m.first) spans.push(mk(f.start, f.end, 'personnePhysiquePrenom', score(m), m.personKey));
      if (m.last) spans.push(mk(m.last.start, m.last.end, 'personnePhysiqueNom', score(m), m.personKey));
    } else {
      spans.push(mk(m.start, m.end, m.role === 'mag' ? 'professionnelMagistratGreffier' : 'professionnelAvocat', 0.9, m.personKey));
    }
  }
  return { mentions, spans, surnameRole };
}

/**
 * Surnames of several words ("Nicolas Favre" shared by siblings, "Matos Reyes", "NORDSTRÖM FREDRIKSSON"):
 *   - a tail shared by several people with different first words is their (compound) surname;
 *   - a civility + words that is the tail of a longer mention of the decision ("M. Matos Reyes" and
 *     "M. Petri Matos Reyes") is a surname of several words;
 *   - after a civility, words all in capitals in a mixed-case line ("M. VALVERDE BRAVO") are the surname;
 *   - the capitals of a mixed-case run ("Ihsan MASCAREÑAS VALLADARES") are one surname: the decision's own
 *     writing says so, and every other mention ending with it ("M. Mascareñas Valladares", "M. Ruben Nava
 *     Vergara" after "Ruben NAVA VERGARA") follows, whatever its case.
 * Every mention ending with a known multi-word surname is split accordingly.
 */
function resolveCompoundSurnames(text: string, mentions: Mention[], mixedCase: (pos: number) => boolean) {
  const key = (m: Mention, from: number) => fold(text.slice(m.words[from].s, m.words[m.words.length - 1].e)).replace(/\s+/g, ' ');
  const uniform = (m: Mention) => m.words.every((w) => w.upper) || m.words.every((w) => !w.upper);
  const known = new Set<string>();
  const tails = new Map<string, Set<string>>();
  const long = new Set<string>();
  for (const m of mentions) {
    if (m.words.length < 2 || m.words.some((w) => w.initial)) continue;
    if (m.words.length >= 3 && uniform(m)) {
      for (let k = 1; k <= m.words.length - 2; k++) long.add(key(m, k));
      const t = key(m, 1);
      (tails.get(t) ?? tails.set(t, new Set()).get(t)!).add(fold(text.slice(m.words[0].s, m.words[0].e)));
    }
  }
  for (const [t, firsts] of tails) if (firsts.size >= 2) known.add(t);
  for (const m of mentions) {
    if ((m.kind !== 'civ' && m.kind !== 'title') || m.words.length < 2 || m.words.some((w) => w.initial)) continue;
    const k = key(m, 0);
    if (uniform(m) && long.has(k)) known.add(k);
    else if (m.words.every((w) => w.upper) && mixedCase(m.start)) known.add(k);
  }
  // "Ihsan MASCAREÑAS VALLADARES": the capitals of a mixed-case run are one surname, wherever the decision repeats it
  for (const m of mentions) {
    if (m.words.length < 3 || uniform(m) || m.kind === 'field' || m.words.some((w) => w.initial)) continue;
    const from = m.words.findIndex((w) => w.upper);
    let to = from;
    while (to < m.words.length && m.words[to].upper) to++;
    if (to - from >= 2) known.add(fold(text.slice(m.words[from].s, m.words[to - 1].e)).replace(/\s+/g, ' '));
  }
  if (!known.size) return;
  for (const m of mentions) {
    if (m.words.length < 2 || m.kind === 'married' || m.kind === 'field') continue;
    for (let k = 0; k <= m.words.length - 2; k++) {
      const t = key(m, k);
      if (!known.has(t)) continue;
      m.first = k > 0 ? [{ start: m.words[0].s, end: m.words[k - 1].e }] : [];
      m.last = { start: m.words[k].s, end: m.words[m.words.length - 1].e };
      m.lastKey = t;
      m.firstKey = k > 0 ? fold(text.slice(m.words[0].s, m.words[0].e)) : null;
      break;
    }
  }
}

/** The role with the most evidence; ties and silence go to the party (masking is the safe side). */
function decide(t: { party: number; mag: number; avo: number }): Role {
  if (t.mag > t.party && t.mag >= t.avo) return 'mag';
  if (t.avo > t.party && t.avo > t.mag) return 'avo';
  return 'party';
}

function score(m: Mention): number {
  const s = m.ev.party;
  return s >= 3 ? 0.95 : s >= 2 ? 0.9 : m.kind === 'bare' ? 0.75 : 0.85;
}

const mk = (start: number, end: number, category: Category, score: number, personKey?: string): Span => ({
  start,
  end,
  category,
  score,
  source: 'rule',
  personKey,
});

/** The line holds nothing but this name (and light punctuation): "Amza TOUSSAINT", "LÉGER", "- Margot Royer,". */
function isNameOnly(name: string, line: string): boolean {
  const rest = line.replace(name, ' ').replace(/\s+/g, ' ').trim();
  return /^[-–•*,.;:()]*\s*[,.;:()-]*$/.test(rest) || /^[-–•*]?\s*,?\s*(?:\(.*\))?$/.test(rest);
}
