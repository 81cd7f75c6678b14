/**
 * The calculators' pages: plain GET forms (they work without JavaScript, the result is bookmarkable),
 * the result with each step of the computation and the articles that ground it, the agreement's own
 * answer when the question-réponses have one. The result is announced to screen readers and takes the
 * focus (ResultAnnouncer island); without JavaScript it is the page's next section.
 */
import type { ReactNode } from 'react';
import type { PropsOf } from '@eig/platform/web';
import { PageBreadcrumb } from '@eig/web/ui';
import type { AgreementAnswer, CalcStep } from '../../core/calculators/index.ts';
import { ResultAnnouncerIsland } from '../islands/index.ts';
import { ExploStatus } from '../status.tsx';
import { explocodePaths } from '../paths.ts';
import { SEVERANCE_ABSENCES, SEVERANCE_REASONS } from '../calculator-forms.ts';
import { fr } from '../typo.ts';
import type { CalculatorForm, views } from '../views.ts';

const euros = (x: number) => `${x.toLocaleString('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}\u00a0€`;
const RESULT_ID = 'resultat';

const crumbs = [
  { label: 'ExploCode', href: explocodePaths.home() },
  { label: 'Simulateurs', href: '/explocode/outils' },
];

/** A labelled field with its hint and its error, tied together for assistive technologies. */
function Field({
  form,
  name,
  label,
  hint,
  type = 'text',
  inputMode,
  required,
  width,
}: {
  form: CalculatorForm;
  name: string;
  label: string;
  hint?: string;
  type?: 'text' | 'date';
  inputMode?: 'decimal' | 'numeric';
  required?: boolean;
  width?: string;
}) {
  const err = form.errors[name];
  const described = [hint ? `${name}-aide` : null, err ? `${name}-erreur` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`fr-input-group${err ? ' fr-input-group--error' : ''}`}>
      <label className="fr-label" htmlFor={name}>
        {label}
        {required && <span aria-hidden="true"> *</span>}
        {hint && (
          <span className="fr-hint-text" id={`${name}-aide`}>
            {hint}
          </span>
        )}
      </label>
      <input
        className={`fr-input${err ? ' fr-input--error' : ''}`}
        style={width ? { maxWidth: width } : undefined}
        type={type}
        id={name}
        name={name}
        inputMode={inputMode}
        defaultValue={form.values[name] ?? ''}
        required={required}
        aria-invalid={err ? true : undefined}
        aria-describedby={described}
      />
      {err && (
        <p id={`${name}-erreur`} className="fr-error-text">
          {err}
        </p>
      )}
    </div>
  );
}

/** The errors, listed above the form with links to the fields. */
function ErrorSummary({ form, labels }: { form: CalculatorForm; labels: Record<string, string> }) {
  const entries = Object.entries(form.errors);
  if (!entries.length) return null;
  return (
    <div className="fr-alert fr-alert--error fr-mb-4w" role="alert">
      <h2 className="fr-alert__title">Le calcul n’a pas pu être fait</h2>
      <ul>
        {entries.map(([field, message]) => (
          <li key={field}>{field === 'form' ? message : <a href={`#${field}`}>{`${labels[field] ?? field}\u00a0: ${message}`}</a>}</li>
        ))}
      </ul>
    </div>
  );
}

function Articles({ step }: { step: CalcStep }) {
  if (!step.articles.length) return null;
  return (
    <p className="fr-text--sm fr-mb-0">
      {step.articles.length > 1 ? 'Articles\u00a0: ' : 'Article\u00a0: '}
      {step.articles.map((a, i) => (
        <span key={a.num}>
          {i > 0 && ', '}
          <a href={a.url}>{a.num}</a>
        </span>
      ))}
    </p>
  );
}

