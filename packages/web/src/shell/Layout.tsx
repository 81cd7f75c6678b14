import type { ReactNode } from 'react';
import { Header, type HeaderProps } from '@codegouvfr/react-dsfr/Header';
import { Footer } from '@codegouvfr/react-dsfr/Footer';
import { SkipLinks } from '@codegouvfr/react-dsfr/SkipLinks';
import type { MainNavigationProps } from '@codegouvfr/react-dsfr/MainNavigation';
import type { PageContext } from '../app/state.ts';
import { WEB_SERVICES } from './services.ts';

export const MAIN_ID = 'contenu';
export const FOOTER_ID = 'pied-de-page';

/** Logged-in staff: a link to their administration page, and logging out (a POST form, so that it works without JS). */
function accountItems(ctx: PageContext): HeaderProps['quickAccessItems'] {
  if (!ctx.user) return [];
  return [
    ...(ctx.user.roles.includes('admin')
      ? [{ iconId: 'fr-icon-settings-5-line' as const, text: 'Administration', linkProps: { href: '/explocode/admin' } }]
      : []),
    <form key="logout" method="post" action="/deconnexion" className="eig-logout">
      <button type="submit" className="fr-btn fr-icon-logout-box-r-line">
        Se déconnecter<span className="fr-sr-only"> ({ctx.user.email})</span>
      </button>
    </form>,
  ];
}

function navigation(ctx: PageContext): MainNavigationProps.Item[] {
  const path = ctx.url.split('?')[0];
  const items: MainNavigationProps.Item[] = [{ text: 'Accueil', linkProps: { href: '/' }, isActive: path === '/' }];
  for (const s of WEB_SERVICES) {
    if (ctx.service === s.id) {
      // Inside a service: its own sections, prefixed with its name.
      for (const l of s.nav) {
        items.push({
          text: l.text === 'Rechercher' ? `${s.title} : rechercher` : l.text,
          linkProps: { href: l.href },
          isActive: l.match(path),
        });
      }
    } else {
      items.push({ text: s.title, linkProps: { href: s.home }, isActive: false });
    }
  }
  return items;
}

export function Layout({ ctx, children, searchTarget }: { ctx: PageContext; children: ReactNode; searchTarget?: string }) {
  const links = [
    { label: 'Contenu', anchor: `#${MAIN_ID}` },
    ...(searchTarget ? [{ label: 'Recherche', anchor: `#${searchTarget}` }] : []),
    { label: 'Pied de page', anchor: `#${FOOTER_ID}` },
  ];
  return (
    <>
      <SkipLinks links={links} />
      <Header
        brandTop={
          <>
            République
            <br />
            Française
          </>
        }
        serviceTitle="Suite EIG"
        serviceTagline="Services numériques d’intérêt général"
        homeLinkProps={{ href: '/', title: 'Accueil — Suite EIG' }}
        navigation={navigation(ctx)}
        quickAccessItems={[
          ...(ctx.service === 'explocode'
            ? [
                {
                  iconId: 'fr-icon-team-line' as const,
                  text: ctx.convention ? `Ma convention : IDCC ${ctx.convention.idcc}` : 'Choisir ma convention',
                  linkProps: {
                    href: ctx.convention ? `/explocode/convention/${ctx.convention.idcc}` : '/explocode/conventions',
                  },
                },
              ]
            : []),
          ...(accountItems(ctx) ?? []),
        ]}
      />
      <main id={MAIN_ID} tabIndex={-1} className="eig-main">
        {children}
      </main>
      <Footer
        id={FOOTER_ID}
        brandTop={
          <>
            République
            <br />
            Française
          </>
        }
        homeLinkProps={{ href: '/', title: 'Accueil — Suite EIG' }}
        accessibility="partially compliant"
        accessibilityLinkProps={{ href: '/accessibilite' }}
        contentDescription={
          <>
            La Suite EIG réunit des services numériques nés du programme « Entrepreneurs d’intérêt général »
            (promotion 3, 2019). ExploCode aide salariés, employeurs, représentants du personnel et agents publics à
            trouver les règles du droit du travail qui s’appliquent à leur situation. Les informations fournies
            ne remplacent pas un conseil juridique personnalisé.
          </>
        }
        bottomItems={[{ text: 'Comment fonctionne la recherche', linkProps: { href: '/explocode/comment-ca-marche' } }]}
      />
    </>
  );
}
