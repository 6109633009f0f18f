// Presence (RFC 6121 §4): a resource's own presence with its priority, broadcast to the
// account's resources and to subscribers, probes on initial presence and their answers,
// directed presence (§4.6), and unavailable to all of them when a session ends by any means.
import { outboundKey, presenceKey, type StanzaContext } from '../router/handlers.js';
import type { Router } from '../router/router.js';
import type { ClientRoute } from '../router/session.js';
import { cloneElement, parseElement, xml, type Element } from '../xmpp/element.js';
import { Jid } from '../xmpp/jid.js';
import type { RosterBook } from './roster-book.js';
import { hasFrom, hasTo } from './subscription-states.js';

/** RFC 6121 §4.7.2.3: an integer from -128 to 127; absent or invalid means 0. */
export function presencePriority(presence: Element): number {
  const text = presence.getChildText('priority');
  if (text === null) return 0;
  const value = Number.parseInt(text.trim(), 10);
  return Number.isInteger(value) && value >= -128 && value <= 127 ? value : 0;
}

export interface PresenceService {
  /** Told when a session sends its initial presence (after probes and pending requests went out). */
  onInitialPresence(listener: (session: ClientRoute) => void | Promise<void>): void;
}

export interface PresenceOptions {
  rosters: RosterBook;
  /** XEP-0191: a JID the account blocks gets none of its presence. */
  blocks: (account: Jid, jid: Jid) => boolean | Promise<boolean>;
}

export function registerPresence(router: Router, { rosters, blocks }: PresenceOptions): PresenceService {
  const initialListeners: ((session: ClientRoute) => void | Promise<void>)[] = [];
  /** Contacts that got directed presence from a session and must hear when it goes (§4.6.3). */
  const directed = new WeakMap<ClientRoute, Set<string>>();

  const toOwnResources = (account: Jid, presence: Element): void => {
    for (const session of router.sessions.getAll(account)) {
      if (session.availability.isAvailable) session.deliver(presence);
    }
  };

  /** Sends a copy addressed to each JID the account does not block (the addressee's own blocklist is a router filter). */
  const sendTo = async (account: Jid, targets: Iterable<string>, presence: Element): Promise<void> => {
    for (const target of targets) {
      // Answered from memory for an online account: no await per contact on the broadcast path.
      const isBlocked = blocks(account, Jid.parse(target));
      if (isBlocked === true || (isBlocked !== false && (await isBlocked))) continue;
      const copy = cloneElement(presence);
      copy.attrs.to = target;
      void router.forward(copy);
    }
  };

  const isOfflineLocalAccount = (jid: string): boolean => {
    const contact = Jid.parse(jid);
    return router.isLocalDomain(contact.domain) && router.sessions.getAll(contact).length === 0;
  };

  const subscribers = async (account: Jid): Promise<string[]> => {
    const { items } = await rosters.roster(account);
    return [...items.values()].filter(hasFrom).map((item) => item.jid);
  };

  const broadcastUnavailable = async (session: ClientRoute, presence: Element): Promise<void> => {
    const account = session.jid.bare();
    toOwnResources(account, presence);
    const targets = new Set(await subscribers(account));
    for (const jid of directed.get(session) ?? []) targets.add(jid);
    directed.delete(session);
    await sendTo(account, targets, presence);
  };

  router.handlers.onStanza(presenceKey('', 'none'), async (presence, { origin }) => {
    if (origin === undefined) return;
    const isInitial = !origin.availability.isAvailable;
    origin.availability.isAvailable = true;
    origin.availability.priority = presencePriority(presence);
    origin.availability.lastPresence = presence;
    const account = origin.jid.bare();
    toOwnResources(account, presence);
    const { items } = await rosters.roster(account);
    await sendTo(account, [...items.values()].filter(hasFrom).map((item) => item.jid), presence);
    if (!isInitial) return;
    // §4.2.2: probe the contacts the user is subscribed to; §3.1.3: requests that waited for the user.
    // A contact of this server with no session would only answer "unavailable", which a client
    // assumes anyway: no probe, and no storage read for it.
    const probed = [...items.values()].filter(hasTo).map((item) => item.jid).filter((jid) => !isOfflineLocalAccount(jid));
    await sendTo(account, probed, xml('presence', { type: 'probe', from: account.toString() }));
    for (const item of items.values()) {
      if (item.pendingIn && item.pendingInStanza !== undefined) origin.deliver(parseElement(item.pendingInStanza));
    }
    for (const listener of initialListeners) await listener(origin);
  });

  router.handlers.onStanza(presenceKey('unavailable', 'none'), async (presence, { origin }) => {
    if (origin === undefined || !origin.availability.isAvailable) return;
    origin.availability.isAvailable = false;
    delete origin.availability.lastPresence;
    origin.deliver(presence);
    await broadcastUnavailable(origin, presence);
  });

  router.onUnbind((session) => {
    const unavailable = xml('presence', { type: 'unavailable', from: session.jid.toString() });
    if (!session.availability.isAvailable) {
      // Directed presence sent without initial presence (a bot entering a room) is withdrawn too.
      const targets = directed.get(session);
      directed.delete(session);
      if (targets !== undefined) void sendTo(session.jid.bare(), targets, unavailable);
      return;
    }
    session.availability.isAvailable = false;
    delete session.availability.lastPresence;
    void broadcastUnavailable(session, unavailable);
  });

  // §4.6: directed presence goes where it is sent, and is remembered until it is withdrawn.
  router.handlers.onStanza(outboundKey('presence', 'available'), async (presence, { to, origin }) => {
    if (origin !== undefined && !to.bare().equals(origin.jid.bare())) {
      let targets = directed.get(origin);
      if (targets === undefined) directed.set(origin, (targets = new Set()));
      targets.add(to.toString());
    }
    await router.forward(presence, origin);
  });
  router.handlers.onStanza(outboundKey('presence', 'unavailable'), async (presence, { to, origin }) => {
    if (origin !== undefined) directed.get(origin)?.delete(to.toString());
    await router.forward(presence, origin);
  });

  const answerProbe = async (_probe: Element, { from, to }: StanzaContext): Promise<void> => {
    const account = to.bare();
    const prober = from.bare();
    // §4.3.2: only a subscriber (or the account itself) learns the account's presence.
    const item = await rosters.item(account, prober.toString());
    if (!prober.equals(account) && (item === undefined || !hasFrom(item) || (await blocks(account, from)))) return;
    const available = router.sessions.getAll(account).filter((session) => session.availability.isAvailable);
    if (available.length === 0) {
      void router.forward(xml('presence', { type: 'unavailable', from: account.toString(), to: from.toString() }));
      return;
    }
    for (const session of available) {
      const last = session.availability.lastPresence;
      if (last === undefined) continue;
      const copy = cloneElement(last);
      copy.attrs.to = from.toString();
      void router.forward(copy);
    }
  };
  router.handlers.onStanza(presenceKey('probe', 'bare'), answerProbe);
  router.handlers.onStanza(presenceKey('probe', 'full'), answerProbe);

  return {
    onInitialPresence: (listener) => {
      initialListeners.push(listener);
    },
  };
}
