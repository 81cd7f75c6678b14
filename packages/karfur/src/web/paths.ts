/** Front-end URLs of Karfu'R (one place: pages, API results, the sitemap, the service worker). Browser-safe. */
const enc = encodeURIComponent;

export const LANG_COOKIE = 'karfur_lang';
/** Interface language of the staff pages, chosen there (`?lang=`); separate so that previewing a public page in another language does not switch the staff screens. */
export const STAFF_LANG_COOKIE = 'karfur_staff_lang';
export const JOURNEY_COOKIE = 'karfur_parcours';
export const FAVOURITES_COOKIE = 'karfur_favoris';
export const SEARCH_PAGE_SIZE = 20;

export interface SearchUrlParams {
  q?: string;
  theme?: string | null;
  need?: string | null;
  lieu?: string | null;
  age?: number | null;
  niveau?: string | null;
  statut?: string | null;
  type?: string | null;
  page?: number;
}

export const karfurPaths = {
  root: () => '/karfur',
  home: (lang: string) => `/karfur/${lang}`,
  theme: (lang: string, id: string) => `/karfur/${lang}/themes/${enc(id)}`,
  need: (lang: string, id: string) => `/karfur/${lang}/besoins/${enc(id)}`,
  fiche: (lang: string, id: string) => `/karfur/${lang}/fiches/${enc(id)}`,
  search(lang: string, p: SearchUrlParams = {}): string {
    const sp = new URLSearchParams();
    if (p.q) sp.set('q', p.q);
    for (const k of ['theme', 'need', 'lieu', 'niveau', 'statut', 'type'] as const) if (p[k]) sp.set(k, String(p[k]));
    if (p.age !== null && p.age !== undefined) sp.set('age', String(p.age));
    if (p.page && p.page > 1) sp.set('page', String(p.page));
    const qs = sp.toString();
    return `/karfur/${lang}/recherche${qs ? `?${qs}` : ''}`;
  },
  structures: (lang: string, p: { lieu?: string | null; besoin?: string | null } = {}) => {
    const sp = new URLSearchParams();
    if (p.lieu) sp.set('lieu', p.lieu);
    if (p.besoin) sp.set('besoin', p.besoin);
    const qs = sp.toString();
    return `/karfur/${lang}/annuaire${qs ? `?${qs}` : ''}`;
  },
  structure: (lang: string, id: string) => `/karfur/${lang}/annuaire/${enc(id)}`,
  journey: (lang: string) => `/karfur/${lang}/parcours`,
  journeyAction: (lang: string) => `/karfur/${lang}/parcours/modifier`,
  sharedJourney: (lang: string, token: string) => `/karfur/${lang}/parcours/${enc(token)}`,
  favourites: (lang: string) => `/karfur/${lang}/favoris`,
  favouriteAction: (lang: string) => `/karfur/${lang}/favoris/modifier`,
  offline: (lang: string) => `/karfur/${lang}/hors-ligne`,
  about: (lang: string) => `/karfur/${lang}/a-propos`,
  qr: (path: string) => `/api/karfur/qr.svg?path=${enc(path)}`,
  // staff (interface language: `?lang=`, then the karfur_staff_lang cookie, else French)
  contribute: () => '/karfur/contribuer',
  translations: (lang?: string) => `/karfur/contribuer/traductions${lang ? `?langue=${enc(lang)}` : ''}`,
  translate: (fiche: string, lang: string) => `/karfur/contribuer/traductions/${enc(fiche)}/${enc(lang)}`,
  editFiche: (id: string) => `/karfur/contribuer/fiches/${enc(id)}`,
  newFiche: () => '/karfur/contribuer/fiches/nouvelle',
  moderation: () => '/karfur/contribuer/moderation',
  freshness: () => '/karfur/contribuer/fraicheur',
  audit: () => '/karfur/contribuer/journal',
  admin: () => '/karfur/admin',
};
