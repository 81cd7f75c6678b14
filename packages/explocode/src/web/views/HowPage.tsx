import type { ReactNode } from 'react';
import type { PropsOf } from '@eig/platform/web';
import type { views } from '../views.ts';
import { PageBreadcrumb } from '@eig/web/ui';
import { explocodePaths } from '../paths.ts';

const STEPS: { id: string; title: string; body: ReactNode }[] = [
  {
    id: 'numero',
    title: '1. Un numéro d’article ou de convention ? On y va directement',
    body: (
      <p>
        Si vous tapez un numéro d’article (par exemple « L1234-9 » ou « article R. 3243-1 »), ExploCode le reconnaît et vous emmène
        directement à cet article. De même, un numéro IDCC (« 1486 ») ou le nom d’une convention collective (« Syntec ») mène à la
        convention.
      </p>
    ),
  },
  {
    id: 'analyse',
    title: '2. Votre question est découpée en mots utiles',
    body: (
      <>
        <p>
          Les mots sont mis en minuscules, les accents sont ignorés et les mots très courants (« le », « mon », « peut-il »…) sont écartés.
          Chaque mot est ramené à sa racine : « licenciements », « licencié » et « licencier » sont considérés comme le même mot.
        </p>
        <p>Une faute de frappe légère est tolérée, et les débuts de mots sont complétés pendant la saisie.</p>
      </>
    ),
  },
  {
    id: 'synonymes',
    title: '3. Les mots de tous les jours sont traduits en termes juridiques',
    body: (
      <p>
        Vous dites « patron », la loi dit « employeur » ; vous dites « vacances », le Code dit « congés payés » ; « virer » correspond à «
        licenciement ». ExploCode utilise une liste de synonymes pour retrouver les textes écrits dans le vocabulaire juridique. Le détail
        de chaque résultat indique les synonymes utilisés.
      </p>
    ),
  },
  {
    id: 'themes',
    title: '4. Votre question est rattachée à des notions juridiques',
    body: (
      <p>
        Le Code du travail est organisé en parties, livres, titres et chapitres (par exemple « Licenciement pour motif économique »), et les
        fiches de service-public.fr ont leurs propres thèmes. ExploCode repère les thèmes qui correspondent le mieux à votre question : ils
        apparaissent dans l’encadré « Notions juridiques identifiées », et vous pouvez limiter la recherche à l’un d’eux.
      </p>
    ),
  },
  {
    id: 'citations',
    title: '5. Les fiches officielles servent de guide',
    body: (
      <p>
        Les fiches du ministère du Travail et de service-public.fr, rédigées en langage courant, citent les articles du Code sur lesquels
        elles s’appuient. ExploCode apprend de ces citations quels mots de la vie courante mènent à quels articles : un article peut ainsi
        être proposé même s’il n’emploie pas vos mots, parce qu’une fiche qui répond à votre question le cite. La mention « Cité par »
        l’indique.
      </p>
    ),
  },
  {
    id: 'classement',
    title: '6. Le classement',
    body: (
      <>
        <p>Chaque document reçoit une note qui tient compte :</p>
        <ul>
          <li>de la présence de vos mots, surtout des mots rares, dans le titre et dans le texte (méthode BM25) ;</li>
          <li>des mots trouvés dans le titre, qui comptent plus que ceux du texte ;</li>
          <li>de l’appartenance aux thèmes reconnus ;</li>
          <li>des associations apprises grâce aux fiches ;</li>
          <li>de votre convention collective, si vous l’avez indiquée : ses réponses spécifiques passent en premier.</li>
        </ul>
        <p>
          Les questions-réponses et les fiches, plus faciles à lire, sont légèrement favorisées ; les articles du Code restent la source qui
          fait foi.
        </p>
      </>
    ),
  },
  {
    id: 'limites',
    title: '7. Les limites',
    body: (
      <p>
        ExploCode ne remplace pas un conseil juridique. Les textes proviennent de Légifrance, du ministère du Travail et de
        service-public.fr ; la date de mise à jour des données figure sur la page d’accueil. En cas de doute, adressez-vous aux services de
        renseignement en droit du travail de votre département, à un syndicat ou à un avocat.
      </p>
    ),
  },
];

export function HowPage(_props: PropsOf<typeof views.how>) {
  return (
    <div className="fr-container fr-pb-6w">
      <PageBreadcrumb segments={[{ label: 'ExploCode', href: explocodePaths.home() }]} current="Comment ça marche ?" />
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-lg-8">
          <h1>Comment ExploCode trouve et classe les résultats</h1>
          <p className="fr-text--lead">
            Pas de boîte noire : voici, en quelques étapes, ce qui se passe entre votre question et la liste des réponses. Chaque résultat
            affiche aussi sa propre explication (« Pourquoi ce résultat ? »).
          </p>
          <nav className="fr-summary fr-mb-4w" aria-labelledby="sommaire-how">
            <h2 id="sommaire-how" className="fr-summary__title">
              Sommaire
            </h2>
            <ol className="fr-summary__list">
              {STEPS.map((s) => (
                <li key={s.id}>
                  <a className="fr-summary__link" href={`#${s.id}`}>
                    {s.title}
                  </a>
                </li>
              ))}
            </ol>
          </nav>
          {STEPS.map((s) => (
            <section key={s.id} aria-labelledby={s.id} className="fr-mb-4w">
              <h2 id={s.id} className="fr-h4">
                {s.title}
              </h2>
              {s.body}
            </section>
          ))}
          <p>
            <a className="fr-btn" href={explocodePaths.home()}>
              Poser ma question
            </a>
          </p>
        </div>
      </div>
    </div>
  );
}
