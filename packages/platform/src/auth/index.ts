export { authMigrations, AuthError, UserStore, normalizeEmail, type AuthUser, type UserInfo } from './store.ts';
export { hashPassword, verifyPassword, passwordProblem, MIN_PASSWORD_LENGTH } from './password.ts';
export { registerAuth, requireRole, requireSameOrigin, sameOriginOk, SESSION_COOKIE, type AuthOptions } from './plugin.ts';
export { usersCli } from './cli.ts';
