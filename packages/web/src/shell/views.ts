/** The suite's own views (home, login, errors, legal pages, administration), shared by host loaders and renderer. */
import { defineView } from '@eig/platform/web';
import type { Stand } from '@eig/platform';
import type { ServiceStatusView } from '../ui/status-types.ts';

export interface JobView {
  id: string;
  name: string;
  service: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  progress: { done: number; total: number; message: string };
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export const shellViews = {
  home: defineView<{ stands: Stand[]; statuses: Record<string, ServiceStatusView | null> }>('web.home'),
  notFound: defineView<{ message: string }>('web.not-found'),
  unavailable: defineView<{ message: string; service: { id: string; title: string; status: ServiceStatusView | null } | null }>(
    'web.unavailable',
  ),
  forbidden: defineView<{ message: string }>('web.forbidden'),
  error: defineView<{ status: number; message: string }>('web.error'),
  /** `step`: the password, then the second factor's code when the account has one. */
  login: defineView<{ returnTo: string; email: string; error: string | null; step: 'password' | 'code' }>('web.login'),
  account: defineView<{
    email: string;
    roles: { id: string; label: string }[];
    totp: { enabled: boolean; required: boolean; recoveryCodesLeft: number | null };
    notice: string | null;
  }>('web.account'),
  /** Setting up the second factor: start, scan the QR code and confirm with a code, then the recovery codes (shown once). */
  totp: defineView<{
    stage: 'start' | 'scan' | 'codes';
    required: boolean;
    qrCodeDataUri: string | null;
    secret: string | null;
    error: string | null;
    recoveryCodes: string[] | null;
  }>('web.totp'),
  accessibility: defineView<Record<string, never>>('web.accessibility'),
  legal: defineView<{ page: 'mentions' | 'donnees' | 'cookies' }>('web.legal'),
  admin: defineView<{ links: { text: string; href: string }[]; jobs: JobView[]; notice: string | null }>('web.admin'),
};
