// The service's own address (XEP-0045 §6.1–6.3, §10.1.4): disco#info, the public rooms as
// disco#items (with XEP-0059 paging), a unique room name, and ping.
import { randomBytes } from 'node:crypto';
import { xml, type Element } from '../xmpp/element.js';
import { NS } from '../xmpp/namespaces.js';
import { pageOf, readRsm, rsmSet, type RsmOrder } from '../xmpp/rsm.js';
import type { StanzaErrorSpec } from '../xmpp/stanza-errors.js';

export interface ListedRoom {
  jid: string;
  name: string;
}

const SERVICE_FEATURES = [NS.muc, NS.discoInfo, NS.discoItems, NS.mucUnique, NS.ping, NS.mucStableId, NS.occupantId, NS.mam, NS.search];

export function serviceDiscoInfo(name: string): Element {
  return xml('query', { xmlns: NS.discoInfo },
    xml('identity', { category: 'conference', type: 'text', name }),
    ...SERVICE_FEATURES.map((feature) => xml('feature', { var: feature })));
}

/** Rooms are paged by JID, in JID order; a room gone since the last page still marks its place. */
const byJid = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const BY_JID: RsmOrder<ListedRoom> = { idOf: (room) => room.jid, compare: byJid };

/** §6.3 with XEP-0059: rooms in JID order, `max` at a time, after or before a JID (an empty <before/> is the last page). */
export function serviceDiscoItems(rooms: readonly ListedRoom[], query: Element): Element | StanzaErrorSpec {
  const sorted = [...rooms].sort((a, b) => byJid(a.jid, b.jid));
  const item = (room: ListedRoom): Element => xml('item', { jid: room.jid, name: room.name });
  const request = readRsm(query);
  if (request !== undefined && 'condition' in request) return request;
  // XEP-0059 §2.6: an empty full result set is the wrapper protocol's empty answer.
  if (request === undefined || sorted.length === 0) return xml('query', { xmlns: NS.discoItems }, ...sorted.map(item));
  const page = pageOf(sorted, BY_JID, request);
  if ('condition' in page) return page;
  return xml('query', { xmlns: NS.discoItems }, ...page.items.map(item), rsmSet(page, BY_JID.idOf));
}

/** §10.1.4: a room name nobody uses (random, so unique in practice). */
export function uniqueRoomName(): Element {
  return xml('unique', { xmlns: NS.mucUnique }, randomBytes(10).toString('hex'));
}
