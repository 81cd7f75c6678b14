/** Options of Karfu'R's cookies (public pages and staff pages): scoped to /karfur, a year, lax. */
import type { FastifyRequest } from 'fastify';

const YEAR = 365 * 24 * 3600;

export function cookieOptions(req: FastifyRequest, httpOnly = true) {
  return { path: '/karfur', sameSite: 'lax' as const, httpOnly, secure: req.protocol === 'https', maxAge: YEAR };
}