function Steps({ steps }: { steps: CalcStep[] }) {
  return (
    <ol className="eig-calc-steps">
      {steps.map((st) => (
        <li key={st.id} className="fr-mb-2w">
          <h3 className="fr-h6 fr-mb-1v">{fr(st.label)}</h3>
          <p className="fr-mb-1v">{fr(st.detail)}</p>
          <Articles step={st} />
        </li>
      ))}
    </ol>
  );
}

function Agreement({ agreement, idcc, topic }: { agreement: AgreementAnswer | null; idcc: string; topic: string }) {
  if (agreement)
    return (
      <div className="fr-callout fr-mb-3w">
        <h3 className="fr-callout__title fr-h6">{fr(`Votre convention collective : ${agreement.agreement} (IDCC ${agreement.idcc})`)}</h3>
        <p className="fr-callout__text fr-text--md">
          {fr(agreement.question)} <a href={agreement.url}>{`Lire la réponse propre à votre convention`}</a>
        </p>
      </div>
    );
  if (!idcc) return null;
  return (
    <p className="fr-mb-3w">
      {fr(`Les questions-réponses n’ont pas de réponse propre à la convention IDCC ${idcc} sur ${topic} : `)}
      <a href={explocodePaths.convention(idcc)}>{`consultez la convention IDCC ${idcc}`}</a>.
    </p>
  );
}

function Notes({ notes }: { notes: string[] }) {
  if (!notes.length) return null;
  return (
    <>
      <h3 className="fr-h6">À savoir</h3>
      <ul>
        {notes.map((n) => (
          <li key={n}>{fr(n.replace(/ \((\/explocode\/[^)]+)\)/g, ''))}</li>
        ))}
      </ul>
    </>
  );
}

function Layout({
  shared,
  title,
  lead,
  children,
}: {
  shared: PropsOf<typeof views.tools>['shared'];
  title: string;
  lead: string;
  children: ReactNode;
}) {
  return (
    <div className="fr-container fr-pb-6w">
      <PageBreadcrumb segments={crumbs} current={title} />
      <ExploStatus shared={shared} />
      <h1>{title}</h1>
      <p className="fr-text--lead">{fr(lead)}</p>
      {children}
    </div>
  );
}

export function ToolsPage({ shared }: PropsOf<typeof views.tools>) {
  return (
    <div className="fr-container fr-pb-6w">
      <PageBreadcrumb segments={[{ label: 'ExploCode', href: explocodePaths.home() }]} current="Simulateurs" />
      <h1>Simulateurs</h1>
      <ExploStatus shared={shared} />
      <ul>
        <li>
          <a href={explocodePaths.severanceTool()}>Indemnité légale de licenciement</a>
          {fr(' : le minimum prévu par le Code du travail, calculé étape par étape.')}
        </li>
        <li>
          <a href={explocodePaths.noticeTool()}>Préavis de licenciement ou de démission</a>
          {fr(' : la règle de la loi et celle de votre convention collective quand elle est connue.')}
        </li>
      </ul>
    </div>
  );
}

const SEVERANCE_LABELS: Record<string, string> = {
  embauche: 'Date d’embauche',
  notification: 'Date de notification',
  fin_preavis: 'Fin du préavis',
  motif: 'Motif',
  salaire: 'Salaire mensuel brut',
  primes: 'Primes',
  tp_mois: 'Temps partiel (mois)',
  tp_taux: 'Temps partiel (%)',
  idcc: 'IDCC',
  ...Object.fromEntries(SEVERANCE_ABSENCES.map((a) => [a.field, a.label])),
  ...Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`s${i + 1}`, `Salaire du mois ${i + 1}`])),
};

