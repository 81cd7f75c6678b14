/**
 * What an uploaded file is, decided from its bytes: the declared Content-Type and the file name come
 * from the client and prove nothing. Binary formats are recognised by their signature (magic bytes,
 * through `file-type`); text formats have none, so a text file must be valid UTF-8 without control
 * characters, look like its format (JSON starts with { or [, HTML has a tag), and only then does the
 * declared type or the extension choose between the allowed text formats. Pure functions.
 */

/** Binary formats, recognised by signature. */
export const BINARY_UPLOAD_TYPES = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/webp': 'WebP',
  'image/gif': 'GIF',
  'application/pdf': 'PDF',
  'application/zip': 'ZIP',
} as const;

/** Text formats: UTF-8 text, told apart by declared type or extension, checked for their shape. */
export const TEXT_UPLOAD_TYPES = {
  'text/plain': { label: 'texte', extensions: ['txt', 'text'] },
  'text/html': { label: 'HTML', extensions: ['html', 'htm', 'xhtml'] },
  'text/csv': { label: 'CSV', extensions: ['csv'] },
  'application/json': { label: 'JSON', extensions: ['json'] },
  'application/x-ndjson': { label: 'JSONL', extensions: ['jsonl', 'ndjson'] },
  'application/xml': { label: 'XML', extensions: ['xml'] },
} as const;

export type BinaryUploadType = keyof typeof BINARY_UPLOAD_TYPES;
export type TextUploadType = keyof typeof TEXT_UPLOAD_TYPES;
export type UploadType = BinaryUploadType | TextUploadType;

const isBinaryType = (t: string): t is BinaryUploadType => t in BINARY_UPLOAD_TYPES;
const isTextType = (t: string): t is TextUploadType => t in TEXT_UPLOAD_TYPES;
export const isUploadType = (t: string): t is UploadType => isBinaryType(t) || isTextType(t);

/** Declared types that mean the same as ours. */
const ALIASES: Record<string, UploadType> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'application/jsonl': 'application/x-ndjson',
  'application/jsonlines': 'application/x-ndjson',
  'text/jsonl': 'application/x-ndjson',
  'text/xml': 'application/xml',
  'application/xhtml+xml': 'text/html',
  'application/csv': 'text/csv',
};

export function typeLabel(t: UploadType): string {
  return isBinaryType(t) ? BINARY_UPLOAD_TYPES[t] : TEXT_UPLOAD_TYPES[t as TextUploadType].label;
}

/** "JPEG ou PNG", "texte, HTML ou JSON". */
export function typesLabel(types: readonly UploadType[]): string {
  const labels = [...new Set(types.map(typeLabel))];
  return labels.length <= 1 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} ou ${labels.at(-1)}`;
}

/** 20 Mo, 512 Ko, 100 octets (binary units, as file managers show them in French). */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Number((n / (1024 * 1024)).toFixed(1)).toLocaleString('fr-FR')} Mo`;
  if (n >= 1024) return `${Math.round(n / 1024)} Ko`;
  return `${n} octets`;
}

export interface SniffInput {
  /** What file-type found from the first bytes, if anything. */
  detected?: string;
  /** The part's Content-Type as the client declared it. */
  declared: string;
  filename: string;
  /** Valid UTF-8 with no control characters but tab, newline, carriage return and form feed. */
  isText: boolean;
  /** The first bytes (a few KiB). */
  head: Buffer;
}

function firstNonSpace(head: Buffer): string {
  const s = head.toString('utf8').replace(/^\uFEFF/, '');
  return s.trimStart().charAt(0);
}

function looksLike(type: TextUploadType, head: Buffer): boolean {
  switch (type) {
    case 'application/json':
    case 'application/x-ndjson':
      return firstNonSpace(head) === '{' || firstNonSpace(head) === '[';
    case 'text/html':
      return /<[a-z!?/]/i.test(head.toString('utf8'));
    case 'application/xml':
      return firstNonSpace(head) === '<';
    default:
      return true;
  }
}

/** The file's type among `allowed`, or null when its content is not one of them. */
export function sniffUploadType(input: SniffInput, allowed: readonly UploadType[]): UploadType | null {
  const { detected } = input;
  // A binary signature decides, whatever was declared ("photo.png" that is a JPEG is a JPEG).
  if (detected && detected !== 'application/xml') {
    return isBinaryType(detected) && allowed.includes(detected) ? detected : null;
  }
  if (!input.isText) return null;
  const textAllowed = allowed.filter(isTextType);
  if (textAllowed.length === 0) return null;
  const declared = input.declared.split(';')[0].trim().toLowerCase();
  const declaredType = ALIASES[declared] ?? declared;
  const ext = input.filename.toLowerCase().match(/\.([a-z0-9]{1,10})$/)?.[1];
  const byExtension = textAllowed.find((t) => ext && (TEXT_UPLOAD_TYPES[t].extensions as readonly string[]).includes(ext));
  const candidates: (TextUploadType | undefined)[] = [
    textAllowed.find((t) => t === declaredType),
    byExtension,
    textAllowed.length === 1 ? textAllowed[0] : undefined,
    textAllowed.find((t) => t === 'text/plain'),
  ];
  const type = candidates.find((t) => t !== undefined);
  return type && looksLike(type, input.head) ? type : null;
}
