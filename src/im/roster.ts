// Roster management (RFC 6121 §2): get with versioning (§2.6), add/update, remove with the
// subscription cancellations it implies (§2.5.2), and pushes to every interested resource.
import { randomBytes } from 'node:crypto';
import type { RosterItem, RosterStore } from '../persistence/ports.js';
import type { IqOutcome, StanzaContext } from '../router/handlers.js';
import type { Router } from '../router/router.js';
import type { ClientRoute } from '../router/session.js';
import { xml } from '../xmpp/element.js';
import type { Jid } from '../xmpp/jid.js';
import { NS } from '../xmpp/namespaces.js';
import { itemElement, parseRosterSet, rosterPush } from './roster-items.js';

export interface RosterOptions {
  roster: RosterStore;
  maxItems: number;
}

const FORBIDDEN: IqOutcome = { type: 'error', error: { condition: 'forbidden', text: 'only your own roster' } };

function isOwnRoster({ from, to }: StanzaContext): boolean {
  return to.equals(from.bare());
}

export function registerRoster(router: Router, options: RosterOptions): void {
  // RFC 6121 §2.1.6: an "interested resource" has asked for the roster in this session.
  const interested = new WeakSet<ClientRoute>();

  const push = (account: Jid, item: RosterItem | { jid: string; removed: true }, version: number): void => {
    for (const session of router.sessions.getAll(account)) {
      if (!interested.has(session)) continue;
      session.deliver(rosterPush(item, version, session.jid.toString(), `push-${randomBytes(6).toString('base64url')}`));
    }
  };

  router.handlers.onIq('get', 'bare', NS.roster, async (_iq, query, context) => {
    if (!isOwnRoster(context)) return FORBIDDEN;
    if (context.origin !== undefined) interested.add(context.origin);
    const { version, items } = await options.roster.get(context.to.local, context.to.domain);
    // RFC 6121 §2.6.3: an up-to-date cached roster gets an empty result.
    if (query.attrs.ver !== undefined && query.attrs.ver === String(version)) return { type: 'result' };
    return {
      type: 'result',
      payload: xml('query', { xmlns: NS.roster, ver: String(version) }, ...items.filter((item) => item.isListed).map(itemElement)),
    };
  });

  router.handlers.onIq('set', 'bare', NS.roster, async (_iq, query, context) => {
    if (!isOwnRoster(context)) return FORBIDDEN;
    const request = parseRosterSet(query);
    if (request.kind === 'error') return { type: 'error', error: request.error };
    const account = context.to;
    const existing = await options.roster.getItem(account.local, account.domain, request.jid);
    if (request.kind === 'remove') {
      if (existing === undefined || !existing.isListed) return { type: 'error', error: { condition: 'item-not-found' } };
      cancelSubscriptions(router, account, existing);
      push(account, { jid: request.jid, removed: true }, await options.roster.removeItem(account.local, account.domain, request.jid));
      return { type: 'result' };
    }
    if ((existing === undefined || !existing.isListed) && (await options.roster.countListed(account.local, account.domain)) >= options.maxItems) {
      return { type: 'error', error: { condition: 'not-allowed', text: `a roster holds at most ${options.maxItems} items` } };
    }
    const item: RosterItem = {
      ...(existing ?? { subscription: 'none', pendingOut: false, pendingIn: false, preApproved: false }),
      jid: request.jid,
      groups: request.groups,
      isListed: true,
    };
    if (request.name === undefined) delete item.name;
    else item.name = request.name;
    push(account, item, await options.roster.putItem(account.local, account.domain, item));
    return { type: 'result' };
  });
}

/** RFC 6121 §2.5.2: removing a contact ends the subscriptions in both directions. */
function cancelSubscriptions(router: Router, account: Jid, item: RosterItem): void {
  const from = account.bare().toString();
  if (item.subscription === 'to' || item.subscription === 'both' || item.pendingOut) {
    void router.route(xml('presence', { type: 'unsubscribe', from, to: item.jid }));
  }
  if (item.subscription === 'from' || item.subscription === 'both' || item.pendingIn) {
    void router.route(xml('presence', { type: 'unsubscribed', from, to: item.jid }));
  }
}
