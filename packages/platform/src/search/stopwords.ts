import { fold } from './normalize.ts';

/** The Snowball French stop list (snowballstem.org, algorithms/french/stop.txt), accents kept as published. */
export const SNOWBALL_FRENCH_STOPWORDS: readonly string[] = (
  'au aux avec ce ces dans de des du elle en et eux il je la le leur lui ma mais me même mes moi mon ne nos notre ' +
  'nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous c d j l à m n s t y ' +
  'été étée étées étés étant suis es est sommes êtes sont serai seras sera serons serez seront serais serait serions ' +
  'seriez seraient étais était étions étiez étaient fus fut fûmes fûtes furent sois soit soyons soyez soient fusse ' +
  'fusses fût fussions fussiez fussent ayant eu eue eues eus ai as avons avez ont aurai auras aura aurons aurez auront ' +
  'aurais aurait aurions auriez auraient avais avait avions aviez avaient eut eûmes eûtes eurent aie aies ait ayons ' +
  'ayez aient eusse eusses eût eussions eussiez eussent ' +
  // later additions of the Snowball list (J.-C. Deschamps)
  'ceci cela celà ici ils les soi'
).split(' ');

/** Extra function words (used by a BM25 baseline that a benchmark reproduces). */
export const EXTRA_FRENCH_STOPWORDS: readonly string[] =
  'cet cette ceux celle celles celui dont si sans sous ni car lors leurs quel quels quelle quelles'.split(' ');

/** Snowball + extras, folded (accents stripped) so it applies to folded tokens. */
export const FRENCH_STOPWORDS: ReadonlySet<string> = new Set([...SNOWBALL_FRENCH_STOPWORDS, ...EXTRA_FRENCH_STOPWORDS].map(fold));

/**
 * Query-only noise: question scaffolding of everyday questions ("est-ce que mon patron peut...").
 * Removed from queries only (never from documents) and only when the query keeps other terms.
 */
export const FRENCH_QUERY_NOISE: ReadonlySet<string> = new Set(
  (
    'est-ce quoi comment combien pourquoi quand ou peut peuvent puis peux pouvoir doit doivent dois devoir faut faire ' +
    'fait font il elle ils elles on mon ma mes ton ta tes notre nos votre vos les les leur leurs ce cela ca ça ceci ' +
    'y a t il-il quelles quels quel quelle qui que quoi est-il suis sommes etre avoir ai as avons avez ont bien tout toute tous toutes ' +
    'moi toi lui nous vous je tu me te se sa son ses oui non plus moins tres trop alors donc aussi encore deja ' +
    'vrai savoir sais sait veut veux vouloir dire cas'
  )
    .split(/\s+/)
    .map(fold),
);

/** French elided articles/pronouns: `l'`, `d'`, `qu'`, `jusqu'`... (token followed by an apostrophe). */
export const FRENCH_ELISIONS: ReadonlySet<string> = new Set(
  'l m t qu n s j d c jusqu quoiqu lorsqu puisqu parcequ entr presqu quelqu'.split(' '),
);
