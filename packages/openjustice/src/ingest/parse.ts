/**
 * Decision files → decisions to import: plain text, HTML, JSON (one object, an array, or
 * `{ decisions: [...] }`) and JSONL. Each problem is reported with where it is (file, line), and
 * never stops the rest: one broken line or file loses only itself.
 */
import { convert } from 'html-to-text';
import { DEFAULT_MAX_LENGTH } from '../core/input.ts';

export interface DecisionMeta {
  court?: string;
  chamber?: string;
  date?: string;
  number?: string;
  solution?: string;
  ecli?: string;
}

export interface RawDecision {
  text: string;
  sourceName: string;
  /** Unique within the source; derived from the text when the file gives none. */
  sourceId: string | null;
  meta: DecisionMeta;
  /** Where it came from, for error messages (never its text). */
  origin: string;
}

export interface ParseProblem {
  origin: string;
  message: string;
}

export interface ParseResult {
  decisions: RawDecision[];
  problems: ParseProblem[];
}

export type FileFormat = 'text' | 'html' | 'json' | 'jsonl';

export function formatOf(filename: string): FileFormat | null {
  const ext = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase();
  if (ext === 'txt' || ext === 'text') return 'text';
  if (ext === 'html' || ext === 'htm' || ext === 'xhtml') return 'html';
  if (ext === 'json') return 'json';
  if (ext === 'jsonl' || ext === 'ndjson') return 'jsonl';
  return null;
}

/** UTF-8, or (legacy court exports) Windows-1252 when the bytes are not valid UTF-8; binary is refused. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  const probe = bytes.subarray(0, 64 * 1024);
  let ctrl = 0;
  for (const b of probe) {
    if (b === 0) throw new Error('fichier binaire (octets nuls) : texte attendu');
    if (b < 9 || (b > 13 && b < 32)) ctrl++;
  }
  if (probe.length > 32 && ctrl / probe.length > 0.05) throw new Error('fichier binaire : texte attendu');
  try {
    return { text: stripBom(new TextDecoder('utf-8', { fatal: true }).decode(bytes)), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

const stripBom = (s: string) => (s.charCodeAt(0) === 0xfeff ? s.slice(1) : s);

/** HTML → plain text with paragraphs as line breaks (html-to-text: a real parser; links and images dropped). */
export function htmlToText(html: string): string {
  const headings = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } }));
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'th', format: 'tableCell', options: { uppercase: false } },
      ...headings,
    ],
  })
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const str = (o: Record<string, unknown>, ...keys: string[]): string | undefined => {
  for (const k of keys) {
    const v = o[k];
    if (typeof v === 'string' && v.trim()) return v;
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  }
  return undefined;
};

function checkText(text: string, origin: string): string {
  const t = text.replace(/\r\n?/g, '\n');
  if (!t.trim()) throw new Error('texte vide');
  if (t.length > DEFAULT_MAX_LENGTH) throw new Error(`texte trop long (${t.length} caractères, ${DEFAULT_MAX_LENGTH} au plus)`);
  void origin;
  return t;
}

/** One JSON record (Judilibre's, Label's or a plain `{ text }`) → a decision. */
export function fromRecord(o: unknown, origin: string, defaultSource: string): RawDecision {
  if (!o || typeof o !== 'object' || Array.isArray(o)) throw new Error('objet JSON attendu');
  const r = o as Record<string, unknown>;
  const html = str(r, 'html', 'HTMLA', 'texteHtml');
  const plain = str(r, 'text', 'originalText', 'texte', 'content', 'XMLA');
  if (plain === undefined && html === undefined) throw new Error('champ « text » manquant');
  const text = checkText(plain !== undefined ? (looksLikeHtml(plain) ? htmlToText(plain) : plain) : htmlToText(html!), origin);
  const numbers = Array.isArray(r.numbers) ? r.numbers.find((x) => typeof x === 'string') : undefined;
  return {
    text,
    sourceName: (str(r, 'sourceName', 'source') ?? defaultSource).slice(0, 100),
    sourceId: str(r, 'sourceId', 'id', '_id', 'idDecision')?.slice(0, 200) ?? null,
    meta: clean({
      court: str(r, 'jurisdiction', 'court', 'juridiction'),
      chamber: str(r, 'chamber', 'chambre'),
      date: str(r, 'decision_date', 'dateDecision', 'date'),
      number: str(r, 'number', 'numero', 'appealNumber', 'numeroPourvoi') ?? (numbers as string | undefined),
      solution: str(r, 'solution'),
      ecli: str(r, 'ecli'),
    }),
    origin,
  };
}

function clean(meta: DecisionMeta): DecisionMeta {
  const out: DecisionMeta = {};
  for (const [k, v] of Object.entries(meta)) if (v) out[k as keyof DecisionMeta] = String(v).slice(0, 200);
  return out;
}

const looksLikeHtml = (s: string) => /<(p|div|br|html|body|span|h\d)\b[^>]*>/i.test(s.slice(0, 5000));

/** Parses one file's bytes. `defaultSource` names the source of records that carry none. */
export function parseFile(filename: string, bytes: Uint8Array, defaultSource = 'import'): ParseResult {
  const origin = filename;
  const format = formatOf(filename);
  const decisions: RawDecision[] = [];
  const problems: ParseProblem[] = [];
  const fail = (where: string, err: unknown) => problems.push({ origin: where, message: err instanceof Error ? err.message : String(err) });
  if (!format) {
    fail(origin, new Error('format non pris en charge (.txt, .html, .json ou .jsonl attendu)'));
    return { decisions, problems };
  }
  let text: string;
  try {
    const decoded = decodeText(bytes);
    text = decoded.text;
    if (decoded.encoding !== 'utf-8')
      problems.push({ origin, message: 'encodage Windows-1252 détecté et converti (UTF-8 attendu) : vérifiez les accents' });
  } catch (err) {
    fail(origin, err);
    return { decisions, problems };
  }
  const base = filename.replace(/^.*[\\/]/, '');
  try {
    if (format === 'text') decisions.push({ text: checkText(text, origin), sourceName: defaultSource, sourceId: base, meta: {}, origin });
    else if (format === 'html')
      decisions.push({ text: checkText(htmlToText(text), origin), sourceName: defaultSource, sourceId: base, meta: {}, origin });
    else if (format === 'json') {
      let doc: unknown;
      try {
        doc = JSON.parse(text);
      } catch (err) {
        throw new Error(`JSON invalide (${(err as Error).message.slice(0, 120)})`, { cause: err });
      }
      const list = Array.isArray(doc)
        ? doc
        : doc && typeof doc === 'object' && Array.isArray((doc as { decisions?: unknown }).decisions)
          ? (doc as { decisions: unknown[] }).decisions
          : [doc];
      list.forEach((o, i) => {
        const where = list.length > 1 ? `${origin} [${i}]` : origin;
        try {
          decisions.push(fromRecord(o, where, defaultSource));
        } catch (err) {
          fail(where, err);
        }
      });
    } else {
      text.split('\n').forEach((line, i) => {
        if (!line.trim()) return;
        const where = `${origin}:${i + 1}`;
        try {
          let o: unknown;
          try {
            o = JSON.parse(line);
          } catch {
            throw new Error('ligne JSON invalide');
          }
          decisions.push(fromRecord(o, where, defaultSource));
        } catch (err) {
          fail(where, err);
        }
      });
    }
  } catch (err) {
    fail(origin, err);
  }
  return { decisions, problems };
}
