import type { PropsOf } from '@eig/platform/web';
import { PageBreadcrumb, frNumber } from '@eig/web/ui';
import type { views } from '../views.ts';
import { HumanRule, pct } from './common.tsx';

/** What IA Flash does, the rule that a human decides, how a decision is made and its measured error rates. */
export function HomePage({ viewer, model }: PropsOf<typeof views.home>) {
  const v = model.validation;
  const fa1 = v?.falseAlarm.find((f) => Math.abs(f.target - model.targetFalseAlarmRate) < 1e-9) ?? v?.falseAlarm[0];
  return (
    <div className="fr-container fr-pb-6w">
      <PageBreadcrumb segments={[]} current="IA Flash" />
      <h1>IA Flash : repérer les plaques doublées sur les photos des radars</h1>
      <p className="fr-text--lead">
        Chaque année, des milliers de propriétaires reçoivent un avis de contravention pour une infraction qu’ils n’ont pas commise, parce
        qu’un autre véhicule roulait avec une copie de leur plaque. Sur la photo du radar, IA Flash reconnaît la marque et le modèle du
        véhicule et les compare à ceux du fichier des immatriculations.
      </p>
      <HumanRule />
      <ul className="fr-btns-group fr-btns-group--inline-md fr-mb-4w">
        <li>
          <a className="fr-btn" href="/iaflash/analyser">
            Analyser une photo
          </a>
        </li>
        {viewer?.isAgent && (
          <>
            <li>
              <a className="fr-btn fr-btn--secondary" href="/iaflash/revue">
                Examiner les alertes
              </a>
            </li>
            <li>
              <a className="fr-btn fr-btn--secondary" href="/iaflash/lots">
                Vérifier un lot de dossiers
              </a>
            </li>
          </>
        )}
        <li>
          <a className="fr-btn fr-btn--tertiary" href="/iaflash/modele">
            Le modèle et ses mesures
          </a>
        </li>
      </ul>

      <h2>Comment la décision est prise</h2>
      <ol>
        <li>Le bandeau de texte du radar est retiré de la photo.</li>
        <li>Un détecteur repère les véhicules et retient le véhicule principal.</li>
        <li>
          Un réseau de neurones estime, pour chacun des {frNumber(model.classes)} modèles de véhicules qu’il a appris, la probabilité que ce
          véhicule soit de ce modèle. La liste présentée à l’agent compte chaque modèle comme s’il était aussi fréquent que les autres : un
          modèle peu photographié à l’entraînement n’y est pas désavantagé.
        </li>
        <li>La marque et le modèle du registre sont normalisés (fautes de frappe, variantes d’écriture).</li>
        <li>
          Le score est la probabilité estimée que le véhicule photographié ne soit pas celui du registre. Au-delà d’un seuil (
          {pct(model.threshold)}), le dossier est signalé « plaque doublée suspectée » à un agent, avec les raisons. Ce seuil est fixé pour
          ne pas dépasser {pct(model.targetFalseAlarmRate)} de fausses alertes, mesuré sur des photos que le modèle n’a pas vues.
        </li>
      </ol>
      <p>
        <strong>Quand il ne conclut pas.</strong> Si aucun véhicule n’est visible, si plusieurs véhicules occupent la photo, si le véhicule
        est trop petit, si le modèle du registre n’est pas reconnu ou ne fait pas partie des modèles appris, l’outil répond « indéterminé »
        et ne formule aucun avis.
      </p>
      <p>
        <strong>Lecture de la plaque.</strong> Quand le dossier fournit une image recadrée de la plaque, un lecteur la lit. La plaque du
        dossier fait toujours foi : si le lecteur lit avec assurance une autre plaque, l’agent en est averti, et la décision ne change pas.
        Ce lecteur est entraîné sur des plaques françaises dessinées par le projet. Sur 211 photos publiques de vraies plaques françaises,
        il en lit exactement six sur dix (131). Affiné sur des plaques réelles dont le texte est connu, il en lisait un peu plus de trois
        sur quatre (162 sur 211, chaque plaque lue par un lecteur qui ne l’avait pas vue). Même quand il est assuré, le lecteur livré se
        trompe environ une fois sur douze : c’est pourquoi sa lecture ne change jamais la décision, elle ne fait qu’avertir l’agent.
      </p>
      <h2>Erreurs mesurées</h2>
      {v ? (
        <ul>
          <li>
            Modèle reconnu du premier coup : {pct(v.top1)} des photos de validation ({frNumber(v.images)} photos) ; parmi les cinq premiers
            : {pct(v.top5)}.
          </li>
          {fa1 && (
            <li>
              Au seuil retenu : {pct(fa1.measuredFalseAlarm)} de fausses alertes mesurées, {pct(fa1.catchRate)} des plaques échangées
              (simulées) détectées.
            </li>
          )}
        </ul>
      ) : (
        <p>Ce modèle n’a pas de mesures de validation.</p>
      )}
      <p>
        Ces mesures dépendent des photos d’entraînement : un modèle rare ou peu photographié est moins bien reconnu. Le détail par modèle
        est sur la <a href="/iaflash/modele">page du modèle</a>.
      </p>
      <h2>Données personnelles</h2>
      <p>
        Les photos et les plaques sont des données personnelles. L’essai en ligne ne conserve rien. Les photos des dossiers vérifiés ne sont
        gardées que pendant la durée de conservation fixée par l’exploitant (et tant qu’une alerte est ouverte), puis effacées ; elles
        n’apparaissent dans aucun journal.
      </p>
    </div>
  );
}
