import type { PropsOf } from '@eig/platform/web';
import { PageBreadcrumb, frDate, frNumber } from '@eig/web/ui';
import type { views } from '../views.ts';
import { TrainingProgressIsland } from '../islands/index.ts';
import { NoticeAlert, pct } from './common.tsx';

/** The active model: classes, threshold, validation measures per class; training (administrators). */
export function ModelPage({ viewer, info, stats, notice, maxMb }: PropsOf<typeof views.model>) {
  const m = info.active;
  const v = m.validation;
  return (
    <div className="fr-container fr-pb-6w">
      <PageBreadcrumb segments={[{ label: 'IA Flash', href: '/iaflash' }]} current="Modèle" />
      <h1>Le modèle et ses mesures</h1>
      <NoticeAlert notice={notice} />
      <h2>Modèle actif</h2>
      <ul>
        <li>{m.name}</li>
        <li>
          {frNumber(m.classes)} modèles de véhicules appris
          {m.trainImages !== null && ` sur ${frNumber(m.trainImages)} photos`}
          {m.trainedAt && `, entraîné le ${frDate(m.trainedAt)}`}.
        </li>
        <li>
          Seuil d’alerte : {pct(m.threshold)} (fixé pour {pct(m.targetFalseAlarmRate)} de fausses alertes sur les photos de validation).
        </li>
      </ul>
      <h2>Lecteur de plaques</h2>
      <PlateReaderSummary reader={info.plateReader} />
      {v ? (
        <>
          <h2>Mesures de validation</h2>
          <p>
            Sur {frNumber(v.images)} photos que le modèle n’a pas vues pendant l’entraînement : modèle exact du premier coup {pct(v.top1)},
            parmi les cinq premiers {pct(v.top5)} ; erreur de calibration {v.ece.toLocaleString('fr-FR', { maximumFractionDigits: 3 })}.
          </p>
          <div className="fr-table">
            <table>
              <caption>Fausses alertes et plaques échangées détectées selon le seuil</caption>
              <thead>
                <tr>
                  <th scope="col">Fausses alertes visées</th>
                  <th scope="col">Seuil</th>
                  <th scope="col">Fausses alertes mesurées</th>
                  <th scope="col">Plaques échangées détectées</th>
                </tr>
              </thead>
              <tbody>
                {v.falseAlarm.map((f) => (
                  <tr key={f.target}>
                    <td>{pct(f.target)}</td>
                    <td>{pct(f.threshold)}</td>
                    <td>{pct(f.measuredFalseAlarm)}</td>
                    <td>{pct(f.catchRate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="fr-table">
            <table>
              <caption>Reconnaissance par modèle de véhicule (rappel sur la validation)</caption>
              <thead>
                <tr>
                  <th scope="col">Marque et modèle</th>
                  <th scope="col">Photos de validation</th>
                  <th scope="col">Reconnues</th>
                </tr>
              </thead>
              <tbody>
                {v.perClass.map((c) => (
                  <tr key={`${c.make} ${c.model}`}>
                    <td>
                      {c.make} {c.model}
                    </td>
                    <td>{frNumber(c.n)}</td>
                    <td>{pct(c.recall)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <p>Ce modèle n’a pas de mesures de validation.</p>
      )}
      {stats && stats.days.length > 0 && (
        <div className="fr-table">
          <table>
            <caption>Activité des 30 derniers jours</caption>
            <thead>
              <tr>
                <th scope="col">Jour</th>
                <th scope="col">Photos analysées</th>
                <th scope="col">Alertes</th>
                <th scope="col">Doutes confirmés</th>
                <th scope="col">Alertes écartées</th>
              </tr>
            </thead>
            <tbody>
              {stats.days.map((d) => (
                <tr key={d.day}>
                  <td>{frDate(d.day)}</td>
                  <td>{frNumber(d.analyses)}</td>
                  <td>{frNumber(d.mismatches)}</td>
                  <td>{frNumber(d.confirmed)}</td>
                  <td>{frNumber(d.dismissed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {stats && stats.classes.length > 0 && (
        <div className="fr-table">
          <table>
            <caption>Alertes par modèle inscrit au registre</caption>
            <thead>
              <tr>
                <th scope="col">Marque et modèle au registre</th>
                <th scope="col">Photos analysées</th>
                <th scope="col">Alertes</th>
                <th scope="col">Doutes confirmés</th>
              </tr>
            </thead>
            <tbody>
              {stats.classes.map((c) => (
                <tr key={`${c.make} ${c.model}`}>
                  <td>
                    {c.make} {c.model}
                  </td>
                  <td>{frNumber(c.analyses)}</td>
                  <td>{frNumber(c.mismatches)}</td>
                  <td>{frNumber(c.confirmed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {viewer?.isAdmin && (
        <>
          <h2>Entraîner un modèle</h2>
          {info.training ? (
            <TrainingProgressIsland training={info.training} />
          ) : (
            <form method="post" action="/iaflash/modele/entrainer" encType="multipart/form-data">
              <p>
                Le modèle apprend sur vos photos étiquetées (marque et modèle connus, par exemple joints au registre). Une partie des
                photos, par groupe, sert à mesurer le modèle et à fixer le seuil ; le nouveau modèle devient actif à la fin.
              </p>
              <div className="fr-upload-group fr-mb-3w">
                <label className="fr-label" htmlFor="iaf-train-photos">
                  Photos (archive .zip)
                  <span className="fr-hint-text">{maxMb} Mo au plus. L’archive peut contenir le fichier d’étiquettes.</span>
                </label>
                <input className="fr-upload" type="file" id="iaf-train-photos" name="photos" accept=".zip,application/zip" required />
              </div>
              <div className="fr-upload-group fr-mb-3w">
                <label className="fr-label" htmlFor="iaf-train-labels">
                  Étiquettes (CSV, facultatif si dans l’archive)
                  <span className="fr-hint-text">Colonnes file,make,model et, si possible, group (les photos d’un même véhicule).</span>
                </label>
                <input className="fr-upload" type="file" id="iaf-train-labels" name="labels" accept=".csv,text/csv" />
              </div>
              <div className="fr-input-group">
                <label className="fr-label" htmlFor="iaf-train-name">
                  Nom du modèle (facultatif)
                </label>
                <input className="fr-input" id="iaf-train-name" name="name" maxLength={200} />
              </div>
              <button className="fr-btn" type="submit">
                Lancer l’entraînement
              </button>
            </form>
          )}
          {info.models.length > 0 && (
            <div className="fr-table fr-mt-4w">
              <table>
                <caption>Modèles entraînés</caption>
                <thead>
                  <tr>
                    <th scope="col">Modèle</th>
                    <th scope="col">État</th>
                    <th scope="col">Top-1</th>
                    <th scope="col">Top-5</th>
                  </tr>
                </thead>
                <tbody>
                  {info.models.map((x) => (
                    <tr key={x.id}>
                      <td>
                        no {x.id} — {x.name}
                        {x.active && ' (actif)'}
                      </td>
                      <td>
                        {x.status === 'ready' ? 'Prêt' : x.status === 'training' ? 'En cours' : `Échec${x.error ? ` : ${x.error}` : ''}`}
                      </td>
                      <td>{pct(x.top1)}</td>
                      <td>{pct(x.top5)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </div>
  );
}

/** Which plate reader reads the case files' plate crops, and what its tuning measured. */
function PlateReaderSummary({ reader }: { reader: PropsOf<typeof views.model>['info']['plateReader'] }) {
  if (!reader.tunedAt)
    return (
      <p>
        Lecteur livré avec la suite, entraîné sur des plaques dessinées par le projet. Un administrateur peut l’affiner sur des images de
        plaques réelles étiquetées : <code>eig iaflash train-plates --labels plaques.csv</code>.
      </p>
    );
  const v = reader.validation;
  return (
    <p>
      Lecteur affiné le {frDate(reader.tunedAt)} sur {frNumber(reader.trainPlates ?? 0)} images de plaques réelles.{' '}
      {v
        ? `Sur ${frNumber(v.plates)} autres plaques, mises de côté : lues exactement ${pct(v.before)} avant, ${pct(v.after)} après.`
        : 'Trop peu de plaques pour en mettre de côté : aucune mesure.'}
    </p>
  );
}
