// Presence subscriptions (RFC 6121 §3): what the user's server does with a subscription stanza
// the user sends (outbound) and with one that arrives for the user (inbound). State changes
// come from subscription-states.ts; this file carries out their consequences.
import type { RosterItem } from '../persistence/ports.js';
import { outboundKey, presenceKey, type StanzaContext } from '../router/handlers.js';
import type { Router } from '../router/router.js';
import { cloneElement, xml, type Element } from '../xmpp/element.js';
import type { Jid } from '../xmpp/jid.js';
import type { RosterBook } from './roster-book.js';
import {
  NO_SUBSCRIPTION, hasFrom, isSameState, nextSubscriptionState,
  type Direction, type SubscriptionType,
} from './subscription-states.js';

const TYPES: readonly SubscriptionType[] = ['subscribe', 'subscribed', 'unsubscribe', 'unsubscribed'];

/** The item after a subscription stanza, or 'keep' when its state does not change. */
function changedItem(item: RosterItem | undefined, contact: string, direction: Direction, type: SubscriptionType): RosterItem | 'remove' | 'keep' {
  const current = item ?? { ...NO_SUBSCRIPTION, jid: contact, groups: [], isListed: false };
  const next = { ...current, ...nextSubscriptionState(current, direction, type) };
  // A contact the user asked for or approved appears in the roster (§3.1.2, §3.1.5, §3.4).
  if (direction === 'outbound' && (type === 'subscribe' || type === 'subscribed')) next.isListed = true;
  if (!next.pendingIn) delete next.pendingInStanza;
  if (isSameState(current, next) && next.isListed === current.isListed) return 'keep';
  const isEmpty = next.subscription === 'none' && !next.pendingOut && !next.pendingIn && !next.preApproved;
  return isEmpty && !next.isListed ? 'remove' : next;
}

export interface SubscriptionOptions {
  rosters: RosterBook;
  /** Whether an account of this server exists. */
  accountExists: (username: string, domain: string) => Promise<boolean>;
}

export function registerSubscriptions(router: Router, { rosters, accountExists }: SubscriptionOptions): void {
  /** Sends each available resource's current presence, or unavailable, from the account to a contact. */
  const sendPresenceTo = (account: Jid, contact: string, isAvailable: boolean): void => {
    for (const session of router.sessions.getAll(account)) {
      const last = session.availability.lastPresence;
      if (!session.availability.isAvailable || last === undefined) continue;
      const presence = isAvailable ? cloneElement(last) : xml('presence', { type: 'unavailable' });
      presence.attrs.from = session.jid.toString();
      presence.attrs.to = contact;
      void router.forward(presence);
    }
  };

  /** Delivers a subscription stanza to the account's available resources. */
  const deliverToAvailable = (account: Jid, stanza: Element): void => {
    for (const session of router.sessions.getAll(account)) {
      if (session.availability.isAvailable) session.deliver(stanza);
    }
  };

  const outbound = async (type: SubscriptionType, stanza: Element, { from, to }: StanzaContext): Promise<void> => {
    const user = from.bare();
    const contact = to.bare().toString();
    if (contact === user.toString()) return;
    const { before, after } = await rosters.modify(user, contact, (item) => changedItem(item, contact, 'outbound', type));
    const wasChanged = after !== before;
    // §3.1.2, §3.3.2: requests and cancellations always go on; §3.1.5, §3.2.2: answers only when they changed something.
    const isRouted = type === 'subscribe' || type === 'unsubscribe' || (wasChanged && !(type === 'subscribed' && after?.preApproved === true));
    if (isRouted) {
      const routed = cloneElement(stanza);
      routed.attrs.from = user.toString();
      routed.attrs.to = contact;
      await router.forward(routed);
    }
    // §3.1.3: a request to an account of this server that does not exist is answered with unsubscribed.
    if (type === 'subscribe' && router.isLocalDomain(to.domain) && to.local !== '' && !(await accountExists(to.local, to.domain))) {
      await router.forward(xml('presence', { type: 'unsubscribed', from: contact, to: user.toString() }));
    }
    const gaveFrom = after !== undefined && hasFrom(after) && (before === undefined || !hasFrom(before));
    const tookFrom = before !== undefined && hasFrom(before) && (after === undefined || !hasFrom(after));
    if (gaveFrom) sendPresenceTo(user, contact, true);
    if (tookFrom) sendPresenceTo(user, contact, false);
  };

  const inbound = async (type: SubscriptionType, stanza: Element, { from, to }: StanzaContext): Promise<void> => {
    const user = to.bare();
    const contact = from.bare().toString();
    const { before, after } = await rosters.modify(user, contact, (item) => {
      const next = changedItem(item, contact, 'inbound', type);
      if (type === 'subscribe' && next !== 'remove' && (next === 'keep' ? item?.pendingIn === true : next.pendingIn)) {
        // §3.1.3: the request is kept to be delivered again when the user next comes online.
        return { ...(next === 'keep' ? item as RosterItem : next), pendingInStanza: stanza.toString() };
      }
      return next;
    });
    const state = before ?? NO_SUBSCRIPTION;
    if (type === 'subscribe') {
      if (hasFrom(state) || (after !== undefined && hasFrom(after))) {
        // §3.1.3 step 2 and §3.4: already approved (or pre-approved): the server answers for the user.
        void router.forward(xml('presence', { type: 'subscribed', from: user.toString(), to: contact }));
        if (!hasFrom(state)) sendPresenceTo(user, contact, true);
        return;
      }
      deliverToAvailable(user, stanza);
      return;
    }
    if (after === before) return;
    deliverToAvailable(user, stanza);
    // §3.3.3: a contact who unsubscribes stops seeing the user: unavailable from each resource.
    if (type === 'unsubscribe' && hasFrom(state)) sendPresenceTo(user, contact, false);
  };

  for (const type of TYPES) {
    router.handlers.onStanza(outboundKey('presence', type), (stanza, context) => outbound(type, stanza, context));
    // A subscription stanza to a full JID is handled as if sent to the bare JID (RFC 6121 §8.5.3.2.2).
    router.handlers.onStanza(presenceKey(type, 'bare'), (stanza, context) => inbound(type, stanza, context));
    router.handlers.onStanza(presenceKey(type, 'full'), (stanza, context) => inbound(type, stanza, context));
  }
}
