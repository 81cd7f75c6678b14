import { describe, expect, it } from 'vitest';
import { renderToString } from 'react-dom/server';
import type { Stand } from '@eig/platform';
import { Layout } from './Layout.tsx';
import { HomePage } from './Home.tsx';
import { NotFoundPage, UnavailablePage } from './ErrorPages.tsx';
import { LoginPage } from './LoginPage.tsx';
import type { ShellData } from './shell-data.ts';
import { IslandCounterContext } from '../ui/island.tsx';
import { PageInfoContext, type PageInfo } from '../ui/page-context.ts';

const shell: ShellData = {
  nav: [
    { text: 'Accueil', href: '/', active: true },
    { text: 'Démo', href: '/demo', active: false },
  ],
  headerItems: [],
  user: null,
  hasAdmin: false,
  footerLinks: [{ text: 'Comment ça marche', href: '/demo/comment' }],
  skipLinks: [],
};
const page: PageInfo = { url: '/', path: '/', user: null, lang: 'fr', dir: 'ltr', serviceId: null };

function render(node: React.ReactNode, s: ShellData = shell, p: PageInfo = page): string {
  return renderToString(
    <PageInfoContext.Provider value={p}>
      <IslandCounterContext.Provider value={{ next: 0 }}>
        <Layout shell={s}>{node}</Layout>
      </IslandCounterContext.Provider>
    </PageInfoContext.Provider>,
  );
}

const stand: Stand = {
  id: 'demo',
  title: 'Démo',
  tagline: 'Un service',
  description: 'Décrit le service.',
  audience: 'Tout le monde',
  href: '/demo',
  figures: [{ label: 'documents', value: '11 545' }],
  ready: true,
};

describe('server rendering of the shell', () => {
  it('renders skip links, the header with the services, main landmark, footer with the statements', () => {
    const html = render(<p>contenu</p>);
    expect(html).toContain('fr-skiplinks');
    expect(html).toContain('href="#contenu"');
    expect(html).toMatch(/République(<!-- -->)?<br\/>(<!-- -->)?Française/);
    expect(html).toContain('<main id="contenu"');
    expect(html).toContain('id="pied-de-page"');
    expect(html).toContain('href="/demo"');
    for (const href of ['/accessibilite', '/mentions-legales', '/donnees-personnelles', '/gestion-des-cookies', '/demo/comment']) {
      expect(html).toContain(`href="${href}"`);
    }
  });

  it('marks the French frame (header, footer, skip links) inside a page in another language, and only then', () => {
    const ar = render(<p>مرحبا</p>, shell, { ...page, lang: 'ar', dir: 'rtl' });
    expect(ar.match(/<div lang="fr">/g)).toHaveLength(2);
    expect(ar).toMatch(/<div lang="fr">.*fr-skiplinks.*fr-header/s);
    expect(ar).toMatch(/<div lang="fr"><footer/);
    expect(render(<p>Bonjour</p>)).not.toContain('lang="fr"');
  });
  it('offers staff their administration, account and logging out (a POST form)', () => {
    const html = render(<p />, { ...shell, user: { email: 'a@b.fr', roles: ['admin'] }, hasAdmin: true });
    expect(html).toContain('href="/admin"');
    expect(html).toMatch(/<form[^>]*action="\/deconnexion"[^>]*method="post"/);
  });

  it('home shows one stand per service with figures and an "Essayer" link', () => {
    const html = render(<HomePage stands={[stand]} statuses={{}} />);
    expect(html).toContain('11 545');
    expect(html).toMatch(/href="\/demo"[^>]*>Essayer/);
    expect(html).not.toContain('data-eig-island');
  });

  it('a stand that is not ready says so, with live progress (an island)', () => {
    const html = render(
      <HomePage
        stands={[{ ...stand, ready: false, status: 'Premier import en cours', figures: [] }]}
        statuses={{ demo: { ready: false, message: 'import', progress: { done: 3, total: 6, message: 'Articles' } } }}
      />,
    );
    expect(html).toContain('En préparation');
    expect(html).toContain('Premier import en cours');
    expect(html).toContain('50 %');
    expect(html).not.toContain('>Essayer');
    expect(html).toContain('data-eig-island="web.stand-progress"');
  });

  it('404 and unavailable pages', () => {
    const html = render(<NotFoundPage message="L’article L9999-1 n’existe pas." />);
    expect(html).toContain('Page non trouvée');
    expect(html).toContain('L’article L9999-1 n’existe pas.');
    const busy = render(
      <UnavailablePage
        message="Réessayez."
        service={{ id: 'demo', title: 'Démo', status: { ready: false, message: null, progress: { done: 1, total: 4, message: 'x' } } }}
      />,
    );
    expect(busy).toContain('Démo prépare ses données');
    expect(busy).toContain('25 %');
  });

  it('login page: a labelled form that works without JavaScript, with its error', () => {
    const html = render(<LoginPage returnTo="/admin" email="a@b.fr" error="Mot de passe incorrect." step="password" />);
    expect(html).toMatch(/<form[^>]*action="\/connexion"[^>]*method="post"/);
    expect(html).toContain('name="retour" value="/admin"');
    expect(html).toContain('Mot de passe incorrect.');
  });
});
