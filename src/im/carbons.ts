// Message carbons (XEP-0280): resources that enable carbons get a copy of every eligible message
// their account sends (§8) or receives (§7) on another resource, wrapped in XEP-0297 forwarding.
import { outboundKey } from '../router/handlers.js';
import type { Router } from '../router/router.js';
import type { ClientRoute } from '../router/session.js';
import { cloneElement, xml, type Element } from '../xmpp/element.js';
import type { Jid } from '../xmpp/jid.js';
import { NS } from '../xmpp/namespaces.js';

const IM_PAYLOADS = ['urn:xmpp:receipts', NS.chatStates, 'urn:xmpp:chat-markers:0', 'jabber:x:conference'];

/**
 * §6.1 "Messages Eligible for Carbons Delivery", with the MUC rules that apply to a server without
 * MUC tracking. An error counts as eligible: which message it answers is not known here.
 */
export function isCarbonEligible(message: Element, direction: 'sent' | 'received'): boolean {
  if (message.getChild('private', NS.carbons) !== undefined || message.getChild('no-copy', NS.hints) !== undefined) return false;
  if (message.getChild('received', NS.carbons) !== undefined || message.getChild('sent', NS.carbons) !== undefined) return false;
  const type = (message.attrs.type as string | undefined) ?? 'normal';
  if (type === 'groupchat') return false;
  const mucUser = message.getChild('x', NS.mucUser);
  // Mediated invitations are copied; a private message from a room occupant already reaches every joined resource.
  if (mucUser?.getChild('invite') !== undefined) return true;
  if (direction === 'received' && mucUser !== undefined) return false;
  if (type === 'chat' || type === 'error') return true;
  if (type === 'normal' && message.getChild('body') !== undefined) return true;
  return message.getChildElements().some((child) => IM_PAYLOADS.includes(child.getNS() ?? ''));
}

function carbon(direction: 'sent' | 'received', account: Jid, to: ClientRoute, original: Element): Element {
  return xml('message', { from: account.toString(), to: to.jid.toString(), type: original.attrs.type as string | undefined },
    xml(direction, { xmlns: NS.carbons }, xml('forwarded', { xmlns: NS.forward }, original)));
}

export function registerCarbons(router: Router): void {
  const enabled = new WeakSet<ClientRoute>();

  const copyTo = (direction: 'sent' | 'received', account: Jid, message: Element, skip: (session: ClientRoute) => boolean): void => {
    let original: Element | undefined;
    for (const session of router.sessions.getAll(account)) {
      if (!enabled.has(session) || skip(session)) continue;
      if (original === undefined) {
        original = cloneElement(message);
        original.attrs.xmlns = NS.client;
      }
      session.deliver(carbon(direction, account, session, original));
    }
  };

  // §4, §5: a resource turns carbons on or off for itself.
  router.handlers.onIq('set', 'bare', NS.carbons, (_iq, payload, { from, to, origin }) => {
    if (origin === undefined || !to.equals(from.bare())) {
      return { type: 'error', error: { condition: 'forbidden', text: 'a resource enables carbons for itself' } };
    }
    if (payload.name === 'enable') enabled.add(origin);
    else if (payload.name === 'disable') enabled.delete(origin);
    else return { type: 'error', error: { condition: 'bad-request', text: 'expected <enable/> or <disable/>' } };
    return { type: 'result' };
  });

  // §8: what a resource sends, its carbon-enabled siblings see.
  for (const type of ['chat', 'normal', 'error', 'headline']) {
    router.handlers.onStanza(outboundKey('message', type), async (message, { from, origin }) => {
      if (origin !== undefined && isCarbonEligible(message, 'sent')) copyTo('sent', from.bare(), message, (session) => session === origin);
      await router.forward(message, origin);
    });
  }

  // §7: what the account receives, the carbon-enabled resources that did not get it see.
  router.onMessageDelivered((message, { to }, deliveredTo) => {
    if (!isCarbonEligible(message, 'received')) return;
    copyTo('received', to.bare(), message, (session) => deliveredTo.includes(session));
  });
}
