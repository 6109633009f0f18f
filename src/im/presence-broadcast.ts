// A resource's own presence (RFC 6121 §4.2, §4.5): availability and priority for delivery
// decisions, broadcast to the account's available resources, unavailable when a session ends.
import type { Router } from '../router/router.js';
import { presenceKey } from '../router/handlers.js';
import type { ClientRoute } from '../router/session.js';
import { xml, type Element } from '../xmpp/element.js';
import type { Jid } from '../xmpp/jid.js';

/** RFC 6121 §4.7.2.3: an integer from -128 to 127; absent or invalid means 0. */
export function presencePriority(presence: Element): number {
  const text = presence.getChildText('priority');
  if (text === null) return 0;
  const value = Number.parseInt(text.trim(), 10);
  return Number.isInteger(value) && value >= -128 && value <= 127 ? value : 0;
}

function broadcastToOwnResources(router: Router, account: Jid, presence: Element): void {
  for (const session of router.sessions.getAll(account)) {
    if (session.availability.isAvailable) session.deliver(presence);
  }
}

export function registerPresenceBroadcast(router: Router): void {
  router.handlers.onStanza(presenceKey('', 'none'), (presence, { origin }) => {
    if (origin === undefined) return;
    origin.availability.isAvailable = true;
    origin.availability.priority = presencePriority(presence);
    origin.availability.lastPresence = presence;
    broadcastToOwnResources(router, origin.jid.bare(), presence);
  });
  router.handlers.onStanza(presenceKey('unavailable', 'none'), (presence, { origin }) => {
    if (origin === undefined || !origin.availability.isAvailable) return;
    origin.availability.isAvailable = false;
    delete origin.availability.lastPresence;
    broadcastToOwnResources(router, origin.jid.bare(), presence);
    origin.deliver(presence);
  });
  router.onUnbind((session: ClientRoute) => {
    if (!session.availability.isAvailable) return;
    session.availability.isAvailable = false;
    broadcastToOwnResources(router, session.jid.bare(), xml('presence', { type: 'unavailable', from: session.jid.toString() }));
  });
}
