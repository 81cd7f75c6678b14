/**
 * Input guard and HTML handling. Offsets must stay those of the caller's text, so HTML tags and
 * entities are blanked in place (same length) in an analysis copy instead of being stripped.
 */
export class PseudonymizeError extends Error {
  constructor(
    readonly code: 'NOT_TEXT' | 'TEXT_TOO_LONG' | 'BINARY_INPUT',
    message: string,
  ) {
    super(message);
    this.name = 'PseudonymizeError';
  }
}

export const DEFAULT_MAX_LENGTH = 5 * 1024 * 1024;

export interface PreparedText {
  /** same length as the input: tags blanked, entities replaced by one char + spaces */
  analysis: string;
  html: boolean;
}

const ENTITIES: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  eacute: 'é',
  egrave: 'è',
  ecirc: 'ê',
  agrave: 'à',
  acirc: 'â',
  ccedil: 'ç',
  ocirc: 'ô',
  ucirc: 'û',
  ugrave: 'ù',
  icirc: 'î',
  iuml: 'ï',
  euml: 'ë',
  rsquo: '’',
  laquo: '«',
  raquo: '»',
  Eacute: 'É',
  Egrave: 'È',
  Agrave: 'À',
  Ccedil: 'Ç',
  deg: '°',
  oelig: 'œ',
};
const BLOCK_TAG = /^<\/?(p|div|br|li|tr|td|th|h\d|table|ul|ol|section|article|header|footer|blockquote)\b/i;

export function prepareText(input: unknown, maxLength = DEFAULT_MAX_LENGTH): PreparedText {
  if (typeof input !== 'string') throw new PseudonymizeError('NOT_TEXT', 'Le texte doit être une chaîne de caractères.');
  if (input.length > maxLength)
    throw new PseudonymizeError('TEXT_TOO_LONG', `Le texte dépasse la taille maximale (${maxLength} caractères).`);
  // binary: NUL bytes or a high share of control characters
  let ctrl = 0;
  const probe = input.length > 20000 ? input.slice(0, 20000) : input;
  for (let i = 0; i < probe.length; i++) {
    const c = probe.charCodeAt(i);
    if (c === 0) throw new PseudonymizeError('BINARY_INPUT', 'Le contenu semble binaire (octets nuls) : fournissez du texte.');
    if (c < 9 || (c > 13 && c < 32) || c === 0xfffd) ctrl++;
  }
  if (probe.length > 32 && ctrl / probe.length > 0.1)
    throw new PseudonymizeError('BINARY_INPUT', 'Le contenu semble binaire ou mal encodé : fournissez du texte UTF-8.');
  let analysis = input;
  const html = /<\/?[a-zA-Z][^>]{0,200}>/.test(input.slice(0, 100000));
  if (html) {
    analysis = input.replace(/<(script|style)\b[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->|<\/?[a-zA-Z][^>]*>/g, (tag) =>
      BLOCK_TAG.test(tag) ? '\n' + ' '.repeat(tag.length - 1) : ' '.repeat(tag.length),
    );
    analysis = analysis.replace(/&(#\d{1,6}|#x[0-9a-f]{1,5}|[a-zA-Z]{2,8});/g, (ent, name: string) => {
      let ch = ENTITIES[name];
      if (!ch && name.startsWith('#')) {
        const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        ch = code > 0 && code < 0x10000 ? String.fromCharCode(code) : ' ';
      }
      return (ch ?? ' ').padEnd(ent.length, ' ');
    });
  }
  // NBSP and narrow NBSP behave as spaces for the detectors (same length)
  analysis = analysis.replace(/[\u00a0\u202f]/g, ' ');
  return { analysis, html };
}
