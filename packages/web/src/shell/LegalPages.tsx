/** The suite's statements: accessibility (RGAA), legal notice, personal data, cookies. */

/**
 * No RGAA audit (full grid, by people) has been conducted yet: the statement says so and, as the
 * DINUM's guidance requires without an audit, declares the suite non-compliant. When an audit is done,
 * set its date and its rate here, from the audit grid, and the footer's `accessibility` prop.
 */
const STATEMENT_DATE = '3 décembre 2026';

export function AccessibilityPage() {
  return (
    <div className="fr-container fr-py-6w">
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-lg-8">
          <h1>Déclaration d’accessibilité</h1>
          <p className="fr-text--lead">
            La Suite EIG est non conforme au référentiel général d’amélioration de l’accessibilité (RGAA 4.1.2) : aucun audit de conformité
            n’a encore été réalisé.
          </p>
          <p>
            L’équipe de la Suite EIG s’engage à rendre ses services accessibles conformément à l’article 47 de la loi n° 2005-102 du 11
            février 2005. Cette déclaration s’applique à l’ensemble des services de la suite.
          </p>
          <h2>État de conformité</h2>
          <p>
            Aucun audit selon la grille du RGAA n’a encore été conduit : le taux de conformité n’est donc pas connu. En attendant, chaque
            page des services est vérifiée automatiquement à chaque modification du code, dans un navigateur (Chromium) : outil axe sans
            aucune anomalie tolérée, parcours au clavier, langue et sens de lecture (pages en arabe, persan et pachto). Ces vérifications
            automatiques ne couvrent qu’une partie des critères ; un audit complet est prévu.
          </p>
          <h2>Contenus non accessibles</h2>
          <h3>Non-conformités connues</h3>
          <ul>
            <li>
              critère 8.7 : certains textes juridiques repris des sources officielles contiennent des passages en langue étrangère (latin,
              anglais) dont la langue n’est pas indiquée ;
            </li>
            <li>critère 5.4 : quelques tableaux des textes officiels n’ont pas de titre (source Légifrance) ;</li>
            <li>critère 10.7 : la prise de focus n’est pas toujours visible dans les contenus HTML repris des sources ;</li>
            <li>critère 12.6 : sur petit écran, certaines zones de regroupement ne sont pas atteignables par un lien d’évitement.</li>
          </ul>
          <h3>Contenus non soumis à l’obligation d’accessibilité</h3>
          <ul>
            <li>documents tiers accessibles par lien (Légifrance, service-public.fr, code.travail.gouv.fr).</li>
          </ul>
          <h2>Établissement de cette déclaration</h2>
          <p>Cette déclaration a été établie le {STATEMENT_DATE}.</p>
          <h3>Technologies utilisées</h3>
          <ul>
            <li>
              HTML5, CSS (Système de design de l’État), JavaScript (uniquement pour les compléments interactifs : les pages fonctionnent
              sans).
            </li>
          </ul>
          <h3>Environnements de test</h3>
          <ul>
            <li>Chromium récent, sans lecteur d’écran (tests automatisés : axe, navigation au clavier).</li>
          </ul>
          <h2>Retour d’information et contact</h2>
          <p>
            Si vous ne parvenez pas à accéder à un contenu ou à un service, vous pouvez contacter l’équipe de la Suite EIG à l’adresse{' '}
            <a href="mailto:accessibilite@suite-eig.beta.gouv.fr">accessibilite@suite-eig.beta.gouv.fr</a> pour être orienté vers une
            alternative accessible ou obtenir le contenu sous une autre forme.
          </p>
          <h2>Voies de recours</h2>
          <p>
            Si vous constatez un défaut d’accessibilité vous empêchant d’accéder à un contenu ou à une fonctionnalité, que vous nous l’avez
            signalé et que vous n’avez pas obtenu de réponse satisfaisante, vous pouvez saisir le Défenseur des droits : formulaire en
            ligne, téléphone 09 69 39 00 00, ou courrier gratuit sans affranchissement à Défenseur des droits, Libre réponse 71120, 75342
            Paris CEDEX 07.
          </p>
        </div>
      </div>
    </div>
  );
}

function LegalNotice() {
  return (
    <>
      <h1>Mentions légales</h1>
      <h2>Éditeur</h2>
      <p>
        La Suite EIG est éditée par l’équipe des services issus du programme « Entrepreneurs d’intérêt général » (promotion 3, 2019).
        Directeur de la publication : le responsable de la Suite EIG.
      </p>
      <h2>Hébergement</h2>
      <p>
        Le service est hébergé par l’administration qui le déploie, sur des serveurs situés en France. Ses coordonnées figurent sur la page
        d’accueil de l’instance.
      </p>
      <h2>Code source et réutilisation</h2>
      <p>
        Le code source est public. Les contenus juridiques proviennent de sources publiques (Légifrance, ministère du Travail,
        service-public.fr, décisions de justice en open data) sous Licence Ouverte / Etalab 2.0.
      </p>
      <h2>Responsabilité</h2>
      <p>
        Les informations fournies ont une valeur indicative et ne remplacent pas un conseil juridique personnalisé, ni une décision de
        l’administration. Les algorithmes de la suite aident des agents ; ils ne décident jamais seuls.
      </p>
    </>
  );
}

function PersonalData() {
  return (
    <>
      <h1>Données personnelles</h1>
      <p>
        Le public utilise les services sans compte. Les recherches ne sont pas rattachées à une personne : les journaux techniques ne
        contiennent ni le texte des recherches, ni l’adresse IP complète, ni le contenu des documents traités (décisions de justice,
        photographies).
      </p>
      <h2>Comptes des agents</h2>
      <p>
        Les comptes des agents (adresse électronique, rôles, empreinte du mot de passe, second facteur) servent uniquement à
        l’authentification et à la traçabilité des actions (journal d’audit). Ils sont supprimés à la demande de l’administration
        employeuse.
      </p>
      <h2>Documents traités</h2>
      <p>
        Les décisions de justice et les photographies de contrôle sont des données personnelles : elles ne sont conservées que le temps du
        traitement, selon la durée de conservation fixée par l’administration qui déploie le service.
      </p>
      <h2>Vos droits</h2>
      <p>
        Vous disposez d’un droit d’accès, de rectification, d’opposition et d’effacement (règlement général sur la protection des données,
        loi Informatique et libertés). Pour l’exercer, écrivez au délégué à la protection des données de l’administration qui déploie le
        service. Vous pouvez aussi saisir la CNIL.
      </p>
    </>
  );
}

function Cookies() {
  return (
    <>
      <h1>Gestion des cookies</h1>
      <p>La Suite EIG ne dépose aucun cookie de mesure d’audience ni de publicité : aucun consentement n’est donc demandé.</p>
      <p>Seuls des cookies strictement nécessaires au fonctionnement sont utilisés :</p>
      <ul>
        <li>le cookie de session des agents connectés (12 heures au plus) ;</li>
        <li>un cookie qui retient un choix que vous faites, par exemple votre convention collective (un an).</li>
      </ul>
      <p>Vous pouvez les supprimer à tout moment dans les réglages de votre navigateur.</p>
    </>
  );
}

export function LegalPage({ page }: { page: 'mentions' | 'donnees' | 'cookies' }) {
  return (
    <div className="fr-container fr-py-6w">
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-lg-8">
          {page === 'mentions' ? <LegalNotice /> : page === 'donnees' ? <PersonalData /> : <Cookies />}
        </div>
      </div>
    </div>
  );
}
