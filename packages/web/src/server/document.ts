/** The HTML document around the server-rendered React tree. */
import type { PageState } from '../app/state.ts';
import { STATE_ELEMENT_ID } from '../app/state.ts';

export interface ClientAssets {
  scripts: string[];
  styles: string[];
  preloads: string[];
}

/** Where the DSFR package's own files (CSS, fonts, icons, favicon) are served from. */
export const DSFR_PREFIX = '/static/dsfr/';
export const ASSETS_PREFIX = '/assets/';
export const FAVICON_PREFIX = '/static/favicon/';

interface ManifestChunk {
  file: string;
  css?: string[];
  imports?: string[];
  isEntry?: boolean;
}

/** Reads Vite's manifest: the entry script, its CSS and its statically imported chunks. */
export function assetsFromManifest(manifest: Record<string, ManifestChunk>, entry = 'src/entry-client.tsx'): ClientAssets {
  const chunk = manifest[entry];
  if (!chunk) throw new Error(`Vite manifest has no entry ${entry}`);
  const styles = new Set<string>();
  const preloads = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string, isRoot: boolean) => {
    if (seen.has(key)) return;
    seen.add(key);
    const c = manifest[key];
    if (!c) return;
    for (const css of c.css ?? []) styles.add('/' + css);
    if (!isRoot) preloads.add('/' + c.file);
    for (const imp of c.imports ?? []) visit(imp, false);
  };
  visit(entry, true);
  return { scripts: ['/' + chunk.file], styles: [...styles], preloads: [...preloads] };
}

const escapeAttr = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** JSON safe to embed inside <script type="application/json">. */
export function serializeState(state: PageState): string {
  return JSON.stringify(state)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function renderDocument(state: PageState, bodyHtml: string, assets: ClientAssets): string {
  const { lang, dir } = state.ctx;
  const css = [
    `${DSFR_PREFIX}dsfr.min.css`,
    `${DSFR_PREFIX}utility/icons/icons.min.css`,
    ...assets.styles,
  ];
  return `<!doctype html>
<html lang="${escapeAttr(lang)}" dir="${dir}" data-fr-scheme="light">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, shrink-to-fit=no">
<title>${escapeAttr(state.title)}</title>
<meta name="description" content="Suite EIG : des services numériques d'intérêt général. ExploCode, le droit du travail expliqué à partir de votre question.">
<meta name="theme-color" content="#000091">
<link rel="icon" href="${FAVICON_PREFIX}favicon.svg" type="image/svg+xml">
<link rel="shortcut icon" href="${FAVICON_PREFIX}favicon.ico" type="image/x-icon">
<link rel="apple-touch-icon" href="${FAVICON_PREFIX}apple-touch-icon.png">
<link rel="preload" href="${DSFR_PREFIX}fonts/Marianne-Regular.woff2" as="font" type="font/woff2" crossorigin>
<link rel="preload" href="${DSFR_PREFIX}fonts/Marianne-Bold.woff2" as="font" type="font/woff2" crossorigin>
${css.map((href) => `<link rel="stylesheet" href="${escapeAttr(href)}">`).join('\n')}
${assets.preloads.map((href) => `<link rel="modulepreload" href="${escapeAttr(href)}">`).join('\n')}
</head>
<body>
<div id="root">${bodyHtml}</div>
<script type="application/json" id="${STATE_ELEMENT_ID}">${serializeState(state)}</script>
${assets.scripts.map((src) => `<script type="module" src="${escapeAttr(src)}"></script>`).join('\n')}
</body>
</html>
`;
}
