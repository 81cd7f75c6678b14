import { ServiceStatusIsland } from '../ui/status-island.ts';
import type { ServiceStatusView } from '../ui/status.tsx';

export function NotFoundPage({ message }: { message: string }) {
  return (
    <div className="fr-container fr-py-8w">
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-md-8">
          <h1>Page non trouvée</h1>
          <p className="fr-text--sm fr-mb-3w">Erreur 404</p>
          <p className="fr-text--lead fr-mb-3w">{message}</p>
          <p className="fr-text--sm fr-mb-5w">
            Si vous avez tapé l’adresse dans votre navigateur, vérifiez qu’elle est correcte. La page n’est peut-être plus disponible.
          </p>
          <ul className="fr-btns-group fr-btns-group--inline-md">
            <li>
              <a className="fr-btn" href="/">
                Page d’accueil
              </a>
            </li>
          </ul>
        </div>
      </div>
    </div>
  );
}

export function UnavailablePage({
  message,
  service,
}: {
  message: string;
  service: { id: string; title: string; status: ServiceStatusView | null } | null;
}) {
  return (
    <div className="fr-container fr-py-8w">
      {service && <ServiceStatusIsland serviceId={service.id} title={service.title} status={service.status} />}
      <h1>Service momentanément indisponible</h1>
      <p className="fr-text--lead">{message}</p>
      <p>
        <a className="fr-btn" href="">
          Réessayer
        </a>
      </p>
    </div>
  );
}

/** 403: logged in, but without the role the page needs. */
export function ForbiddenPage({ message }: { message: string }) {
  return (
    <div className="fr-container fr-py-8w">
      <h1>Accès refusé</h1>
      <p className="fr-text--sm fr-mb-3w">Erreur 403</p>
      <p className="fr-text--lead">{message}</p>
      <ul className="fr-btns-group fr-btns-group--inline-md">
        <li>
          <a className="fr-btn" href="/">
            Page d’accueil
          </a>
        </li>
        <li>
          <form method="post" action="/deconnexion">
            <button type="submit" className="fr-btn fr-btn--secondary">
              Changer de compte
            </button>
          </form>
        </li>
      </ul>
    </div>
  );
}

/** Any other error (400, 429...): its status and message. */
export function ErrorPage({ status, message }: { status: number; message: string }) {
  const title = status === 429 ? 'Trop de requêtes' : status >= 500 ? 'Erreur du service' : 'Requête invalide';
  return (
    <div className="fr-container fr-py-8w">
      <h1>{title}</h1>
      <p className="fr-text--sm fr-mb-3w">Erreur {status}</p>
      <p className="fr-text--lead">{message}</p>
      <p>
        <a className="fr-btn" href="/">
          Page d’accueil
        </a>
      </p>
    </div>
  );
}
