/**
 * Tells the user a service is still preparing its data (first ingest), with progress. Refreshes
 * itself from the service's /status endpoint while not ready (client only).
 */
import { useEffect, useState } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import type { IngestProgress, StatusResponse } from '../services/explocode/api-types.ts';

export function percent(p: IngestProgress | null | undefined): number | null {
  if (!p || !p.total || p.total <= 0) return null;
  return Math.max(0, Math.min(100, Math.round((p.done / p.total) * 100)));
}

export function ProgressBar({ progress, label }: { progress: IngestProgress | null | undefined; label: string }) {
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

export function useLiveStatus(statusUrl: string, initial: StatusResponse | null | undefined, intervalMs = 4000) {
  const [status, setStatus] = useState(initial ?? null);
  useEffect(() => {
    if (!status || status.ready) return;
    const timer = setTimeout(() => {
      fetch(statusUrl, { headers: { accept: 'application/json' } })
        .then((r) => (r.ok ? (r.json() as Promise<StatusResponse>) : null))
        .then((s) => s && setStatus(s))
        .catch(() => undefined);
    }, intervalMs);
    return () => clearTimeout(timer);
  }, [status, statusUrl, intervalMs]);
  return status;
}

/** ExploCode readiness banner (nothing when ready). */
export function ExplocodeStatusAlert({ status: initial }: { status: StatusResponse | null | undefined }) {
  const status = useLiveStatus('/api/explocode/status', initial);
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
      title="ExploCode prépare ses données"
      description={
        <>
          <span className="fr-mb-1w" style={{ display: 'block' }}>
            {status.dataset
              ? 'Une mise à jour des textes est en cours. Les résultats actuels restent disponibles.'
              : 'Le premier import des textes (Code du travail, conventions collectives, fiches) est en cours. La recherche sera disponible à la fin de l’import.'}
          </span>
          <ProgressBar progress={status.ingest} label="Avancement de l’import des données" />
        </>
      }
    />
  );
}
