import type { ReactNode } from 'react';
export function NotFoundPage({ message }: { message: string }) {
  return (
    <div className="fr-container fr-py-8w">
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-md-8">
          <h1>Page non trouvée</h1>
          <p className="fr-text--sm fr-mb-3w">Erreur 404</p>
          <p className="fr-text--lead fr-mb-3w">{message}</p>
          <p className="fr-text--sm fr-mb-5w">
            Si vous avez tapé l’adresse dans votre navigateur, vérifiez qu’elle est correcte. La page n’est peut-être plus
            disponible.
          </p>
          <ul className="fr-btns-group fr-btns-group--inline-md">
            <li>
              <a className="fr-btn" href="/">
                Page d’accueil
              </a>
            </li>
            <li>
              <a className="fr-btn fr-btn--secondary" href="/explocode">
                Rechercher dans le droit du travail
              </a>
            </li>
          </ul>
        </div>
      </div>
    </div>
  );
}

export function UnavailablePage({ message, status }: { message: string; status?: ReactNode }) {
  return (
    <div className="fr-container fr-py-8w">
      {status}
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

export function AccessibilityPage() {
  return (
    <div className="fr-container fr-py-6w">
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-lg-8">
          <h1>Accessibilité</h1>
          <p className="fr-text--lead">Accessibilité : partiellement conforme.</p>
          <p>
            La Suite EIG s’engage à rendre ses services accessibles conformément à l’article 47 de la loi n° 2005-102 du
            11 février 2005. Elle utilise le Système de design de l’État (DSFR) et chaque page est vérifiée
            automatiquement (outil axe) à chaque modification. Aucun audit complet du référentiel RGAA 4.1 n’a encore été
            réalisé.
          </p>
          <h2>Ce qui a été fait</h2>
          <ul>
            <li>navigation complète au clavier, liens d’évitement, titres de page uniques ;</li>
            <li>barre de recherche conforme au modèle « combobox » WAI-ARIA, suggestions annoncées aux lecteurs d’écran ;</li>
            <li>pages utilisables sans JavaScript (formulaires classiques).</li>
          </ul>
          <h2>Signaler un problème</h2>
          <p>
            Si vous ne parvenez pas à accéder à un contenu ou à un service, vous pouvez contacter le Défenseur des droits
            (formulaire en ligne, téléphone 09 69 39 00 00 ou courrier : Défenseur des droits, Libre réponse 71120, 75342
            Paris CEDEX 07).
          </p>
        </div>
      </div>
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
