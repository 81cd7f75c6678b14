import type { ReactNode } from 'react';
import { Header, type HeaderProps } from '@codegouvfr/react-dsfr/Header';
import { Footer } from '@codegouvfr/react-dsfr/Footer';
import { SkipLinks } from '@codegouvfr/react-dsfr/SkipLinks';
import type { ShellData } from './shell-data.ts';
import { usePage } from '../ui/page-context.ts';

export const MAIN_ID = 'contenu';
export const FOOTER_ID = 'pied-de-page';

const brandTop = (
  <>
    République
    <br />
    Française
  </>
);

/** Logged-in staff: a link to the administration, and logging out (a POST form, so that it works without JS). */
function accountItems(shell: ShellData): HeaderProps['quickAccessItems'] {
  if (!shell.user) return [];
  return [
    ...(shell.hasAdmin ? [{ iconId: 'fr-icon-settings-5-line' as const, text: 'Administration', linkProps: { href: '/admin' } }] : []),
    { iconId: 'fr-icon-account-circle-line' as const, text: 'Mon compte', linkProps: { href: '/compte' } },
    <form key="logout" method="post" action="/deconnexion" className="eig-logout">
      <button type="submit" className="fr-btn fr-icon-logout-box-r-line">
        Se déconnecter<span className="fr-sr-only"> ({shell.user.email})</span>
      </button>
    </form>,
  ];
}

/** Marks French passages when the page is in another language; adds nothing to a French page. */
function French({ pageLang, children }: { pageLang: string; children: ReactNode }) {
  return pageLang === 'fr' ? <>{children}</> : <div lang="fr">{children}</div>;
}

/** The suite's frame around every page: skip links, DSFR header and footer. Knows no service by name. */
export function Layout({ shell, children }: { shell: ShellData; children: ReactNode }) {
  // The suite's frame is in French: inside a page in another language, its passages say so (RGAA 8.7).
  const { lang } = usePage();
  const links = [{ label: 'Contenu', anchor: `#${MAIN_ID}` }, ...shell.skipLinks, { label: 'Pied de page', anchor: `#${FOOTER_ID}` }];
  return (
    <>
      <French pageLang={lang}>
        <SkipLinks links={links} />
        <Header
          brandTop={brandTop}
          // No display settings modal: the suite is styled for the light scheme only (no dark-mode CSS shipped).
          disableDisplay
          serviceTitle="Suite EIG"
          serviceTagline="Services numériques d’intérêt général"
          homeLinkProps={{ href: '/', title: 'Accueil — Suite EIG' }}
          navigation={shell.nav.map((n) => ({ text: n.text, linkProps: { href: n.href }, isActive: n.active }))}
          quickAccessItems={[
            ...shell.headerItems.map((i) => ({
              iconId: (i.iconId ?? 'fr-icon-arrow-right-line') as 'fr-icon-arrow-right-line',
              text: i.text,
              linkProps: { href: i.href },
            })),
            ...(accountItems(shell) ?? []),
          ]}
        />
      </French>
      <main id={MAIN_ID} tabIndex={-1} className="eig-main">
        {children}
      </main>
      <French pageLang={lang}>
        <Footer
          id={FOOTER_ID}
          brandTop={brandTop}
          homeLinkProps={{ href: '/', title: 'Accueil — Suite EIG' }}
          accessibility="non compliant"
          accessibilityLinkProps={{ href: '/accessibilite' }}
          contentDescription={
            <>
              La Suite EIG réunit des services numériques nés du programme « Entrepreneurs d’intérêt général » (promotion 3, 2019). Les
              informations fournies ne remplacent pas un conseil juridique personnalisé.
            </>
          }
          termsLinkProps={{ href: '/mentions-legales' }}
          bottomItems={[
            { text: 'Données personnelles', linkProps: { href: '/donnees-personnelles' } },
            { text: 'Gestion des cookies', linkProps: { href: '/gestion-des-cookies' } },
            ...shell.footerLinks.map((l) => ({ text: l.text, linkProps: { href: l.href } })),
          ]}
        />
      </French>
    </>
  );
}
