import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { usePage } from '../ui/page-context.ts';

export const LOGIN_ERROR_ID = 'connexion-erreur';

function ErrorAlert({ error }: { error: string | null }) {
  if (!error) return null;
  // The error is in the title ("Erreur : ...") for screen readers on load; the DSFR alert has role="alert".
  return (
    <div id={LOGIN_ERROR_ID} tabIndex={-1} className="fr-mb-3w">
      <Alert severity="error" small description={error} />
    </div>
  );
}

/** The second step: a code from the authenticator app, or one of the recovery codes. */
function CodeStep({ returnTo, error }: { returnTo: string; error: string | null }) {
  return (
    <>
      <p>
        Votre compte est protégé par une double authentification. Saisissez le code à 6 chiffres affiché par votre application
        d’authentification.
      </p>
      <ErrorAlert error={error} />
      <form method="post" action="/connexion/code" aria-describedby={error ? LOGIN_ERROR_ID : undefined}>
        <input type="hidden" name="retour" value={returnTo} />
        <fieldset className="fr-fieldset" aria-labelledby="code-legende">
          <legend className="fr-fieldset__legend" id="code-legende">
            Code de vérification
          </legend>
          <div className="fr-fieldset__element">
            <Input
              label="Code à 6 chiffres"
              hintText="Exemple : 123456. Le code change toutes les 30 secondes."
              nativeInputProps={{
                id: 'connexion-code',
                name: 'code',
                inputMode: 'numeric',
                autoComplete: 'one-time-code',
                pattern: '[0-9 ]{6,7}',
                maxLength: 7,
              }}
            />
          </div>
          <div className="fr-fieldset__element">
            <button type="submit" className="fr-btn">
              Valider
            </button>
          </div>
        </fieldset>
      </form>
      <details className="fr-mt-4w">
        <summary>Je n’ai pas accès à mon application : utiliser un code de secours</summary>
        <form method="post" action="/connexion/code" className="fr-mt-2w">
          <input type="hidden" name="retour" value={returnTo} />
          <Input
            label="Code de secours"
            hintText="Un des 10 codes reçus lors de l’activation. Exemple : 7K3F-Q9XM-2RTD-WB4N. Chaque code ne sert qu’une fois."
            nativeInputProps={{ id: 'connexion-code-secours', name: 'recovery', autoComplete: 'off', spellCheck: false, maxLength: 40 }}
          />
          <button type="submit" className="fr-btn fr-btn--secondary">
            Utiliser ce code de secours
          </button>
        </form>
      </details>
    </>
  );
}

/** Works without JavaScript: plain POST forms (host/forms.ts) that answer with a redirect or this page and its error. */
export function LoginPage({
  returnTo,
  email,
  error,
  step,
}: {
  returnTo: string;
  email: string;
  error: string | null;
  step: 'password' | 'code';
}) {
  const { user } = usePage();
  return (
    <div className="fr-container fr-py-6w">
      <div className="fr-grid-row fr-grid-row--center">
        <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
          <h1>Connexion</h1>
          {user ? (
            <>
              <p className="fr-text--lead">Vous êtes connecté avec l’adresse {user.email}.</p>
              <ul className="fr-btns-group fr-btns-group--inline-md">
                <li>
                  <a className="fr-btn" href={returnTo}>
                    Continuer
                  </a>
                </li>
                <li>
                  <form method="post" action="/deconnexion">
                    <button type="submit" className="fr-btn fr-btn--secondary">
                      Se déconnecter
                    </button>
                  </form>
                </li>
              </ul>
            </>
          ) : step === 'code' ? (
            <CodeStep returnTo={returnTo} error={error} />
          ) : (
            <>
              <p>
                Espace réservé aux personnes qui administrent les services de la suite. Le public n’a pas besoin de compte pour utiliser les
                services.
              </p>
              <ErrorAlert error={error} />
              <form method="post" action="/connexion" aria-describedby={error ? LOGIN_ERROR_ID : undefined}>
                <input type="hidden" name="retour" value={returnTo} />
                <fieldset className="fr-fieldset" aria-labelledby="connexion-legende">
                  <legend className="fr-fieldset__legend" id="connexion-legende">
                    Se connecter avec son adresse électronique
                    <span className="fr-hint-text">Tous les champs sont obligatoires.</span>
                  </legend>
                  <div className="fr-fieldset__element">
                    <Input
                      label="Adresse électronique"
                      hintText="Format attendu : nom@domaine.fr"
                      nativeInputProps={{
                        id: 'connexion-email',
                        type: 'email',
                        name: 'email',
                        autoComplete: 'username',
                        spellCheck: false,
                        required: true,
                        defaultValue: email,
                      }}
                    />
                  </div>
                  <div className="fr-fieldset__element">
                    <Input
                      label="Mot de passe"
                      nativeInputProps={{
                        id: 'connexion-mot-de-passe',
                        type: 'password',
                        name: 'password',
                        autoComplete: 'current-password',
                        required: true,
                      }}
                    />
                  </div>
                  <div className="fr-fieldset__element">
                    <button type="submit" className="fr-btn">
                      Se connecter
                    </button>
                  </div>
                </fieldset>
              </form>
              <p className="fr-text--sm eig-muted">
                Pas encore de compte ? Un administrateur le crée avec la commande <code>eig users add</code>.
              </p>
            </>
          )}
        </div>
      </div>
    </div>
  );
}
