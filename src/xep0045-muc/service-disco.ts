// The service's own address (XEP-0045 §6.1–6.3, §10.1.4): disco#info, the public rooms as
// disco#items (with XEP-0059 paging), a unique room name, and ping.
import { randomBytes } from 'node:crypto';
import { xml, type Element } from '../xmpp/element.js';
import { NS } from '../xmpp/namespaces.js';
import type { StanzaErrorSpec } from '../xmpp/stanza-errors.js';

export interface ListedRoom {
  jid: string;
  name: string;
}

const SERVICE_FEATURES = [NS.muc, NS.discoInfo, NS.discoItems, NS.mucUnique, NS.ping, NS.mucStableId, NS.occupantId, NS.mam];

export function serviceDiscoInfo(name: string): Element {
  return xml('query', { xmlns: NS.discoInfo },
    xml('identity', { category: 'conference', type: 'text', name }),
    ...SERVICE_FEATURES.map((feature) => xml('feature', { var: feature })));
}

/** §6.3 with XEP-0059: rooms in JID order, `max` at a time, after or before a JID (an empty <before/> is the last page). */
export function serviceDiscoItems(rooms: readonly ListedRoom[], query: Element): Element | StanzaErrorSpec {
  const sorted = [...rooms].sort((a, b) => (a.jid < b.jid ? -1 : a.jid > b.jid ? 1 : 0));
  const set = query.getChild('set', NS.rsm);
  // XEP-0059 §2.6: an empty full result set is the wrapper protocol's empty answer.
  if (set === undefined || sorted.length === 0) {
    return xml('query', { xmlns: NS.discoItems }, ...sorted.map((room) => xml('item', { jid: room.jid, name: room.name })));
  }
  const maxText = set.getChildText('max');
  if (maxText !== null && !/^\d{1,6}$/.test(maxText)) return { condition: 'bad-request', text: 'RSM max must be a whole number' };
  const max = maxText === null ? sorted.length : Number(maxText);
  const after = set.getChildText('after');
  const before = set.getChild('before');
  let start: number;
  let end: number;
  if (before !== undefined) {
    const limit = before.getText() === '' ? sorted.length : sorted.findIndex((room) => room.jid >= before.getText());
    end = limit === -1 ? sorted.length : limit;
    start = Math.max(0, end - max);
  } else {
    const from = after === null ? 0 : sorted.findIndex((room) => room.jid > after);
    start = from === -1 ? sorted.length : from;
    end = Math.min(sorted.length, start + max);
  }
  const page = sorted.slice(start, end);
  const first = page[0];
  const last = page[page.length - 1];
  return xml('query', { xmlns: NS.discoItems },
    ...page.map((room) => xml('item', { jid: room.jid, name: room.name })),
    xml('set', { xmlns: NS.rsm },
      first === undefined ? undefined : xml('first', { index: String(start) }, first.jid),
      last === undefined ? undefined : xml('last', {}, last.jid),
      xml('count', {}, String(sorted.length))));
}

/** §10.1.4: a room name nobody uses (random, so unique in practice). */
export function uniqueRoomName(): Element {
  return xml('unique', { xmlns: NS.mucUnique }, randomBytes(10).toString('hex'));
}
