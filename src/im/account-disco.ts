// Service discovery of accounts (XEP-0030 §3.1, §4.1): the server answers disco#info and
// disco#items sent to an account's bare JID, within the access rules of XEP-0030 §8.
import type { IqOutcome, StanzaContext } from '../router/handlers.js';
import type { Router } from '../router/router.js';
import { xml } from '../xmpp/element.js';
import { NS } from '../xmpp/namespaces.js';
import type { RosterBook } from './roster-book.js';
import { hasFrom } from './subscription-states.js';

export interface AccountDiscoOptions {
  /** Subscription states: who may receive the account's presence may also discover it. */
  rosters: RosterBook;
}

// XEP-0030 §8: the answer an unauthorised requester gets, the same as for an account that does
// not exist, so that accounts cannot be harvested.
const UNAVAILABLE: IqOutcome = { type: 'error', error: { condition: 'service-unavailable' } };
const NO_NODES: IqOutcome = { type: 'error', error: { condition: 'item-not-found' } };

type Requester = 'owner' | 'trusted' | 'stranger';

export function registerAccountDisco(router: Router, options: AccountDiscoOptions): void {
  /** §8: the owner, the account's own server, and contacts the account shares its presence with. */
  const requester = async ({ from, to }: StanzaContext): Promise<Requester> => {
    if (to.equals(from.bare())) return 'owner';
    if (from.isDomain && from.domain === to.domain) return 'trusted';
    const contact = await options.rosters.item(to, from.bare().toString());
    return contact !== undefined && hasFrom(contact) ? 'trusted' : 'stranger';
  };

  router.handlers.onIq('get', 'bare', NS.discoInfo, async (_iq, query, context) => {
    const who = await requester(context);
    if (who === 'stranger') return UNAVAILABLE;
    if (query.attrs.node !== undefined) return NO_NODES;
    // Only the owner learns what the server does on the account's behalf.
    const features = new Set([NS.discoInfo, NS.discoItems, ...(who === 'owner' ? router.handlers.namespaces('bare') : [])]);
    return {
      type: 'result',
      payload: xml('query', { xmlns: NS.discoInfo },
        xml('identity', { category: 'account', type: 'registered' }),
        ...[...features].sort().map((feature) => xml('feature', { var: feature }))),
    };
  });

  // §8: no resources are listed, so the empty result leaks nothing to anyone.
  router.handlers.onIq('get', 'bare', NS.discoItems, (_iq, query) => {
    if (query.attrs.node !== undefined) return NO_NODES;
    return { type: 'result', payload: xml('query', { xmlns: NS.discoItems }) };
  });
}
