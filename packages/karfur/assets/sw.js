/* global self, caches, fetch, Response, KARFUR_VERSION, KARFUR_ASSETS */
// Karfu'R's service worker (scope /karfur/). The server prepends KARFUR_VERSION and KARFUR_ASSETS.
// Pages: network first, the copy kept for offline reading (visited fiches, the journey); static
// files: cache first (their names carry their content hash). Staff pages and forms are never cached.
const PAGES = 'karfur-pages';
const STATIC = `karfur-static-${KARFUR_VERSION}`;
const LANGS = ['fr', 'en', 'ar', 'fa', 'ps', 'ru', 'ti', 'uk'];
const MAX_PAGES = 300;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const pages = await caches.open(PAGES);
      // The offline page of every language, so that an unvisited page still answers in the reader's language.
      await Promise.all(LANGS.map((l) => pages.add(`/karfur/${l}/hors-ligne`).catch(() => undefined)));
      const statics = await caches.open(STATIC);
      await statics.addAll(KARFUR_ASSETS).catch(() => undefined);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith('karfur-static-') && name !== STATIC) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

const isStatic = (url) =>
  url.pathname.startsWith('/assets/') ||
  url.pathname.startsWith('/static/') ||
  url.pathname.startsWith('/api/karfur/assets/') ||
  url.pathname === '/api/karfur/qr.svg';
const isPublicPage = (url) => /^\/karfur\/(fr|en|ar|fa|ps|ru|ti|uk)(\/|$)/.test(url.pathname);

async function trim(cache) {
  const keys = await cache.keys();
  for (const k of keys.slice(0, Math.max(0, keys.length - MAX_PAGES))) await cache.delete(k);
}

async function page(request, url) {
  const cache = await caches.open(PAGES);
  try {
    const res = await fetch(request);
    if (res.ok && res.type === 'basic') {
      await cache.put(url.pathname + url.search, res.clone());
      trim(cache).catch(() => undefined);
    }
    return res;
  } catch {
    const hit =
      (await cache.match(url.pathname + url.search, { ignoreVary: true })) || (await cache.match(url.pathname, { ignoreVary: true }));
    if (hit) return hit;
    const lang = url.pathname.split('/')[2];
    const offline = await cache.match(`/karfur/${LANGS.includes(lang) ? lang : 'fr'}/hors-ligne`, { ignoreVary: true });
    return offline || new Response('Hors ligne', { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
}

async function staticFile(request) {
  const cache = await caches.open(STATIC);
  const hit = await cache.match(request);
  if (hit) return hit;
  const res = await fetch(request);
  if (res.ok) await cache.put(request, res.clone());
  return res;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && isPublicPage(url)) event.respondWith(page(request, url));
  else if (isStatic(url)) event.respondWith(staticFile(request));
});
