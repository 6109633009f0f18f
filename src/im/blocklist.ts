// Blocking Command (XEP-0191) without I/O: reading block and unblock items (§3.3, §3.4), JID
// matching (§4, the order of XEP-0016 §2.1) and what happens to a stanza from a blocked JID (§3.3).
import { isIP } from 'node:net';
import type { FilterVerdict } from '../router/handlers.js';
import { xml, type Element } from '../xmpp/element.js';
import { Jid } from '../xmpp/jid.js';
import { NS } from '../xmpp/namespaces.js';
import type { StanzaErrorSpec } from '../xmpp/stanza-errors.js';

export type BlockItems = { kind: 'items'; jids: string[] } | { kind: 'error'; error: StanzaErrorSpec };

/** The normalised JIDs of a `<block/>` or `<unblock/>`, without duplicates, in the order given. */
export function parseBlockItems(command: Element): BlockItems {
  const jids = new Set<string>();
  for (const child of command.getChildElements()) {
    if (child.name !== 'item') return { kind: 'error', error: { condition: 'bad-request', text: `unexpected <${child.name}/>` } };
    const attr = child.attrs.jid as string | undefined;
    if (attr === undefined) return { kind: 'error', error: { condition: 'bad-request', text: 'an item needs a jid' } };
    const jid = Jid.tryParse(attr);
    if (jid === undefined) return { kind: 'error', error: { condition: 'jid-malformed', text: 'an item has an invalid jid' } };
    jids.add(jid.toString());
  }
  return { kind: 'items', jids: [...jids] };
}

/** A `<blocklist/>` result, or the `<block/>` or `<unblock/>` of a push. */
export function blockingElement(name: 'block' | 'unblock' | 'blocklist', jids: Iterable<string>): Element {
  return xml(name, { xmlns: NS.blocking }, ...[...jids].map((jid) => xml('item', { jid })));
}

/**
 * §4: whether a blocklist covers a JID. A full JID item matches only itself (user@domain/resource,
 * domain/resource), a bare JID item any of its resources, a domain item the domain, everything at
 * it and everything at its subdomains. One set lookup per candidate, so cost does not grow with the list.
 */
export function isBlocked(blocklist: ReadonlySet<string>, jid: Jid): boolean {
  if (blocklist.size === 0) return false;
  if (blocklist.has(jid.toString())) return true;
  if (jid.local !== '' && blocklist.has(`${jid.local}@${jid.domain}`)) return true;
  if (blocklist.has(jid.domain)) return true;
  // An IP literal has no parent domains.
  if (jid.domain.startsWith('[') || isIP(jid.domain) !== 0) return false;
  for (let dot = jid.domain.indexOf('.'); dot !== -1; dot = jid.domain.indexOf('.', dot + 1)) {
    if (blocklist.has(jid.domain.slice(dot + 1))) return true;
  }
  return false;
}

/**
 * §3.3: a blocked contact's presence is dropped without an answer, a message or iq request is
 * answered with service-unavailable (the user looks offline), anything else is dropped.
 */
export function inboundBlockedVerdict(stanza: Element): FilterVerdict {
  const type = stanza.attrs.type as string | undefined;
  if (stanza.name === 'presence' || type === 'error') return 'drop';
  // A groupchat or headline is dropped, not bounced: a room takes an error from an occupant for
  // the occupant being gone (XEP-0045 §18.1.2) and would remove the one who blocked a sender.
  if (stanza.name === 'message' && (type === 'groupchat' || type === 'headline')) return 'drop';
  if (stanza.name === 'message' || type === 'get' || type === 'set') return { bounce: { condition: 'service-unavailable' } };
  return 'drop';
}

/** §3.3: the error a user gets for sending to a JID they block. */
export function blockedError(): StanzaErrorSpec {
  return { condition: 'not-acceptable', type: 'cancel', appCondition: xml('blocked', { xmlns: NS.blockingErrors }) };
}

/**
 * §3.3, §3.4: who is told of the user's presence when items are blocked or unblocked — only
 * contacts allowed to receive it (`subscribers`: bare JIDs with a 'from' or 'both' subscription).
 * A full JID item reaches only that resource; a domain item every subscriber it covers.
 */
export function presenceRecipients(items: readonly string[], subscribers: readonly string[]): string[] {
  const recipients = new Set<string>();
  const subscriberSet = new Set(subscribers);
  for (const item of items) {
    const jid = Jid.parse(item);
    if (jid.local !== '') {
      if (subscriberSet.has(jid.bare().toString())) recipients.add(item);
      continue;
    }
    const single = new Set([item]);
    for (const subscriber of subscribers) {
      if (isBlocked(single, Jid.parse(subscriber))) recipients.add(subscriber);
    }
  }
  return [...recipients];
}
