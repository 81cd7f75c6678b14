import { ServiceStatusIsland } from '@eig/web/ui/server';
import type { Shared } from './views.ts';

/** "ExploCode prépare ses données", live, while the first ingest or an update runs; nothing once ready. */
export function ExploStatus({ shared }: { shared: Shared }) {
  if (!shared.status) return null;
  return (
    <ServiceStatusIsland
      serviceId="explocode"
      title="ExploCode"
      status={shared.status}
      detail={
        shared.preparing
          ? 'Le premier import des textes (Code du travail, conventions collectives, fiches) est en cours. La recherche sera disponible à la fin de l’import.'
          : 'Une mise à jour des textes est en cours. Les résultats actuels restent disponibles.'
      }
    />
  );
}
