import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { frPercent } from '../../core/percent.ts';
import type { CheckOut, DecisionValue, FlagStatus, Registered } from '../../http/schemas.ts';
import type { Notice } from '../views.ts';

export const DECISION_LABELS: Record<DecisionValue, string> = {
  CONSISTENT: 'Cohérent avec le registre',
  MISMATCH: 'Plaque doublée suspectée',
  UNDETERMINED: 'Indéterminé',
};
const DECISION_SEVERITY: Record<DecisionValue, 'success' | 'error' | 'info'> = {
  CONSISTENT: 'success',
  MISMATCH: 'error',
  UNDETERMINED: 'info',
};

export const FLAG_LABELS: Record<FlagStatus, string> = { open: 'À examiner', confirmed: 'Doute confirmé', dismissed: 'Écartée' };
const FLAG_SEVERITY: Record<FlagStatus, 'new' | 'warning' | 'success'> = { open: 'new', confirmed: 'warning', dismissed: 'success' };

/** The decision as a DSFR badge: its words carry the meaning, the colour only repeats it. */
export function DecisionBadge({ decision }: { decision: DecisionValue }) {
  return (
    <Badge severity={DECISION_SEVERITY[decision]} small noIcon as="span">
      {DECISION_LABELS[decision]}
    </Badge>
  );
}

export function FlagBadge({ status }: { status: FlagStatus }) {
  return (
    <Badge severity={FLAG_SEVERITY[status]} small noIcon as="span">
      {FLAG_LABELS[status]}
    </Badge>
  );
}

export function NoticeAlert({ notice }: { notice: Notice | null }) {
  if (!notice) return null;
  return (
    <div className={`fr-alert fr-alert--${notice.severity} fr-alert--sm fr-mb-3w`} role={notice.severity === 'error' ? 'alert' : 'status'}>
      <p>{notice.text}</p>
    </div>
  );
}

export const pct = frPercent;
export const regText = (r: Registered | null | undefined) =>
  r
    ? r.status === 'OK'
      ? `${r.make} ${r.model}`
      : `${[r.make, r.model].filter((x) => x && x !== 'UNDETERMINED').join(' ') || '?'} (non reconnu)`
    : '—';

/** The rule, said on every page where a decision appears. */
export function HumanRule() {
  return (
    <div className="fr-callout fr-mb-4w">
      <p className="fr-callout__text">
        L’outil ne décide jamais seul : une alerte est toujours examinée par un agent, qui confirme ou écarte le doute. Aucun avis de
        contravention n’est envoyé ni annulé automatiquement.
      </p>
    </div>
  );
}

interface Vehicle {
  box: number[];
  label: string;
  score: number;
}

const LABEL_FR: Record<string, string> = { car: 'voiture', truck: 'camionnette ou camion', bus: 'bus' };

/**
 * The photo with the detected vehicles framed (the main one in yellow, others in blue, dashed):
 * an SVG over the image, so that it needs no script. Boxes are in the photo's own pixels.
 */
export function PhotoWithBoxes({
  src,
  image,
  vehicles,
  caption,
}: {
  src: string;
  image: { width: number; height: number };
  vehicles: Vehicle[];
  caption: string;
}) {
  const stroke = Math.max(2, Math.round(image.width / 250));
  // A tall photo is narrowed to 70 % of the viewport's height rather than letterboxed in a full-width box.
  const width = `min(100%, calc(70vh * ${(image.width / image.height).toFixed(4)}))`;
  return (
    <figure className="fr-content-media fr-mt-0 iaf-photo">
      <svg viewBox={`0 0 ${image.width} ${image.height}`} role="img" aria-label={caption} className="iaf-photo__svg" style={{ width }}>
        <image href={src} x={0} y={0} width={image.width} height={image.height} preserveAspectRatio="none" />
        {vehicles.map((v, i) => (
          <rect
            key={i}
            x={v.box[0]}
            y={v.box[1]}
            width={Math.max(1, v.box[2] - v.box[0])}
            height={Math.max(1, v.box[3] - v.box[1])}
            fill="none"
            stroke={i === 0 ? '#ffe552' : '#6a6af4'}
            strokeWidth={stroke}
            strokeDasharray={i === 0 ? undefined : `${stroke * 4} ${stroke * 2}`}
          />
        ))}
      </svg>
      <figcaption className="fr-content-media__caption">
        {caption}
        {vehicles.length > 0 &&
          ` — ${vehicles.length} véhicule(s) détecté(s) ; le véhicule principal (${LABEL_FR[vehicles[0].label] ?? vehicles[0].label}, confiance ${pct(vehicles[0].score)}) est encadré en jaune${vehicles.length > 1 ? ', les autres en pointillés bleus' : ''}.`}
      </figcaption>
    </figure>
  );
}

export function TopClasses({
  classes,
  registered,
  caption,
}: {
  classes: { make: string; model: string; prob: number }[];
  registered?: Registered | null;
  caption: string;
}) {
  if (!classes.length) return <p>Le véhicule n’a pas pu être reconnu.</p>;
  return (
    <div className="fr-table fr-table--no-caption fr-mb-3w">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Rang</th>
            <th scope="col">Marque et modèle</th>
            <th scope="col">Probabilité</th>
          </tr>
        </thead>
        <tbody>
          {classes.map((c, i) => {
            const same = registered?.status === 'OK' && registered.make === c.make && registered.model === c.model;
            return (
              <tr key={i}>
                <td>{i + 1}</td>
                <td>
                  {c.make} {c.model}
                  {same && <strong> (modèle du registre)</strong>}
                </td>
                <td>{pct(c.prob)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function CheckBlock({ check, headingLevel = 2 }: { check: CheckOut; headingLevel?: 2 | 3 }) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section aria-labelledby="iaf-decision" className="fr-mb-3w">
      <H id="iaf-decision">
        Décision : <DecisionBadge decision={check.decision} />
      </H>
      <p>
        Registre : <strong>{regText(check.registered)}</strong>
        {check.score !== null && (
          <>
            {' '}
            — probabilité estimée que le véhicule ne soit pas celui du registre : <strong>{pct(check.score)}</strong>
          </>
        )}
      </p>
      <H className="fr-h6" id="iaf-raisons">
        Raisons
      </H>
      <ul aria-labelledby="iaf-raisons">
        {check.reasons.map((r, i) => (
          <li key={i}>{r.message}</li>
        ))}
      </ul>
    </section>
  );
}

export const IAF_CSS = `
.iaf-photo__svg { height: auto; display: block; }
.iaf-photo { max-width: 56rem; }
.iaf-nowrap { white-space: nowrap; }
`;

export function Styles() {
  return <style>{IAF_CSS}</style>;
}
