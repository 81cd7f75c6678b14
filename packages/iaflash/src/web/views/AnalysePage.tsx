import type { PropsOf } from '@eig/platform/web';
import { PageBreadcrumb } from '@eig/web/ui';
import type { PlateReadingOut } from '../../http/schemas.ts';
import type { views } from '../views.ts';
import { CheckBlock, HumanRule, PhotoWithBoxes, Styles, TopClasses } from './common.tsx';

/** Upload a photo (works without JavaScript), see the vehicle framed, its top 5, and the check against the registry. */
export function AnalysePage({ form, result, photo, error, maxMb }: PropsOf<typeof views.analyse>) {
  const main = result?.vehicles[0];
  return (
    <div className="fr-container fr-pb-6w">
      <Styles />
      <PageBreadcrumb segments={[{ label: 'IA Flash', href: '/iaflash' }]} current="Analyser une photo" />
      <h1>Analyser une photo</h1>
      <p>Envoyez une photo de radar et, si vous les avez, la plaque et la marque et le modèle inscrits au registre. Rien n’est conservé.</p>
      <HumanRule />
      <form method="post" action="/iaflash/analyser" encType="multipart/form-data" className="fr-mb-4w">
        <div className="fr-upload-group fr-mb-3w">
          <label className="fr-label" htmlFor="iaf-image">
            Photo (obligatoire)
            <span className="fr-hint-text">JPEG ou PNG, {maxMb} Mo au plus.</span>
          </label>
          <input className="fr-upload" type="file" id="iaf-image" name="image" accept="image/jpeg,image/png" required />
        </div>
        <div className="fr-input-group">
          <label className="fr-label" htmlFor="iaf-plate">
            Plaque du dossier
            <span className="fr-hint-text">
              Par exemple AB-123-CD ou 1234 AB 56 ; sans marque ni modèle, elle est cherchée dans le registre importé.
            </span>
          </label>
          <input className="fr-input" id="iaf-plate" name="plate" defaultValue={form.plate} maxLength={20} autoComplete="off" />
        </div>
        <div className="fr-upload-group fr-mb-3w">
          <label className="fr-label" htmlFor="iaf-plate-image">
            Image de la plaque (facultative)
            <span className="fr-hint-text">
              La plaque recadrée, JPEG ou PNG. Le lecteur la lit et signale un désaccord avec la plaque du dossier, qui fait toujours foi.
            </span>
          </label>
          <input className="fr-upload" type="file" id="iaf-plate-image" name="plateImage" accept="image/jpeg,image/png" />
        </div>
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-6">
            <div className="fr-input-group">
              <label className="fr-label" htmlFor="iaf-make">
                Marque au registre
                <span className="fr-hint-text">Telle qu’elle est écrite, par exemple « reneau ».</span>
              </label>
              <input className="fr-input" id="iaf-make" name="registeredMake" defaultValue={form.registeredMake} maxLength={100} />
            </div>
          </div>
          <div className="fr-col-12 fr-col-md-6">
            <div className="fr-input-group">
              <label className="fr-label" htmlFor="iaf-model">
                Modèle au registre
                <span className="fr-hint-text">Par exemple « clio RT ».</span>
              </label>
              <input className="fr-input" id="iaf-model" name="registeredModel" defaultValue={form.registeredModel} maxLength={100} />
            </div>
          </div>
        </div>
        <button className="fr-btn fr-mt-2w" type="submit">
          Analyser
        </button>
      </form>
      {error && (
        <div className="fr-alert fr-alert--error fr-mb-3w" role="alert">
          <h2 className="fr-alert__title">La photo n’a pas pu être analysée</h2>
          <p>{error}</p>
        </div>
      )}
      {result && (
        <section aria-labelledby="iaf-resultat">
          <h2 id="iaf-resultat">Résultat</h2>
          <p>Modèle utilisé : {result.model.name}.</p>
          {photo && result.image && <PhotoWithBoxes src={photo} image={result.image} vehicles={result.vehicles} caption="Photo analysée" />}
          {!main && <p>Aucun véhicule n’a été détecté sur la photo.</p>}
          {result.plate && (
            <p>
              Plaque : <strong>{result.plate.text}</strong> —{' '}
              {result.plate.format === 'SIV' ? 'format SIV' : result.plate.format === 'FNI' ? 'ancien format FNI' : 'format non reconnu'}
              {result.plate.format !== 'UNKNOWN' && !result.plate.valid && ' (lettres ou numéro non attribués)'}
              {result.plate.registryFound ? ' ; trouvée dans le registre importé.' : '.'}
            </p>
          )}
          {result.plateReading && <PlateReadingLine reading={result.plateReading} />}
          {main && (
            <TopClasses classes={main.classes} registered={result.check?.registered} caption="Marques et modèles les plus probables" />
          )}
          {result.check ? (
            <CheckBlock check={result.check} headingLevel={3} />
          ) : (
            <p>Sans marque ni modèle du registre, aucune vérification de cohérence n’est faite.</p>
          )}
        </section>
      )}
    </div>
  );
}

const AGREEMENT: Record<PlateReadingOut['agreement'], string> = {
  AGREES: 'identique à la plaque du dossier.',
  DISAGREES: 'différente de la plaque du dossier, qui fait foi (voir les raisons).',
  UNREADABLE: 'lecture trop incertaine pour être comparée à la plaque du dossier.',
  NO_CASE_PLATE: 'aucune plaque du dossier à laquelle la comparer.',
};

function PlateReadingLine({ reading }: { reading: PlateReadingOut }) {
  return (
    <p>
      Lu sur l’image de la plaque : <strong>{reading.text || '(rien)'}</strong> (confiance {Math.round(reading.confidence * 100)} %) —{' '}
      {AGREEMENT[reading.agreement]}
    </p>
  );
}
