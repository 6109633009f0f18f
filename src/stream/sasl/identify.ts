// The part every password mechanism shares (RFC 4422 §3.4.1, RFC 6120 §6.3.8): the authcid
// becomes a username, an authzid must name that same account, and its credentials are looked up.
import type { AccountCredentials } from '../../persistence/ports.js';
import { isOwnAuthzid } from './authzid.js';
import type { SaslContext, SaslFailureCondition } from './mechanism.js';

export type Identification =
  | { ok: true; username: string; stored: AccountCredentials | undefined }
  | { ok: false; condition: SaslFailureCondition; text?: string; username?: string };

/** `stored` is undefined for an unknown user, which the caller must fail like a wrong password. */
export async function identify(authcid: string, authzid: string | undefined, context: SaslContext): Promise<Identification> {
  const username = context.normalizeUsername(authcid);
  if (username === undefined) return { ok: false, condition: 'not-authorized' };
  if (authzid !== undefined && !isOwnAuthzid(authzid, username, context)) {
    return { ok: false, condition: 'invalid-authzid', text: 'a client may only authorize as its own bare JID', username };
  }
  try {
    return { ok: true, username, stored: await context.lookupCredentials(username) };
  } catch {
    return { ok: false, condition: 'temporary-auth-failure', username };
  }
}
