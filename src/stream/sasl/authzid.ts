// The authorization identity rule of SCRAM and PLAIN (RFC 6120 §6.3.8, RFC 4422 §3.4.1): a client
// may act only as itself, and in client-to-server streams an authzid is a bare JID.
import { normalizeDomain } from '../../xmpp/jid.js';
import type { SaslContext } from './mechanism.js';

/** Whether the authzid names the authenticated account: its bare JID on the stream's domain. */
export function isOwnAuthzid(authzid: string, username: string, context: Pick<SaslContext, 'normalizeUsername' | 'domain'>): boolean {
  if (authzid.includes('/')) return false;
  const at = authzid.indexOf('@');
  if (at <= 0 || at === authzid.length - 1) return false;
  return context.normalizeUsername(authzid.slice(0, at)) === username
    && normalizeDomain(authzid.slice(at + 1)) === context.domain;
}
