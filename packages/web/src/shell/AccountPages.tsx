/** The logged-in staff member's account: roles, second factor (TOTP) set-up and recovery codes. */
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { PageBreadcrumb } from '../ui/common.tsx';
import type { PropsOf } from '@eig/platform/web';
import type { shellViews } from './views.ts';

const ERROR_ID = 'totp-erreur';

export function AccountPage({ email, roles, totp, notice }: PropsOf<typeof shellViews.account>) {
  return (
    <div className="fr-container fr-pb-6w">
      <PageBreadcrumb segments={[]} current="Mon compte" />
      <h1>Mon compte</h1>
      {notice && <Alert className="fr-mb-4w" severity="success" small description={notice} />}
      <p>
        Adresse électronique : <strong>{email}</strong>
      </p>
      <h2>Rôles</h2>
      {roles.length === 0 ? (
        <p>Aucun rôle.</p>
      ) : (
        <ul>
          {roles.map((r) => (
            <li key={r.id}>
              {r.label} <span className="fr-text--sm eig-muted">({r.id})</span>
            </li>
          ))}
        </ul>
      )}
      <h2>Double authentification</h2>
      {totp.enabled ? (
        <>
          <p>
            <Badge severity="success" small as="span">
              Activée
            </Badge>{' '}
            Un code de votre application d’authentification est demandé à chaque connexion.
          </p>
          <p>
            Codes de secours restants : <strong>{totp.recoveryCodesLeft ?? 0}</strong> sur 10.
          </p>
          <form method="post" action="/compte/codes-de-secours" className="eig-inline-form">
            <Input
              label="Code à 6 chiffres de votre application"
              hintText="Pour obtenir 10 nouveaux codes de secours (les anciens ne fonctionneront plus)."
              nativeInputProps={{
                id: 'compte-code',
                name: 'code',
                inputMode: 'numeric',
                autoComplete: 'one-time-code',
                required: true,
                maxLength: 7,
              }}
            />
            <button type="submit" className="fr-btn fr-btn--secondary">
              Générer de nouveaux codes de secours
            </button>
          </form>
        </>
      ) : (
        <>
          <p>
            <Badge severity={totp.required ? 'warning' : 'info'} small as="span">
              {totp.required ? 'Obligatoire pour vos rôles' : 'Non activée'}
            </Badge>{' '}
            Protégez votre compte : même si votre mot de passe était découvert, personne ne pourrait se connecter sans votre téléphone.
          </p>
          <a className="fr-btn" href="/compte/double-authentification">
            Activer la double authentification
          </a>
        </>
      )}
    </div>
  );
}

function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <>
      <Alert
        className="fr-mb-3w"
        severity="warning"
        title="Conservez ces codes de secours maintenant"
        description="Ils ne seront plus affichés. Chacun permet une connexion si vous n’avez plus accès à votre application. Imprimez-les ou notez-les en lieu sûr."
      />
      <ol className="eig-recovery-codes" aria-label="Codes de secours">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ol>
      <p>
        <a className="fr-btn" href="/compte">
          J’ai conservé mes codes
        </a>
      </p>
    </>
  );
}

export function TotpPage({ stage, required, qrCodeDataUri, secret, error, recoveryCodes }: PropsOf<typeof shellViews.totp>) {
  return (
    <div className="fr-container fr-pb-6w">
      <PageBreadcrumb segments={[{ label: 'Mon compte', href: '/compte' }]} current="Double authentification" />
      <h1>{stage === 'codes' ? 'Vos codes de secours' : 'Activer la double authentification'}</h1>
      {required && stage !== 'codes' && (
        <Alert
          className="fr-mb-3w"
          severity="info"
          small
          description="Vos rôles exigent une double authentification : activez-la pour accéder aux services."
        />
      )}
      {stage === 'start' && (
        <>
          <p>
            Il vous faut une application d’authentification sur votre téléphone (par exemple FreeOTP, Aegis, Google Authenticator ou
            Microsoft Authenticator).
          </p>
          <form method="post" action="/compte/double-authentification">
            <button type="submit" className="fr-btn">
              Commencer
            </button>
          </form>
        </>
      )}
      {stage === 'scan' && (
        <>
          <ol>
            <li>
              Dans votre application, ajoutez un compte en scannant ce QR code :
              {qrCodeDataUri && (
                <p className="fr-mt-2w">
                  <img src={qrCodeDataUri} width={200} height={200} alt="QR code à scanner avec votre application d’authentification" />
                </p>
              )}
              {secret && (
                <p>
                  Ou saisissez cette clé à la main : <code className="eig-secret">{secret.replace(/(.{4})/g, '$1 ').trim()}</code>
                </p>
              )}
            </li>
            <li>Saisissez ci-dessous le code à 6 chiffres que l’application affiche.</li>
          </ol>
          {error && (
            <div id={ERROR_ID} tabIndex={-1} className="fr-mb-3w">
              <Alert severity="error" small description={error} />
            </div>
          )}
          <form method="post" action="/compte/double-authentification/confirmer" aria-describedby={error ? ERROR_ID : undefined}>
            <Input
              label="Code à 6 chiffres"
              nativeInputProps={{
                id: 'totp-code',
                name: 'code',
                inputMode: 'numeric',
                autoComplete: 'one-time-code',
                required: true,
                maxLength: 7,
              }}
            />
            <button type="submit" className="fr-btn">
              Activer
            </button>
          </form>
        </>
      )}
      {stage === 'codes' && recoveryCodes && <RecoveryCodes codes={recoveryCodes} />}
    </div>
  );
}

export { RecoveryCodes };
