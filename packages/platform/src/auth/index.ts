export { authMigrations, AuthError, UserStore, normalizeEmail, type AuthUser, type SessionUser, type UserInfo } from './store.ts';
export { hashPassword, verifyPassword, passwordProblem, MIN_PASSWORD_LENGTH } from './password.ts';
export {
  registerAuth,
  requireRole,
  requireSameOrigin,
  sameOriginOk,
  SESSION_COOKIE,
  LOGIN_CHALLENGE_COOKIE,
  type AuthOptions,
  type AuthState,
} from './plugin.ts';
export { usersCli, type UsersCliOptions } from './cli.ts';
export {
  createRoleRegistry,
  suiteAdminRole,
  SUITE_ADMIN_ROLE_ID,
  ROLE_ID,
  type RoleDefinition,
  type RoleRegistry,
  type RoleRegistryOptions,
} from './roles.ts';
export { TotpStore, type TotpStatus, type SecondFactor } from './totp-store.ts';
export { LoginChallenges } from './challenges.ts';
export { LoginThrottle } from './throttle.ts';
export { DEFAULT_LOCKOUT, type LockoutPolicy } from './lockout.ts';
export { truncateIp } from './audit.ts';
export * from './schemas.ts';
