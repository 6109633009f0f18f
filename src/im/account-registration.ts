// In-band registration for logged-in users (XEP-0077): whether and as whom one is registered
// (§3.1), cancelling the registration (§3.2), changing the password (§3.3).
import type { AccountCredentials, AccountStore, RosterItem } from '../persistence/ports.js';
import type { IqHandler, IqOutcome, StanzaContext } from '../router/handlers.js';
import type { Router } from '../router/router.js';
import { xml, type Element } from '../xmpp/element.js';
import { Jid, normalizeLocal } from '../xmpp/jid.js';
import { NS } from '../xmpp/namespaces.js';
import type { RosterBook } from './roster-book.js';
import { hasFrom, hasTo } from './subscription-states.js';

export interface AccountRegistrationOptions {
  accounts: AccountStore;
  /** Read before a cancellation, to end the account's presence subscriptions. */
  rosters: RosterBook;
  deriveCredentials(password: string): Promise<AccountCredentials>;
  /** Told after an account was deleted, for what other modules hold of it in memory. */
  onAccountDeleted(account: Jid): void;
}

const error = (condition: 'bad-request' | 'forbidden' | 'registration-required', text: string): IqOutcome =>
  ({ type: 'error', error: { condition, text } });

/** The account a request is about: the sender's, when sent to the host or to the sender's own bare JID. */
function accountOf(router: Router, query: Element, { from, to }: StanzaContext): Jid | IqOutcome {
  if (query.name !== 'query') return error('bad-request', 'expected <query/>');
  if (!router.isLocalDomain(from.domain) || from.local === '') return error('registration-required', 'not an account of this server');
  if (to.local !== '' && !to.equals(from.bare())) return error('forbidden', 'only your own registration');
  return from.bare();
}

export function registerAccountRegistration(router: Router, options: AccountRegistrationOptions): void {
  const get: IqHandler = (_iq, query, context) => {
    const account = accountOf(router, query, context);
    if (!(account instanceof Jid)) return account;
    return { type: 'result', payload: xml('query', { xmlns: NS.register }, xml('registered'), xml('username', {}, account.local)) };
  };

  const set: IqHandler = async (iq, query, context) => {
    const account = accountOf(router, query, context);
    if (!(account instanceof Jid)) return account;
    if (query.getChild('remove') === undefined) return changePassword(query, account, options);
    // §3.2: <remove/> must be alone.
    if (query.getChildElements().length !== 1) return error('bad-request', '<remove/> must be the only child of <query/>');
    return cancelRegistration(router, iq, context, account, options);
  };

  for (const target of ['host', 'bare'] as const) {
    router.handlers.onIq('get', target, NS.register, get);
    router.handlers.onIq('set', target, NS.register, set);
  }
}

/** §3.3: username and new password; the username must be the sender's, the password not empty. */
async function changePassword(query: Element, account: Jid, options: AccountRegistrationOptions): Promise<IqOutcome> {
  const username = query.getChildText('username');
  const password = query.getChildText('password') ?? '';
  if (username === null || password === '') return error('bad-request', 'a username and a non-empty password are required');
  if (normalizeLocal(username) !== account.local) return error('bad-request', 'the username is not the one you are logged in as');
  const isChanged = await options.accounts.setCredentials(account.local, account.domain, await options.deriveCredentials(password));
  return isChanged ? { type: 'result' } : error('registration-required', 'the account no longer exists');
}

/**
 * §3.2: deletes the account and everything stored for it, answers the request, closes every
 * session of the account with a <not-authorized/> stream error, and ends its presence subscriptions.
 */
async function cancelRegistration(router: Router, iq: Element, context: StanzaContext, account: Jid, options: AccountRegistrationOptions): Promise<IqOutcome> {
  const { items } = await options.rosters.roster(account);
  if (!(await options.accounts.delete(account.local, account.domain))) return error('registration-required', 'the account no longer exists');
  options.onAccountDeleted(account);
  // The result goes out before the stream error ends the session; the router's own copy of it
  // then finds the session closed and is dropped.
  context.origin?.deliver(xml('iq', {
    type: 'result',
    id: iq.attrs.id as string,
    from: iq.attrs.to === undefined ? undefined : context.to.toString(),
    to: context.from.toString(),
  }));
  for (const session of router.sessions.getAll(account)) session.close({ condition: 'not-authorized', text: 'the account was deleted' });
  for (const item of items.values()) cancelSubscriptions(router, account, item);
  return { type: 'result' };
}

/** RFC 6121 §2.5.2, as for a removed roster item: contacts learn that the subscriptions ended. */
function cancelSubscriptions(router: Router, account: Jid, item: RosterItem): void {
  const from = account.toString();
  if (hasTo(item) || item.pendingOut) void router.forward(xml('presence', { type: 'unsubscribe', from, to: item.jid }));
  if (hasFrom(item) || item.pendingIn) void router.forward(xml('presence', { type: 'unsubscribed', from, to: item.jid }));
}
