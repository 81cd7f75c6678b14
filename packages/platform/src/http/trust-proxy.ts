import proxyAddr from '@fastify/proxy-addr';
import type { TrustProxy } from '../config.ts';

/** Where reverse proxies live: loopback, RFC 1918 / unique local, link-local (proxy-addr's names). */
const PRIVATE_NETWORKS = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * TRUST_PROXY as Fastify's `trustProxy` option. Rate limits and logs key on `req.ip`, so what this
 * trusts decides whether a client can choose its own IP by sending X-Forwarded-For.
 *  - `false`: the socket's address; X-Forwarded-* ignored.
 *  - addresses / CIDR ranges: only X-Forwarded-For entries appended by those proxies are believed.
 *  - a number N of hops: Fastify 5.12+ refuses bare hop counts (a client reaching the server directly
 *    could send N entries of its own), so hops are counted only through proxies on private networks
 *    (loopback, 10/8, 172.16/12, 192.168/16, fc00::/7, link-local). A client connecting from a public
 *    address is never a proxy; its X-Forwarded-For is ignored. A proxy with a public address must be
 *    listed by address.
 */
export function fastifyTrustProxy(value: TrustProxy): false | string[] | ((address: string, hop: number) => boolean) {
  if (value === false || value === 0) return false;
  if (Array.isArray(value)) return value;
  const isPrivate = proxyAddr.compile(PRIVATE_NETWORKS);
  return (address, hop) => hop < value && isPrivate(address, hop);
}
