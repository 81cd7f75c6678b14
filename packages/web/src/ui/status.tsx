/**
 * Readiness of a service (first ingest, model load...), with progress: refreshed from the service's
 * `/api/<id>/status` while it is not ready. Used as an island.
 */
import { useEffect, useState } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';

import type { Progress, ServiceStatusView } from './status-types.ts';

export type { Progress, ServiceStatusView } from './status-types.ts';

export function percent(p: Progress | null | undefined): number | null {
  if (!p || !p.total || p.total <= 0) return null;
  return Math.max(0, Math.min(100, Math.round((p.done / p.total) * 100)));
}

export function ProgressBar({ progress, label }: { progress: Progress | null | undefined; label: string }) {
  const pct = percent(progress);
  return (
    <div className="eig-progress">
      <progress className="eig-progress__bar" aria-label={label} max={100} value={pct ?? undefined} />
      <p className="fr-text--sm fr-mb-0">
        {pct !== null ? `${pct} % — ` : ''}
        {progress?.message || 'Préparation en cours…'}
      </p>
    </div>
  );
}

export function useLiveStatus(serviceId: string, initial: ServiceStatusView | null, intervalMs = 4000) {
  const [status, setStatus] = useState(initial);
  useEffect(() => {
    if (!status || status.ready) return;
    const timer = setTimeout(() => {
      fetch(`/api/${encodeURIComponent(serviceId)}/status`, { headers: { accept: 'application/json' } })
        .then((r) => (r.ok ? (r.json() as Promise<ServiceStatusView>) : null))
        .then((s) => s && setStatus(s))
        .catch(() => undefined);
    }, intervalMs);
    return () => clearTimeout(timer);
  }, [status, serviceId, intervalMs]);
  return status;
}

export interface ServiceStatusAlertProps {
  serviceId: string;
  title: string;
  status: ServiceStatusView | null;
  /** What the visitor can still do meanwhile ("Les résultats actuels restent disponibles."). */
  detail?: string;
}

/** "<Service> prépare ses données", with live progress; a success notice with a reload link once ready. */
export function ServiceStatusAlert({ serviceId, title, status: initial, detail }: ServiceStatusAlertProps) {
  const status = useLiveStatus(serviceId, initial);
  const [wasNotReady] = useState(() => !!initial && !initial.ready);
  if (!status) return null;
  if (status.ready) {
    return wasNotReady ? (
      <Alert
        className="fr-mb-4w"
        severity="success"
        small
        description={
          <>
            Les données sont prêtes. <a href="">Recharger la page</a>
          </>
        }
      />
    ) : null;
  }
  return (
    <Alert
      className="fr-mb-4w"
      severity="info"
      title={`${title} prépare ses données`}
      description={
        <>
          <span className="fr-mb-1w" style={{ display: 'block' }}>
            {detail ?? status.message ?? 'Le service sera disponible dans quelques instants.'}
          </span>
          <ProgressBar progress={status.progress} label={`Avancement de la préparation de ${title}`} />
        </>
      }
    />
  );
}
