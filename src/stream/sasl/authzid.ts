// The authorization identity rule of SCRAM and PLAIN (RFC 6120 §6.3.8, RFC 4422 §3.4.1): a client
// may act only as itself, and in client-to-server streams an authzid is a bare JID.
import type { SaslContext } from './mechanism.js';

/**
 * Whether the authzid names the authenticated account: a bare JID whose localpart normalises to
 * the username. Its domainpart is only required to be present, because the stream's domain is not
 * known here; the stream layer, which knows it, is where a foreign domain has to be refused.
 */
export function isOwnAuthzid(authzid: string, username: string, context: Pick<SaslContext, 'normalizeUsername'>): boolean {
  if (authzid.includes('/')) return false;
  const at = authzid.indexOf('@');
  if (at <= 0 || at === authzid.length - 1) return false;
  return context.normalizeUsername(authzid.slice(0, at)) === username;
}
