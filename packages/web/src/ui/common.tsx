import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';

export const frNumber = (x: number) => x.toLocaleString('fr-FR');

export function frDate(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  return d.toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** Link that opens another site in a new window, announced as such (RGAA 13.2). */
export function ExternalLink({ href, children, className }: { href: string; children: string; className?: string }) {
  return (
    <a href={href} className={className ?? 'fr-link'} target="_blank" rel="noopener noreferrer" title={`${children} — nouvelle fenêtre`}>
      {children}
    </a>
  );
}

export interface Crumb {
  label: string;
  href: string;
}

/** DSFR breadcrumb: suite home, then the given segments (the service's home first), then the current page. */
export function PageBreadcrumb({ segments, current }: { segments: Crumb[]; current: string }) {
  return (
    <Breadcrumb
      homeLinkProps={{ href: '/' }}
      segments={segments.map((s) => ({ label: s.label, linkProps: { href: s.href } }))}
      currentPageLabel={current}
    />
  );
}

export function RefList({ items, empty }: { items: { href: string; label: string; detail?: string }[]; empty?: string }) {
  if (items.length === 0) return empty ? <p className="fr-text--sm eig-muted">{empty}</p> : null;
  return (
    <ul className="eig-reflist">
      {items.map((i) => (
        <li key={i.href}>
          <a href={i.href}>{i.label}</a>
          {i.detail && <span className="fr-text--sm eig-muted"> — {i.detail}</span>}
        </li>
      ))}
    </ul>
  );
}
