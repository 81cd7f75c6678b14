/** The suite's own pages: home (the stands), login, administration, accessibility and legal statements. */
import type { FastifyRequest } from 'fastify';
import { HttpError, LOGIN_CHALLENGE_COOKIE, type MountedService, type RoleRegistry, type Stand, type JobQueue } from '@eig/platform';
import { listJobViews } from '@eig/platform';
import { redirect, view, type PageOutcome } from '@eig/platform/web';
import { shellViews } from '../shell/views.ts';
import type { ServiceStatusView } from '../ui/status-types.ts';
import { safeReturnPath } from './safe-path.ts';

export interface ShellPageDeps {
  services: MountedService[];
  roles: RoleRegistry;
  stands(): Promise<Stand[]>;
  statuses(): Promise<Record<string, ServiceStatusView | null>>;
  jobs: JobQueue;
  /** Recovery codes left for the visitor's account (read through the API, with their session). */
  recoveryCodesLeft(req: FastifyRequest): Promise<number | null>;
}

export interface ShellPage {
  path: string;
  load(req: FastifyRequest): Promise<PageOutcome>;
}

/** The login page; `error` set after a failed attempt (the title then starts with "Erreur", RGAA). */
export function loginOutcome(
  returnTo: string,
  opts: { email?: string; error?: string | null; status?: number; step?: 'password' | 'code' } = {},
): PageOutcome {
  const error = opts.error ?? null;
  const title = opts.step === 'code' ? 'Connexion : code de vérification' : 'Connexion';
  return view(
    shellViews.login,
    { returnTo, email: opts.email ?? '', error, step: opts.step ?? 'password' },
    { title: error ? `Erreur : ${title}` : title, status: opts.status ?? 200 },
  );
}

export const TOTP_PAGE = '/compte/double-authentification';

/** Administration links of every service that the user's roles open. */
export function adminLinksFor(services: MountedService[], roles: string[]): { text: string; href: string }[] {
  return services.flatMap(({ module }) =>
    (module.web?.adminLinks ?? [])
      .filter((l) => roles.includes('admin') || l.roles.some((r) => roles.includes(r)))
      .map(({ text, href }) => ({ text, href })),
  );
}

const RETRY_NOTICES: Record<string, string> = {
  relancee: 'La tâche est relancée : son avancement s’affiche ci-dessous.',
  impossible: 'Cette tâche ne peut pas être relancée.',
};

export function shellPages(deps: ShellPageDeps): ShellPage[] {
  return [
    {
      path: '/',
      async load() {
        const [stands, statuses] = await Promise.all([deps.stands(), deps.statuses()]);
        return view(shellViews.home, { stands, statuses }, { title: 'Accueil' });
      },
    },
    { path: '/accessibilite', load: async () => view(shellViews.accessibility, {}, { title: 'Déclaration d’accessibilité' }) },
    { path: '/mentions-legales', load: async () => view(shellViews.legal, { page: 'mentions' }, { title: 'Mentions légales' }) },
    { path: '/donnees-personnelles', load: async () => view(shellViews.legal, { page: 'donnees' }, { title: 'Données personnelles' }) },
    { path: '/gestion-des-cookies', load: async () => view(shellViews.legal, { page: 'cookies' }, { title: 'Gestion des cookies' }) },
    {
      path: '/connexion',
      async load(req) {
        // A session that must enrol first (TOTP required by its roles) goes to the set-up page.
        if (req.auth?.restricted) return redirect(TOTP_PAGE);
        const retour = (req.query as Record<string, string | undefined>).retour;
        return loginOutcome(retour ? safeReturnPath(retour) : '/');
      },
    },
    {
      path: '/connexion/code',
      async load(req) {
        const retour = (req.query as Record<string, string | undefined>).retour;
        if (!req.cookies?.[LOGIN_CHALLENGE_COOKIE])
          return redirect(`/connexion${retour ? `?retour=${encodeURIComponent(safeReturnPath(retour))}` : ''}`);
        return loginOutcome(retour ? safeReturnPath(retour) : '/', { step: 'code' });
      },
    },
    {
      path: '/compte',
      async load(req) {
        const auth = req.auth;
        if (!auth) throw new HttpError(401, 'Connectez-vous pour voir votre compte.');
        if (auth.restricted) return redirect(TOTP_PAGE);
        const notice = (req.query as Record<string, string | undefined>).activee === '1' ? 'La double authentification est activée.' : null;
        return view(
          shellViews.account,
          {
            email: auth.user.email,
            roles: auth.user.roles.map((id) => ({ id, label: deps.roles.get(id)?.label ?? id })),
            totp: { enabled: auth.totpEnabled, required: auth.totpRequired, recoveryCodesLeft: await deps.recoveryCodesLeft(req) },
            notice,
          },
          { title: 'Mon compte' },
        );
      },
    },
    {
      path: TOTP_PAGE,
      async load(req) {
        const auth = req.auth;
        if (!auth) throw new HttpError(401, 'Connectez-vous pour activer la double authentification.');
        if (auth.totpEnabled) return redirect('/compte');
        return view(
          shellViews.totp,
          { stage: 'start', required: auth.totpRequired, qrCodeDataUri: null, secret: null, error: null, recoveryCodes: null },
          { title: 'Activer la double authentification' },
        );
      },
    },
    {
      path: '/admin',
      async load(req) {
        const user = req.user;
        if (!user) throw new HttpError(401, 'Connectez-vous pour accéder à l’administration.');
        const links = adminLinksFor(deps.services, user.roles);
        if (!user.roles.includes('admin') && links.length === 0) {
          throw new HttpError(403, 'Cette page est réservée aux administrateurs de la suite.');
        }
        const jobs = user.roles.includes('admin') ? await listJobViews(deps.jobs) : [];
        const notice = RETRY_NOTICES[(req.query as Record<string, string | undefined>).tache ?? ''] ?? null;
        return view(shellViews.admin, { links, jobs, notice }, { title: 'Administration' });
      },
    },
  ];
}
