/** A user error (bad email, weak password, duplicate, unknown role...): its French message is shown as is. */
export class AuthError extends Error {
  override name = 'AuthError';
}
