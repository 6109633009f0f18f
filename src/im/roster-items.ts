// Roster items on the wire (RFC 6121 §2.1): reading a roster set, writing items and pushes.
import type { RosterItem } from '../persistence/ports.js';
import { xml, type Element } from '../xmpp/element.js';
import { Jid } from '../xmpp/jid.js';
import { NS } from '../xmpp/namespaces.js';
import type { StanzaErrorSpec } from '../xmpp/stanza-errors.js';

const MAX_NAME_BYTES = 1023;

export type RosterSetRequest =
  | { kind: 'update'; jid: string; name?: string; groups: string[] }
  | { kind: 'remove'; jid: string }
  | { kind: 'error'; error: StanzaErrorSpec };

/** RFC 6121 §2.3.3, §2.5.3: exactly one item, a bare JID, no duplicate or empty group. */
export function parseRosterSet(query: Element): RosterSetRequest {
  const items = query.getChildren('item');
  if (items.length !== 1 || query.getChildElements().length !== 1) {
    return { kind: 'error', error: { condition: 'bad-request', text: 'a roster set carries exactly one item' } };
  }
  const item = items[0] as Element;
  const jid = Jid.tryParse(String(item.attrs.jid ?? ''));
  if (jid === undefined || !jid.isBare) return { kind: 'error', error: { condition: 'bad-request', text: 'the item needs a bare JID' } };
  const subscription = item.attrs.subscription as string | undefined;
  if (subscription === 'remove') return { kind: 'remove', jid: jid.toString() };
  if (subscription !== undefined && subscription !== 'none') {
    return { kind: 'error', error: { condition: 'bad-request', text: 'a client may only set subscription="remove"' } };
  }
  const groups = item.getChildren('group').map((group) => group.getText());
  if (groups.some((group) => group === '' || Buffer.byteLength(group) > MAX_NAME_BYTES)) {
    return { kind: 'error', error: { condition: 'not-acceptable', text: 'group names must be non-empty and at most 1023 bytes' } };
  }
  if (new Set(groups).size !== groups.length) return { kind: 'error', error: { condition: 'bad-request', text: 'duplicate group' } };
  const name = item.attrs.name as string | undefined;
  if (name !== undefined && Buffer.byteLength(name) > MAX_NAME_BYTES) {
    return { kind: 'error', error: { condition: 'not-acceptable', text: 'the name is longer than 1023 bytes' } };
  }
  return name === undefined || name === '' ? { kind: 'update', jid: jid.toString(), groups } : { kind: 'update', jid: jid.toString(), name, groups };
}

export function itemElement(item: RosterItem): Element {
  return xml('item', {
    jid: item.jid,
    name: item.name,
    subscription: item.subscription,
    ask: item.pendingOut ? 'subscribe' : undefined,
    approved: item.preApproved ? 'true' : undefined,
  }, ...item.groups.map((group) => xml('group', {}, group)));
}

/** A roster push (RFC 6121 §2.1.6) of one item, or of its removal. */
export function rosterPush(item: RosterItem | { jid: string; removed: true }, version: number, to: string, id: string): Element {
  const payload = 'removed' in item ? xml('item', { jid: item.jid, subscription: 'remove' }) : itemElement(item);
  return xml('iq', { type: 'set', id, to }, xml('query', { xmlns: NS.roster, ver: String(version) }, payload));
}
