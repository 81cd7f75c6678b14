import type { Stand } from '@eig/platform';
import { ProgressBar, useLiveStatus, type ServiceStatusView } from '../ui/status.tsx';

/** A stand's preparation progress, refreshed live until the service is ready (an island). */
export function StandProgress({ stand, initial }: { stand: Stand; initial: ServiceStatusView | null }) {
  const status = useLiveStatus(stand.id, initial);
  if (status?.ready) {
    return (
      <p className="fr-text--sm">
        Le service est prêt. <a href={stand.href}>Ouvrir {stand.title}</a>
      </p>
    );
  }
  return (
    <div className="fr-mb-2w">
      <p className="fr-text--sm fr-mb-1w">{stand.status || 'Le service prépare ses données.'}</p>
      {status?.progress && <ProgressBar progress={status.progress} label={`Avancement de la préparation de ${stand.title}`} />}
    </div>
  );
}
