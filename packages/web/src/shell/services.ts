/**
 * The suite's services as the shell knows them (navigation). A new service adds an entry here
 * and its pages under src/services/<id>/.
 */
export interface ServiceNavLink {
  text: string;
  href: string;
  /** path prefix(es) that make this link the current one */
  match: (path: string) => boolean;
}

export interface WebService {
  id: string;
  title: string;
  home: string;
  nav: ServiceNavLink[];
}

export const WEB_SERVICES: WebService[] = [
  {
    id: 'explocode',
    title: 'ExploCode',
    home: '/explocode',
    nav: [
      {
        text: 'Rechercher',
        href: '/explocode',
        match: (p) => p === '/explocode' || /^\/explocode\/(recherche|article|theme|fiche|reponse|contribution)\b/.test(p),
      },
      { text: 'Conventions collectives', href: '/explocode/conventions', match: (p) => p.startsWith('/explocode/convention') },
      { text: 'Comment ça marche ?', href: '/explocode/comment-ca-marche', match: (p) => p.startsWith('/explocode/comment-ca-marche') },
    ],
  },
];
