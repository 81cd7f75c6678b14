import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerWeb } from './register.ts';
import { registerMockApi, mockStands } from '../testing/mock-api.ts';
import { parseSearchParams, safeReturnPath } from './loaders.ts';

// Needs the Vite build (packages/web/dist), made by `npm install` (prepare) or `npm run build`.
let app: FastifyInstance;
beforeAll(async () => {
  app = Fastify();
  await registerMockApi(app);
  await registerWeb(app, { stands: async () => mockStands });
  // like the platform: API 404s stay JSON
  app.setNotFoundHandler((req, reply) => reply.code(404).send({ message: `not found ${req.url}` }));
  await app.ready();
});
afterAll(() => app.close());

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

describe('registerWeb', () => {
  it('renders the home page in French with DSFR assets and hydration data', async () => {
    const res = await get('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('<html lang="fr"');
    expect(res.body).toContain('<title>Accueil — Suite EIG</title>');
    expect(res.body).toContain('/static/dsfr/dsfr.min.css');
    expect(res.body).toMatch(/<script type="module" src="\/assets\/entry-client-[\w-]+\.js"><\/script>/);
    expect(res.body).toContain('<script type="application/json" id="eig-state">');
  });

  it('serves the DSFR files and the client bundle', async () => {
    expect((await get('/static/dsfr/dsfr.min.css')).statusCode).toBe(200);
    expect((await get('/static/dsfr/fonts/Marianne-Regular.woff2')).statusCode).toBe(200);
    expect((await get('/static/favicon/favicon.svg')).statusCode).toBe(200);
    const script = /src="(\/assets\/entry-client-[\w-]+\.js)"/.exec((await get('/')).body)![1];
    const js = await get(script);
    expect(js.statusCode).toBe(200);
    expect(js.headers['cache-control']).toContain('immutable');
  });

  it('embedded state cannot close its script element', async () => {
    const res = await get('/explocode/recherche?q=%3C%2Fscript%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    expect(res.statusCode).toBe(200);
    const state = res.body.split('id="eig-state">')[1].split('</script>')[0];
    expect(state).not.toContain('<');
    expect(res.body).not.toContain('<script>alert(1)');
  });

  it('goes straight to an article number typed in the search bar', async () => {
    const res = await get('/explocode/recherche?q=L1234-9&direct=1');
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/explocode/article/L1234-9');
    // without direct=1 (e.g. a shared link), the results page offers the shortcut
    const page = await get('/explocode/recherche?q=L1234-9');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Aller à l’article L1234-9');
  });

  it('404 page for unknown pages and for unknown documents, JSON 404 under /api', async () => {
    const unknown = await get('/nulle-part');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('Page non trouvée');
    const article = await get('/explocode/article/L9999-99');
    expect(article.statusCode).toBe(404);
    expect(article.body).toContain('L’article L9999-99 n’existe pas');
    const api = await get('/api/nothing');
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toContain('application/json');
  });

  it('remembers the chosen collective agreement in a cookie', async () => {
    const choose = await get('/explocode/conventions/choisir?idcc=1486&retour=%2Fexplocode%2Frecherche%3Fq%3Dpr%C3%A9avis');
    expect(choose.statusCode).toBe(303);
    expect(choose.headers.location).toBe('/explocode/recherche?q=pr%C3%A9avis');
    const cookie = String(choose.headers['set-cookie']).split(';')[0];
    expect(cookie).toBe('eig_explocode_idcc=1486');
    const search = await get('/explocode/recherche?q=licenciement', { cookie });
    expect(search.body).toContain('Convention : IDCC 1486');
    const answer = await get('/explocode/reponse/3b1f3a5e-4c2d-4b8e-9d8a-1f2e3d4c5b6a', { cookie });
    expect(answer.body).toContain('Ce que prévoit votre convention collective');
    // no open redirect
    const evil = await get('/explocode/conventions/choisir?idcc=1486&retour=%2F%2Fevil.example');
    expect(evil.headers.location).toBe('/explocode');
  });

  it('renders every ExploCode page', async () => {
    for (const url of [
      '/explocode',
      '/explocode/recherche?q=licenciement&theme=code%3ALEGISCTA000006177888&type=article',
      '/explocode/article/L1234-9',
      '/explocode/theme/code%3ALEGISCTA000006177888',
      '/explocode/fiche/F2883',
      '/explocode/reponse/3b1f3a5e-4c2d-4b8e-9d8a-1f2e3d4c5b6a?idcc=1486',
      '/explocode/convention/1486?q=licenciement',
      '/explocode/conventions?q=syntec',
      '/explocode/comment-ca-marche',
      '/accessibilite',
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toMatch(/<h1[ >]/);
    }
  });
});

describe('loader helpers', () => {
  it('parses search parameters defensively', () => {
    const p = parseSearchParams(new URLSearchParams('q=%20cong%C3%A9s%20&type=bogus&page=-3&idcc=0843'), '1486');
    expect(p).toEqual({ q: 'congés', type: null, theme: null, idcc: '843', page: 1 });
    expect(parseSearchParams(new URLSearchParams('q=x'), '1486').idcc).toBe('1486');
    expect(parseSearchParams(new URLSearchParams('q=x&idcc='), '1486').idcc).toBeNull();
  });
  it('only accepts local return paths', () => {
    expect(safeReturnPath('/explocode/recherche?q=a')).toBe('/explocode/recherche?q=a');
    expect(safeReturnPath('https://evil.example')).toBe('/explocode');
    expect(safeReturnPath('/\\evil.example')).toBe('/explocode');
    // dot-segments that resolve to a protocol-relative URL
    for (const v of ['/.//evil.com', '/..//evil.com', '/%2e//evil.com', '/a/..//evil.com', '//evil.com']) {
      expect(safeReturnPath(v), v).toBe('/explocode');
    }
  });
});
