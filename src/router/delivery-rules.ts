// RFC 6121 §8.5: what the server does with a stanza addressed to one of its own accounts.
// A pure decision; the router carries it out. The table is also written in README.md here.
import type { StanzaErrorCondition } from '../xmpp/stanza-errors.js';
import type { ClientRoute } from './session.js';

export type StanzaKind = 'message' | 'presence' | 'iq';

export type DeliveryPlan =
  | { action: 'deliver'; to: ClientRoute[] }
  /** Processed by the server on the account's behalf (iq to a bare JID, roster presence, probes). */
  | { action: 'handle' }
  /** Kept for later delivery (offline storage); bounced while no store is configured. */
  | { action: 'store-offline' }
  | { action: 'bounce'; condition: StanzaErrorCondition }
  | { action: 'drop' };

export interface AddressedStanza {
  kind: StanzaKind;
  /** The type attribute, '' when absent. */
  type: string;
}

const SUBSCRIPTION_TYPES = new Set(['subscribe', 'subscribed', 'unsubscribe', 'unsubscribed']);

/** Available resources with a non-negative priority (RFC 6121 §8.5.2.1). */
function eligible(sessions: readonly ClientRoute[]): ClientRoute[] {
  return sessions.filter((session) => session.availability.isAvailable && session.availability.priority >= 0);
}

/** The "most available" resources: every eligible one at the highest priority. */
function highestPriority(sessions: readonly ClientRoute[]): ClientRoute[] {
  const candidates = eligible(sessions);
  const top = Math.max(...candidates.map((session) => session.availability.priority));
  return candidates.filter((session) => session.availability.priority === top);
}

/** §8.5.1: the account does not exist. */
export function planForMissingAccount(stanza: AddressedStanza): DeliveryPlan {
  if (stanza.kind === 'presence' || stanza.type === 'error') return { action: 'drop' };
  if (stanza.kind === 'iq' && (stanza.type === 'result')) return { action: 'drop' };
  return { action: 'bounce', condition: 'service-unavailable' };
}

/** §8.5.2: addressed to the account's bare JID. */
export function planForBareJid(stanza: AddressedStanza, sessions: readonly ClientRoute[]): DeliveryPlan {
  if (stanza.kind === 'iq') return { action: 'handle' };
  if (stanza.kind === 'presence') {
    if (stanza.type === 'probe' || SUBSCRIPTION_TYPES.has(stanza.type)) return { action: 'handle' };
    if (stanza.type === '' || stanza.type === 'unavailable') {
      const available = sessions.filter((session) => session.availability.isAvailable);
      return available.length === 0 ? { action: 'drop' } : { action: 'deliver', to: available };
    }
    return { action: 'drop' };
  }
  switch (stanza.type) {
    case 'groupchat':
      return { action: 'bounce', condition: 'service-unavailable' };
    case 'error':
      return { action: 'drop' };
    case 'headline': {
      const targets = eligible(sessions);
      return targets.length === 0 ? { action: 'drop' } : { action: 'deliver', to: targets };
    }
    default: {
      const targets = highestPriority(sessions);
      return targets.length === 0 ? { action: 'store-offline' } : { action: 'deliver', to: targets };
    }
  }
}

/** §8.5.3: addressed to a full JID of the account. */
export function planForFullJid(stanza: AddressedStanza, session: ClientRoute | undefined, sessions: readonly ClientRoute[]): DeliveryPlan {
  if (stanza.kind === 'presence' && stanza.type === 'probe') return { action: 'handle' };
  if (session !== undefined) return { action: 'deliver', to: [session] };
  if (stanza.kind === 'iq') {
    return stanza.type === 'get' || stanza.type === 'set'
      ? { action: 'bounce', condition: 'service-unavailable' }
      : { action: 'drop' };
  }
  if (stanza.kind === 'presence') {
    return SUBSCRIPTION_TYPES.has(stanza.type) ? planForBareJid(stanza, sessions) : { action: 'drop' };
  }
  switch (stanza.type) {
    case 'groupchat':
      return { action: 'bounce', condition: 'service-unavailable' };
    case 'error':
    case 'headline':
      return { action: 'drop' };
    default:
      return planForBareJid(stanza, sessions);
  }
}
