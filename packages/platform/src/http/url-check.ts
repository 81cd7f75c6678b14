import { HttpError } from './errors.ts';
import { t } from '../i18n.ts';

/**
 * Fastify's query-string parser is lenient: `?q=%FF%FE` reaches handlers as mojibake and ends as a
 * PostgreSQL encoding error (500). Reject what is not valid percent-encoded UTF-8, and NUL bytes
 * (which PostgreSQL text cannot hold), up front with a 400.
 */
export function assertCleanUrl(url: string): void {
  const q = url.indexOf('?');
  const parts = q === -1 ? [url] : [url.slice(0, q), ...url.slice(q + 1).split(/[&=]/)];
  for (const part of parts) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(part.replace(/\+/g, ' '));
    } catch {
      throw new HttpError(400, t('errors.badEncoding'));
    }
    if (decoded.includes('\u0000')) throw new HttpError(400, t('errors.badEncoding'));
  }
}
