import { HttpError } from '../http/errors.ts';

/** A user error (bad email, weak password, duplicate, unknown role...): its French message is shown as is. */
export class AuthError extends Error {
  override name = 'AuthError';
}

/**
 * An HttpError with a stable machine-readable code (`totp_required`, `account_locked`...), which the
 * front end branches on. Set as a property so that it works with both shapes of HttpError (the
 * constructor's `code` parameter is being added on main).
 */
export function authHttpError(statusCode: number, code: string, message: string): HttpError {
  return Object.assign(new HttpError(statusCode, message), { code });
}
