// Blocking Command (XEP-0191): the blocklist (§3.2), block (§3.3), unblock and unblock-all
// (§3.4, §3.5) with pushes to interested resources, and the block enforced both ways (§3.3) by
// router filters that answer from memory once the account's list is loaded.
import { randomBytes } from 'node:crypto';
import type { BlockingStore } from '../persistence/ports.js';
import type { FilterVerdict, IqOutcome, StanzaContext } from '../router/handlers.js';
import type { Router } from '../router/router.js';
import type { ClientRoute } from '../router/session.js';
import { cloneElement, xml, type Element } from '../xmpp/element.js';
import type { Jid } from '../xmpp/jid.js';
import { NS } from '../xmpp/namespaces.js';
import { canBounce, errorReply } from '../xmpp/stanza-errors.js';
import { BlocklistCache } from './blocklist-cache.js';
import { blockedError, blockingElement, inboundBlockedVerdict, isBlocked, parseBlockItems, presenceRecipients } from './blocklist.js';
import type { RosterBook } from './roster-book.js';
import { hasFrom } from './subscription-states.js';

export interface BlockingOptions {
  blocking: BlockingStore;
  /** Subscription states: only contacts allowed to see the user's presence hear of a block (§3.3, §3.4). */
  rosters: RosterBook;
}

export interface Blocking {
  /** Whether the account blocks a JID: the server then sends it none of the account's presence (§3.3). */
  blocks: (account: Jid, jid: Jid) => boolean | Promise<boolean>;
  /** Forgets what is held in memory for an account that was deleted. */
  forget(account: Jid): void;
}

const FORBIDDEN: IqOutcome = { type: 'error', error: { condition: 'forbidden', text: 'only your own blocklist' } };

function isOwnAccount({ from, to }: StanzaContext): boolean {
  return to.equals(from.bare());
}

/** An account never blocks itself or its own server, whatever its list says. */
function isExempt(account: Jid, other: Jid): boolean {
  return (other.isDomain && other.domain === account.domain) || (other.local === account.local && other.domain === account.domain);
}

function inboundVerdict(blocklist: ReadonlySet<string>, stanza: Element, { from }: StanzaContext): FilterVerdict {
  return isBlocked(blocklist, from) ? inboundBlockedVerdict(stanza) : 'pass';
}

function outboundVerdict(blocklist: ReadonlySet<string>, stanza: Element, { to, origin }: StanzaContext): FilterVerdict {
  if (!isBlocked(blocklist, to)) return 'pass';
  // Delivered straight to the sender: routed, the error would come from the blocked JID and the
  // sender's own inbound filter would drop it.
  if (origin !== undefined && canBounce(stanza)) origin.deliver(errorReply(stanza, blockedError()));
  return 'drop';
}

export function registerBlocking(router: Router, options: BlockingOptions): Blocking {
  const cache = new BlocklistCache(options.blocking, (account) => router.sessions.getAll(account).length > 0);
  // §3.3: pushes go to the resources that asked for the blocklist in their session.
  const interested = new WeakSet<ClientRoute>();

  const push = (account: Jid, name: 'block' | 'unblock', jids: readonly string[]): void => {
    for (const session of router.sessions.getAll(account)) {
      if (!interested.has(session)) continue;
      const id = `push-${randomBytes(6).toString('base64url')}`;
      session.deliver(xml('iq', { type: 'set', id, to: session.jid.toString() }, blockingElement(name, jids)));
    }
  };

  /** §3.3, §3.4: each available resource's presence goes to the (un)blocked contacts allowed to see it. */
  const tellContacts = async (account: Jid, jids: readonly string[], presenceOf: (session: ClientRoute) => Element | undefined): Promise<void> => {
    if (jids.length === 0 || !router.sessions.getAll(account).some((session) => session.availability.isAvailable)) return;
    const { items } = await options.rosters.roster(account);
    const subscribers = [...items.values()].filter(hasFrom).map((item) => item.jid);
    const available = router.sessions.getAll(account).filter((session) => session.availability.isAvailable);
    for (const to of presenceRecipients(jids, subscribers)) {
      for (const session of available) {
        const presence = presenceOf(session);
        if (presence === undefined) continue;
        presence.attrs.from = session.jid.toString();
        presence.attrs.to = to;
        void router.forward(presence, session);
      }
    }
  };

  router.handlers.onIq('get', 'bare', NS.blocking, async (_iq, request, context) => {
    if (!isOwnAccount(context)) return FORBIDDEN;
    if (request.name !== 'blocklist') return { type: 'error', error: { condition: 'bad-request', text: 'expected <blocklist/>' } };
    if (context.origin !== undefined) interested.add(context.origin);
    const blocklist = await cache.load(context.to);
    return { type: 'result', payload: blockingElement('blocklist', [...blocklist].sort()) };
  });

  router.handlers.onIq('set', 'bare', NS.blocking, async (_iq, command, context) => {
    if (!isOwnAccount(context)) return FORBIDDEN;
    if (command.name !== 'block' && command.name !== 'unblock') {
      return { type: 'error', error: { condition: 'bad-request', text: 'expected <block/> or <unblock/>' } };
    }
    const request = parseBlockItems(command);
    if (request.kind === 'error') return { type: 'error', error: request.error };
    const account = context.to;
    if (command.name === 'block') {
      if (request.jids.length === 0) return { type: 'error', error: { condition: 'bad-request', text: 'a block needs at least one item' } };
      const added = await cache.block(account, request.jids);
      push(account, 'block', request.jids);
      await tellContacts(account, added, () => xml('presence', { type: 'unavailable' }));
      return { type: 'result' };
    }
    // §3.5: an empty <unblock/> unblocks everyone, and its push is empty too.
    const removed = await cache.unblock(account, request.jids.length === 0 ? 'all' : request.jids);
    push(account, 'unblock', request.jids);
    await tellContacts(account, removed, (session) => {
      const { lastPresence } = session.availability;
      return lastPresence === undefined ? undefined : cloneElement(lastPresence);
    });
    return { type: 'result' };
  });

  // §3.3: what a blocked JID sends to the user is dropped or refused as if the user were offline.
  router.addInboundFilter((stanza, context) => {
    const account = context.to.bare();
    if (isExempt(account, context.from)) return 'pass';
    const blocklist = cache.peek(account);
    if (blocklist !== undefined) return inboundVerdict(blocklist, stanza, context);
    return cache.load(account).then((loaded) => inboundVerdict(loaded, stanza, context));
  });

  // §3.3: what the user sends to a JID they block is refused with <not-acceptable/><blocked/>.
  router.addOutboundFilter((stanza, context) => {
    const account = context.from.bare();
    if (isExempt(account, context.to)) return 'pass';
    const blocklist = cache.peek(account);
    if (blocklist !== undefined) return outboundVerdict(blocklist, stanza, context);
    return cache.load(account).then((loaded) => outboundVerdict(loaded, stanza, context));
  });

  return {
    blocks: (account, jid) => {
      if (isExempt(account, jid)) return false;
      const blocklist = cache.peek(account);
      return blocklist === undefined ? cache.load(account).then((loaded) => isBlocked(loaded, jid)) : isBlocked(blocklist, jid);
    },
    forget: (account) => cache.forget(account),
  };
}
