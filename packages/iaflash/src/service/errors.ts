import { HttpError } from '@eig/platform';
import { IaflashError } from '../io/errors.ts';

/** The engine's typed errors as the platform's HttpError (stable code `iaflash.<code>`, French message). */
export function toHttpError(err: unknown): unknown {
  if (err instanceof IaflashError) {
    if (err.code === 'MODEL_INVALID') return new HttpError(503, err.message, 'iaflash.model_unavailable', 30);
    return new HttpError(err.statusCode, err.message, `iaflash.${err.code.toLowerCase()}`);
  }
  return err;
}

export async function mapErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toHttpError(err);
  }
}
