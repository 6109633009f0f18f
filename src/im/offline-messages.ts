// Offline messages (XEP-0160): a message for an account with no available resource is kept,
// stamped with XEP-0203 delay, up to a per-account limit, and delivered in order when a
// resource of the account sends initial presence with a non-negative priority.
import type { Logger } from 'pino';
import type { OfflineStore } from '../persistence/ports.js';
import type { Router } from '../router/router.js';
import { cloneElement, parseElement, xml, type Element } from '../xmpp/element.js';
import { NS } from '../xmpp/namespaces.js';
import type { PresenceService } from './presence.js';

export interface OfflineOptions {
  store: OfflineStore;
  /** Most messages kept for one account; beyond it senders get service-unavailable. */
  maxMessages: number;
  domain: string;
  log: Logger;
}

/**
 * Worth keeping: XEP-0334 `<store/>` on anything but an error, else chat or normal (XEP-0160 §3)
 * unless `<no-store/>`, and a chat message only with more than chat states (XEP-0085).
 */
export function isStorable(message: Element): boolean {
  const type = (message.attrs.type as string | undefined) ?? 'normal';
  if (type === 'error') return false;
  if (message.getChild('store', NS.hints) !== undefined) return true;
  if (type !== 'chat' && type !== 'normal') return false;
  if (message.getChild('no-store', NS.hints) !== undefined) return false;
  if (type === 'normal' || message.getChild('body') !== undefined) return true;
  return message.getChildElements().some((child) => child.getNS() !== NS.chatStates && child.name !== 'thread' && child.name !== 'delay');
}

export function registerOfflineMessages(router: Router, presence: PresenceService, options: OfflineOptions): void {
  const { store, maxMessages, domain, log } = options;

  router.useOfflineStore(async (message, to) => {
    if (!isStorable(message)) return 'drop';
    const kept = cloneElement(message);
    kept.attrs.to = to.bare().toString();
    if (kept.getChild('delay', NS.delay) === undefined) {
      kept.cnode(xml('delay', { xmlns: NS.delay, from: domain, stamp: new Date().toISOString() }, 'Offline storage'));
    }
    const isStored = await store.store(to.local, to.domain, kept.toString(), maxMessages);
    if (!isStored) log.info({ account: to.bare().toString() }, 'offline storage is full; message bounced');
    return isStored ? 'stored' : 'bounce';
  });

  presence.onInitialPresence(async (session) => {
    if (session.availability.priority < 0) return;
    const { local, domain: accountDomain } = session.jid;
    const messages = await store.list(local, accountDomain);
    if (messages.length === 0) return;
    for (const { stanza } of messages) session.deliver(parseElement(stanza));
    await store.remove(local, accountDomain, messages.map((message) => message.id));
  });
}
