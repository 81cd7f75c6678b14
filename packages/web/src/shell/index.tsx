/** The suite's own views, bound to their refs for the server renderer. */
import { bindView, type BoundView } from '../ui/views.ts';
import { shellViews as v } from './views.ts';
import { HomePage } from './Home.tsx';
import { ErrorPage, ForbiddenPage, NotFoundPage, UnavailablePage } from './ErrorPages.tsx';
import { LoginPage } from './LoginPage.tsx';
import { AccessibilityPage, LegalPage } from './LegalPages.tsx';
import { AdminPage } from './AdminPage.tsx';
import { AccountPage, TotpPage } from './AccountPages.tsx';

export const shellBoundViews: BoundView[] = [
  bindView(v.home, HomePage),
  bindView(v.notFound, NotFoundPage),
  bindView(v.unavailable, UnavailablePage),
  bindView(v.forbidden, ForbiddenPage),
  bindView(v.error, ErrorPage),
  bindView(v.login, LoginPage),
  bindView(v.accessibility, AccessibilityPage),
  bindView(v.legal, LegalPage),
  bindView(v.admin, AdminPage),
  bindView(v.account, AccountPage),
  bindView(v.totp, TotpPage),
];
