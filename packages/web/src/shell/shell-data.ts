/** What the shell (header, footer, skip links) shows around a view; computed on the server per request. */
export interface ShellData {
  /** Header navigation, with the current section marked. */
  nav: { text: string; href: string; active: boolean }[];
  /** Quick access items before the account items (e.g. a service's chosen agreement). */
  headerItems: { text: string; href: string; iconId?: string }[];
  user: { email: string; roles: string[] } | null;
  /** Staff with an administration page get an "Administration" link. */
  hasAdmin: boolean;
  footerLinks: { text: string; href: string }[];
  skipLinks: { label: string; anchor: string }[];
}
