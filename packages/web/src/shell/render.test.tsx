import { describe, expect, it } from 'vitest';
import { renderToString } from 'react-dom/server';
import { App } from './App.tsx';
import type { PageData, PageState } from './state.ts';
import { fixtures, mockStands, mockStatus } from '../testing/mock-api.ts';

const ctx = (url: string, extra: Partial<PageState['ctx']> = {}): PageState['ctx'] => ({
  url,
  service: url.startsWith('/explocode') ? 'explocode' : null,
  lang: 'fr',
  dir: 'ltr',
  explocodeStatus: mockStatus,
  convention: null,
  ...extra,
});

function render(data: PageData, url = '/explocode', extra: Partial<PageState['ctx']> = {}): string {
  return renderToString(<App state={{ ...data, title: 't', status: 200, ctx: ctx(url, extra) } as PageState} />);
}

describe('server rendering', () => {
  it('renders the shell: skip links, header with service name, main landmark, footer', () => {
    const html = render({ page: 'home', stands: mockStands, progress: {} }, '/');
    expect(html).toContain('fr-skiplinks');
    expect(html).toContain('href="#contenu"');
    expect(html).toContain('Suite EIG');
    expect(html).toMatch(/République(<!-- -->)?<br\/>(<!-- -->)?Française/);
    expect(html).toContain('<main id="contenu"');
    expect(html).toContain('id="pied-de-page"');
  });

  it('home shows one stand per service with figures and an "Essayer" link', () => {
    const html = render({ page: 'home', stands: mockStands, progress: {} }, '/');
    expect(html).toContain('ExploCode');
    expect(html).toContain('11 545');
    expect(html).toMatch(/href="\/explocode"[^>]*>Essayer/);
  });

  it('a stand that is not ready says so, with progress', () => {
    const stands = [{ ...mockStands[0], ready: false, status: 'Premier import en cours', figures: [] }];
    const progress = { explocode: { ready: false, dataset: null, ingest: { state: 'running', done: 3, total: 6, message: 'Articles' }, counts: {} } };
    const html = render({ page: 'home', stands, progress }, '/');
    expect(html).toContain('En préparation');
    expect(html).toContain('Premier import en cours');
    expect(html).toContain('50 %');
    expect(html).not.toContain('>Essayer');
  });

  it('the search bar is a labelled combobox inside a GET form (works without JS)', () => {
    const html = render({ page: 'explocode.home', themes: [] });
    expect(html).toMatch(/<form[^>]*action="\/explocode\/recherche"[^>]*method="get"/);
    expect(html).toMatch(/role="combobox"/);
    expect(html).toMatch(/aria-expanded="false"/);
    expect(html).toMatch(/aria-controls="recherche-explocode-listbox"/);
    expect(html).toContain('role="listbox"');
    expect(html).toMatch(/<label class="fr-label" for="recherche-explocode"/);
  });

  it('results are grouped by type, with safe <mark> highlights and explanations', () => {
    const response = fixtures.searchFor('licenciement', undefined, undefined);
    response.results[0].title = '<script>alert(1)</script>';
    const html = render({
      page: 'explocode.search',
      params: { q: 'licenciement', type: null, theme: null, idcc: null, page: 1 },
      pageSize: 20,
      response,
      themeTitle: null,
    });
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&lt;script&gt;alert(1)');
    expect(html).toContain('<mark>licenciement</mark>');
    expect(html).toContain('Questions-réponses');
    expect(html).toContain('Articles du Code du travail');
    expect(html).toContain('Notions juridiques identifiées');
    expect(html).toContain('Pourquoi ce résultat ?');
    expect(html).toContain('« éco » → « économique »');
    // pagination: 57 results, 20 per page
    expect(html).toContain('fr-pagination');
  });

  it('article page: text, breadcrumb in the plan, neighbours, Légifrance, citing fiches', () => {
    const html = render({ page: 'explocode.article', data: fixtures.article }, '/explocode/article/L1234-9');
    expect(html).toContain('Article L1234-9');
    expect(html).toContain('indemnité de licenciement');
    expect(html).toContain('fr-breadcrumb');
    expect(html).toContain('Chapitre IV : Conséquences du licenciement');
    expect(html).toContain('href="/explocode/article/L1234-8"');
    expect(html).toContain('legifrance.gouv.fr');
    expect(html).toContain('href="/explocode/fiche/F2883"');
  });

  it('answer page puts the chosen convention first', () => {
    const html = render(
      { page: 'explocode.contribution', data: { contribution: fixtures.contribution, answer: fixtures.contribution.byConvention[0] }, idcc: '1486' },
      '/explocode/reponse/x',
    );
    expect(html.indexOf('trois mois')).toBeGreaterThan(0);
    expect(html.indexOf('trois mois')).toBeLessThan(html.indexOf('un mois'));
  });

  it('404 page', () => {
    const html = render({ page: 'not-found', message: 'L’article L9999-1 n’existe pas.' }, '/x');
    expect(html).toContain('Page non trouvée');
    expect(html).toContain('L’article L9999-1 n’existe pas.');
  });

  it('readiness alert while ExploCode ingests', () => {
    const html = render({ page: 'explocode.home', themes: [] }, '/explocode', {
      explocodeStatus: { ready: false, dataset: null, ingest: { state: 'running', done: 1, total: 4, message: 'Conventions' }, counts: {} },
    });
    expect(html).toContain('ExploCode prépare ses données');
    expect(html).toContain('25 %');
  });
});