export function SeverancePage({ shared, form, result }: PropsOf<typeof views.severance>) {
  const idcc = form.values.idcc ?? '';
  const motifErr = form.errors.motif;
  return (
    <Layout
      shared={shared}
      title="Indemnité légale de licenciement"
      lead="Le minimum que la loi garantit à un salarié en CDI licencié (hors faute grave ou lourde) après 8 mois d’ancienneté. Votre convention collective ou votre contrat peuvent prévoir plus : le plus favorable s’applique."
    >
      {result && (
        <section aria-labelledby={RESULT_ID} className="eig-box fr-mb-4w">
          <h2 id={RESULT_ID} tabIndex={-1}>
            {result.eligible ? `Indemnité légale : ${euros(result.amount)}` : 'Pas d’indemnité légale de licenciement'}
          </h2>
          {result.eligible && (
            <p>
              {fr(
                `Calculée sur ${result.seniorityMonths.toLocaleString('fr-FR')} mois d’ancienneté et un salaire de référence de ${euros(result.referenceSalary)} brut par mois.`,
              )}
            </p>
          )}
          <h3 className="fr-h5">Le calcul, étape par étape</h3>
          <Steps steps={result.steps} />
          <Agreement agreement={result.agreement} idcc={idcc} topic="l’indemnité de licenciement" />
          <Notes notes={result.notes} />
          <ResultAnnouncerIsland
            message={
              result.eligible
                ? `Résultat : indemnité légale de ${euros(result.amount)}.`
                : 'Résultat : pas d’indemnité légale de licenciement.'
            }
            focusId={RESULT_ID}
          />
        </section>
      )}
      <ErrorSummary form={form} labels={SEVERANCE_LABELS} />
      <form method="get" action={explocodePaths.severanceTool()} className="eig-calc-form" noValidate>
        <p className="fr-text--sm">Les champs marqués d’un astérisque (*) sont obligatoires.</p>
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend fr-h5">Le contrat</legend>
          <div className="fr-fieldset__element">
            <Field
              form={form}
              name="embauche"
              label="Date d’embauche"
              type="date"
              required
              hint="Un CDD suivi sans interruption du CDI compte depuis son début."
              width="16rem"
            />
          </div>
          <div className="fr-fieldset__element">
            <Field
              form={form}
              name="notification"
              label="Date de notification du licenciement"
              type="date"
              required
              hint="Date d’envoi de la lettre de licenciement."
              width="16rem"
            />
          </div>
          <div className="fr-fieldset__element">
            <Field
              form={form}
              name="fin_preavis"
              label="Date de fin du préavis"
              type="date"
              hint="Effectué ou non. Laissez vide s’il n’y en a pas."
              width="16rem"
            />
          </div>
          <div className="fr-fieldset__element">
            <div className={`fr-select-group${motifErr ? ' fr-select-group--error' : ''}`}>
              <label className="fr-label" htmlFor="motif">
                Motif du licenciement<span aria-hidden="true"> *</span>
              </label>
              <select
                className={`fr-select${motifErr ? ' fr-select--error' : ''}`}
                id="motif"
                name="motif"
                defaultValue={form.values.motif || 'personnel'}
                aria-describedby={motifErr ? 'motif-erreur' : undefined}
              >
                {SEVERANCE_REASONS.map((r) => (
                  <option key={r.value} value={r.value}>
                    {r.label}
                  </option>
                ))}
              </select>
              {motifErr && (
                <p id="motif-erreur" className="fr-error-text">
                  {motifErr}
                </p>
              )}
            </div>
          </div>
        </fieldset>
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend fr-h5">Le salaire</legend>
          <div className="fr-fieldset__element">
            <Field
              form={form}
              name="salaire"
              label="Salaire mensuel brut"
              inputMode="decimal"
              hint="En euros, primes comprises (par exemple 2 000). Le même pour les 12 derniers mois, sinon détaillez ci-dessous."
              width="16rem"
            />
          </div>
          <div className="fr-fieldset__element">
            <details className="fr-mb-2w" open={Array.from({ length: 12 }, (_, i) => form.values[`s${i + 1}`]).some(Boolean)}>
              <summary>Mes salaires ont varié : détailler les 12 derniers mois</summary>
              <p className="fr-text--sm fr-mt-1w">
                Du plus ancien (mois 1) au plus récent (mois 12). Le salaire de référence est le plus favorable de la moyenne des 12
                derniers mois et du tiers des 3 derniers.
              </p>
              <div className="fr-grid-row fr-grid-row--gutters">
                {Array.from({ length: 12 }, (_, i) => (
                  <div key={i} className="fr-col-6 fr-col-md-3">
                    <Field form={form} name={`s${i + 1}`} label={`Mois ${i + 1}`} inputMode="decimal" />
                  </div>
                ))}
              </div>
            </details>
          </div>
          <div className="fr-fieldset__element">
            <Field
              form={form}
              name="primes"
              label="Primes annuelles ou exceptionnelles versées dans les 3 derniers mois"
              inputMode="decimal"
              hint="En euros. Elles ne comptent que pour leur part sur 3 mois."
              width="16rem"
            />
          </div>
        </fieldset>
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend fr-h5">Les périodes particulières (facultatif)</legend>
          {SEVERANCE_ABSENCES.map((a) => (
            <div key={a.field} className="fr-fieldset__element">
              <Field form={form} name={a.field} label={`${a.label} (en mois)`} inputMode="decimal" width="10rem" />
            </div>
          ))}
          <div className="fr-fieldset__element">
            <Field
              form={form}
              name="tp_mois"
              label="Durée travaillée à temps partiel (en mois)"
              inputMode="decimal"
              hint="Les périodes les plus récentes."
              width="10rem"
            />
          </div>
          <div className="fr-fieldset__element">
            <Field
              form={form}
              name="tp_taux"
              label="Temps de travail pendant ces mois (en % d’un temps plein)"
              inputMode="decimal"
              hint="Par exemple 50 pour un mi-temps."
              width="10rem"
            />
          </div>
        </fieldset>
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend fr-h5">Votre convention collective (facultatif)</legend>
          <div className="fr-fieldset__element">
            <Field
              form={form}
              name="idcc"
              label="IDCC de votre convention collective"
              inputMode="numeric"
              hint="Un nombre de 1 à 4 chiffres, sur votre fiche de paie."
              width="10rem"
            />
            <p className="fr-text--sm">
              Vous ne le connaissez pas{'\u202f'}? <a href={explocodePaths.conventions()}>Trouver ma convention collective</a>
            </p>
          </div>
        </fieldset>
        <button className="fr-btn" type="submit" name="calculer" value="1">
          Calculer l’indemnité
        </button>
      </form>
    </Layout>
  );
}

