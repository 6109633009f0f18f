// Roster management (RFC 6121 §2): get with versioning (§2.6), add/update, remove with the
// subscription cancellations it implies (§2.5.2), and pushes to every interested resource.
import { randomBytes } from 'node:crypto';
import type { RosterItem } from '../persistence/ports.js';
import type { IqOutcome, StanzaContext } from '../router/handlers.js';
import type { Router } from '../router/router.js';
import type { ClientRoute } from '../router/session.js';
import { xml } from '../xmpp/element.js';
import type { Jid } from '../xmpp/jid.js';
import { NS } from '../xmpp/namespaces.js';
import type { RosterBook } from './roster-book.js';
import { itemElement, parseRosterSet, rosterPush } from './roster-items.js';
import { hasFrom, hasTo } from './subscription-states.js';

export interface RosterOptions {
  rosters: RosterBook;
  maxItems: number;
}

const FORBIDDEN: IqOutcome = { type: 'error', error: { condition: 'forbidden', text: 'only your own roster' } };

function isOwnRoster({ from, to }: StanzaContext): boolean {
  return to.equals(from.bare());
}

function listedCount(items: ReadonlyMap<string, RosterItem>): number {
  let count = 0;
  for (const item of items.values()) if (item.isListed) count += 1;
  return count;
}

export function registerRoster(router: Router, { rosters, maxItems }: RosterOptions): void {
  // RFC 6121 §2.1.6: an "interested resource" has asked for the roster in this session.
  const interested = new WeakSet<ClientRoute>();

  rosters.onChange((account, { before, after, version }) => {
    let pushed: RosterItem | { jid: string; removed: true };
    // A change clients cannot see (a pending request stored again) is not pushed.
    if (after?.isListed === true && before?.isListed === true && itemElement(after).toString() === itemElement(before).toString()) return;
    if (after?.isListed === true) pushed = after;
    else if (before?.isListed === true) pushed = { jid: before.jid, removed: true };
    else return;
    for (const session of router.sessions.getAll(account)) {
      if (!interested.has(session)) continue;
      session.deliver(rosterPush(pushed, version, session.jid.toString(), `push-${randomBytes(6).toString('base64url')}`));
    }
  });

  router.handlers.onIq('get', 'bare', NS.roster, async (_iq, query, context) => {
    if (!isOwnRoster(context)) return FORBIDDEN;
    if (context.origin !== undefined) interested.add(context.origin);
    const { version, items } = await rosters.roster(context.to);
    // RFC 6121 §2.6.3: an up-to-date cached roster gets an empty result.
    if (query.attrs.ver !== undefined && query.attrs.ver === String(version)) return { type: 'result' };
    const listed = [...items.values()].filter((item) => item.isListed).sort((a, b) => (a.jid < b.jid ? -1 : 1));
    return { type: 'result', payload: xml('query', { xmlns: NS.roster, ver: String(version) }, ...listed.map(itemElement)) };
  });

  router.handlers.onIq('set', 'bare', NS.roster, async (_iq, query, context) => {
    if (!isOwnRoster(context)) return FORBIDDEN;
    const request = parseRosterSet(query);
    if (request.kind === 'error') return { type: 'error', error: request.error };
    const account = context.to;
    if (request.kind === 'remove') {
      const { before } = await rosters.modify(account, request.jid, (item) => (item?.isListed === true ? 'remove' : 'keep'));
      if (before?.isListed !== true) return { type: 'error', error: { condition: 'item-not-found' } };
      cancelSubscriptions(router, account, before);
      return { type: 'result' };
    }
    const { items } = await rosters.roster(account);
    if (items.get(request.jid)?.isListed !== true && listedCount(items) >= maxItems) {
      return { type: 'error', error: { condition: 'not-allowed', text: `a roster holds at most ${maxItems} items` } };
    }
    await rosters.modify(account, request.jid, (existing) => {
      const item: RosterItem = {
        ...(existing ?? { subscription: 'none', pendingOut: false, pendingIn: false, preApproved: false }),
        jid: request.jid,
        groups: request.groups,
        isListed: true,
      };
      if (request.name === undefined) delete item.name;
      else item.name = request.name;
      return item;
    });
    return { type: 'result' };
  });
}

/**
 * RFC 6121 §2.5.2: removing a contact ends the subscriptions in both directions; a contact that
 * saw the user's presence gets unavailable from each of the user's available resources.
 */
function cancelSubscriptions(router: Router, account: Jid, item: RosterItem): void {
  const from = account.bare().toString();
  if (hasTo(item) || item.pendingOut) void router.forward(xml('presence', { type: 'unsubscribe', from, to: item.jid }));
  if (hasFrom(item) || item.pendingIn) void router.forward(xml('presence', { type: 'unsubscribed', from, to: item.jid }));
  if (!hasFrom(item)) return;
  for (const session of router.sessions.getAll(account)) {
    if (session.availability.isAvailable) void router.forward(xml('presence', { type: 'unavailable', from: session.jid.toString(), to: item.jid }));
  }
}
