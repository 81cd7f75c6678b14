/** The HTML document around the server-rendered page. */
import type { WebManifest } from './bundle.ts';
import type { PageAlternate } from '@eig/platform/web';

export const FAVICON_PREFIX = '/static/favicon/';

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export interface DocumentInput {
  title: string;
  lang: string;
  dir: 'ltr' | 'rtl';
  description?: string;
  alternates?: PageAlternate[];
  body: string;
  /** The page has islands: load the island script (and React). */
  interactive: boolean;
}

const DEFAULT_DESCRIPTION = 'Suite EIG : des services numériques d’intérêt général nés du programme « Entrepreneurs d’intérêt général ».';

export function renderDocument(doc: DocumentInput, m: WebManifest): string {
  const head = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1, shrink-to-fit=no">',
    `<title>${escapeAttr(doc.title)}</title>`,
    `<meta name="description" content="${escapeAttr(doc.description ?? DEFAULT_DESCRIPTION)}">`,
    '<meta name="theme-color" content="#000091">',
    `<link rel="icon" href="${FAVICON_PREFIX}favicon.svg" type="image/svg+xml">`,
    `<link rel="apple-touch-icon" href="${FAVICON_PREFIX}apple-touch-icon.png">`,
    ...m.fonts.map((href) => `<link rel="preload" href="${escapeAttr(href)}" as="font" type="font/woff2" crossorigin>`),
    ...m.styles.map((href) => `<link rel="stylesheet" href="${escapeAttr(href)}">`),
    ...(doc.alternates ?? []).map((a) => `<link rel="alternate" hreflang="${escapeAttr(a.lang)}" href="${escapeAttr(a.href)}">`),
    `<script type="module" src="${escapeAttr(m.dsfrScript)}"></script>`,
    ...(doc.interactive
      ? [
          ...m.islandPreloads.map((href) => `<link rel="modulepreload" href="${escapeAttr(href)}">`),
          `<script type="module" src="${escapeAttr(m.islandScript)}"></script>`,
        ]
      : []),
  ];
  return `<!doctype html>
<html lang="${escapeAttr(doc.lang)}" dir="${doc.dir}" data-fr-scheme="light">
<head>
${head.join('\n')}
</head>
<body>
${doc.body}
</body>
</html>
`;
}