const NOTICE_LABELS: Record<string, string> = {
  rupture: 'Type de rupture',
  annees: 'Ancienneté (années)',
  mois: 'Ancienneté (mois)',
  idcc: 'IDCC',
};

export function NoticePage({ shared, form, result }: PropsOf<typeof views.notice>) {
  const idcc = form.values.idcc ?? '';
  const ruptureErr = form.errors.rupture;
  const headline = result
    ? result.legalMonths === null
      ? 'Pas de durée fixée par la loi'
      : result.legalMonths === 0
        ? 'Pas de préavis'
        : `Préavis légal : ${result.legalMonths} mois`
    : '';
  return (
    <Layout
      shared={shared}
      title="Préavis de licenciement ou de démission"
      lead="La durée du préavis prévue par le Code du travail et, quand les questions-réponses officielles y répondent, par votre convention collective."
    >
      {result && (
        <section aria-labelledby={RESULT_ID} className="eig-box fr-mb-4w">
          <h2 id={RESULT_ID} tabIndex={-1}>
            {headline}
          </h2>
          <p>{fr(result.legalRule)}</p>
          {result.agreement && (
            <div className="fr-callout fr-mb-3w">
              <h3 className="fr-callout__title fr-h6">
                {fr(`Votre convention collective : ${result.agreement.agreement} (IDCC ${result.agreement.idcc})`)}
              </h3>
              <p className="fr-callout__text fr-text--md">
                {fr(
                  result.agreement.text.length > 600
                    ? `${result.agreement.text.slice(0, 600).replace(/\s+\S*$/, '')}…`
                    : result.agreement.text,
                )}
              </p>
              <p className="fr-mb-0">
                <a href={result.agreement.url}>{fr(`Lire la réponse complète : ${result.agreement.question}`)}</a>
              </p>
            </div>
          )}
          {!result.agreement && <Agreement agreement={null} idcc={idcc} topic="le préavis" />}
          <h3 className="fr-h5">Le raisonnement, étape par étape</h3>
          <Steps steps={result.steps.filter((s) => s.id !== 'agreement')} />
          <Notes notes={result.notes} />
          <ResultAnnouncerIsland message={`Résultat : ${headline}.`} focusId={RESULT_ID} />
        </section>
      )}
      <ErrorSummary form={form} labels={NOTICE_LABELS} />
      <form method="get" action={explocodePaths.noticeTool()} className="eig-calc-form" noValidate>
        <p className="fr-text--sm">Les champs marqués d’un astérisque (*) sont obligatoires.</p>
        <fieldset
          className={`fr-fieldset${ruptureErr ? ' fr-fieldset--error' : ''}`}
          aria-describedby={ruptureErr ? 'rupture-erreur' : undefined}
        >
          <legend className="fr-fieldset__legend">
            Qui met fin au contrat{'\u202f'}?<span aria-hidden="true"> *</span>
          </legend>
          {[
            { value: 'licenciement', label: 'L’employeur : un licenciement' },
            { value: 'demission', label: 'Le salarié : une démission' },
          ].map((o) => (
            <div key={o.value} className="fr-fieldset__element">
              <div className="fr-radio-group">
                <input
                  type="radio"
                  id={`rupture-${o.value}`}
                  name="rupture"
                  value={o.value}
                  defaultChecked={form.values.rupture === o.value}
                />
                <label className="fr-label" htmlFor={`rupture-${o.value}`}>
                  {o.label}
                </label>
              </div>
            </div>
          ))}
          {ruptureErr && (
            <p id="rupture-erreur" className="fr-error-text fr-fieldset__element">
              {ruptureErr}
            </p>
          )}
        </fieldset>
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend">Ancienneté dans l’entreprise à la notification</legend>
          <div className="fr-fieldset__element fr-fieldset__element--inline">
            <Field form={form} name="annees" label="Années" inputMode="numeric" width="8rem" />
          </div>
          <div className="fr-fieldset__element fr-fieldset__element--inline">
            <Field form={form} name="mois" label="Mois" inputMode="numeric" width="8rem" />
          </div>
        </fieldset>
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend">Situations particulières</legend>
          <div className="fr-fieldset__element">
            <div className="fr-checkbox-group">
              <input type="checkbox" id="faute" name="faute" value="oui" defaultChecked={form.values.faute === 'oui'} />
              <label className="fr-label" htmlFor="faute">
                Licenciement pour faute grave ou lourde
              </label>
            </div>
          </div>
          <div className="fr-fieldset__element">
            <div className="fr-checkbox-group">
              <input type="checkbox" id="handicap" name="handicap" value="oui" defaultChecked={form.values.handicap === 'oui'} />
              <label className="fr-label" htmlFor="handicap">
                Salarié reconnu travailleur handicapé
              </label>
            </div>
          </div>
        </fieldset>
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend">Votre convention collective (facultatif)</legend>
          <div className="fr-fieldset__element">
            <Field
              form={form}
              name="idcc"
              label="IDCC de votre convention collective"
              inputMode="numeric"
              hint="Un nombre de 1 à 4 chiffres, sur votre fiche de paie."
              width="10rem"
            />
            <p className="fr-text--sm">
              Vous ne le connaissez pas{'\u202f'}? <a href={explocodePaths.conventions()}>Trouver ma convention collective</a>
            </p>
          </div>
        </fieldset>
        <button className="fr-btn" type="submit" name="calculer" value="1">
          Connaître le préavis
        </button>
      </form>
    </Layout>
  );
}
