/**
 * The server half of the front-end contract: a service's pages are Fastify routes whose handler
 * returns a PageOutcome (a view to render with its props, or a redirect). The React half (views and
 * islands) lives in the service's `src/web/` and is bundled by the web package; the two meet on a
 * view key, typed through a ViewRef so that loaders and components agree on the props.
 */
import type { PageHandlerArgs } from '../service.ts';

/** Names a view and the props it renders; shared by the page loader (server) and the component. */
export interface ViewRef<Props> {
  readonly key: string;
  /** Never set: carries the props type. */
  readonly __props?: Props;
}

export function defineView<Props>(key: string): ViewRef<Props> {
  return { key };
}

export type PropsOf<V> = V extends ViewRef<infer P> ? P : never;

/** An alternate language version of a page (hreflang). */
export interface PageAlternate {
  lang: string;
  href: string;
}

export interface ViewOutcome {
  kind: 'view';
  view: string;
  props: unknown;
  /** Document title, without the suite's name (added by the shell). */
  title: string;
  status?: number;
  /** Language and direction of the page (default fr, ltr). */
  lang?: string;
  dir?: 'ltr' | 'rtl';
  alternates?: PageAlternate[];
  /** A short description for search engines. */
  description?: string;
  /** Extra skip links, after "Contenu" (e.g. `{ label: 'Recherche', anchor: '#recherche' }`). */
  skipLinks?: { label: string; anchor: string }[];
}

export interface RedirectOutcome {
  kind: 'redirect';
  /** A local path: checked by the web host, which never redirects to another site. */
  location: string;
  status?: 301 | 302 | 303;
}

export type PageOutcome = ViewOutcome | RedirectOutcome;

export function view<Props>(ref: ViewRef<Props>, props: Props, meta: Omit<ViewOutcome, 'kind' | 'view' | 'props'>): ViewOutcome {
  return { kind: 'view', view: ref.key, props, ...meta };
}

export function redirect(location: string, status: RedirectOutcome['status'] = 303): RedirectOutcome {
  return { kind: 'redirect', location, status };
}

/**
 * A page of a service. Throw the platform's HttpError from `load` for error pages: 404 shows the
 * not-found page with its message, 401 sends the visitor to the login page and back, 403 the
 * forbidden page, 503 the unavailable page with the service's status.
 */
export interface PageDefinition<Settings = unknown> {
  method?: 'GET' | 'POST';
  /** A Fastify route path: `/annuaire/fiche/:id`. */
  path: string;
  /** POST pages: the largest urlencoded body accepted (default 16 KiB). */
  bodyLimit?: number;
  load(args: PageHandlerArgs<Settings>): Promise<PageOutcome> | PageOutcome;
}

export function definePage<Settings>(page: PageDefinition<Settings>): PageDefinition<Settings> {
  return page;
}
