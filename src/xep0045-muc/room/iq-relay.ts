// IQs to an occupant JID (XEP-0045 §17.4, IQ business rules 2–3): relayed to the occupant's
// real JID with the room as the sender, so neither side learns the other's real JID; the answer
// comes back the same way. The sender's JID travels in the relayed id. XEP-0410: a ping to one's
// own occupant JID is answered by the room, and refused to anyone not in it.
import { xml, type Element } from '../../xmpp/element.js';
import { NS } from '../../xmpp/namespaces.js';
import { representativeSession } from './presence-out.js';
import { answer, refuse } from './replies.js';
import { NO_OUTCOME, type Incoming, type Outcome, type RoomState } from './types.js';

function relayedId(sender: string, id: string): string {
  return `${Buffer.from(sender, 'utf8').toString('base64url')}.${id}`;
}

function originalOf(relayed: string): { sender: string; id: string } | undefined {
  const dot = relayed.indexOf('.');
  if (dot <= 0) return undefined;
  const sender = Buffer.from(relayed.slice(0, dot), 'base64url').toString('utf8');
  return sender.includes('@') ? { sender, id: relayed.slice(dot + 1) } : undefined;
}

/** An IQ get or set to an occupant JID. */
export function relayRequest(room: RoomState, incoming: Incoming, payload: Element): Outcome {
  const senderNick = room.nickOf.get(incoming.from);
  if (senderNick === undefined) return refuse(incoming, { condition: 'not-acceptable', text: 'you are not in this room' });
  const target = room.occupants.get(incoming.nick);
  if (payload.getNS() === NS.ping && incoming.nick === senderNick) return answer(incoming);
  if (target === undefined) return refuse(incoming, { condition: 'item-not-found', text: 'no such occupant' });
  const session = representativeSession(target);
  if (session === undefined) return refuse(incoming, { condition: 'item-not-found', text: 'no such occupant' });
  const iq = xml('iq', { xmlns: NS.client, type: incoming.stanza.attrs.type as string, from: `${room.jid}/${senderNick}`,
    id: relayedId(incoming.from, String(incoming.stanza.attrs.id ?? '')) });
  iq.children = [...incoming.stanza.children];
  return { changes: [], out: [{ stanza: iq, to: [session[0]] }] };
}

/** The answer of a relayed IQ, from the occupant's real JID back to whoever asked. */
export function relayAnswer(room: RoomState, incoming: Incoming): Outcome {
  const responderNick = room.nickOf.get(incoming.from);
  const original = originalOf(String(incoming.stanza.attrs.id ?? ''));
  if (responderNick === undefined || original === undefined) return NO_OUTCOME;
  const iq = xml('iq', { xmlns: NS.client, type: incoming.stanza.attrs.type as string, from: `${room.jid}/${responderNick}`, id: original.id });
  iq.children = [...incoming.stanza.children];
  return { changes: [], out: [{ stanza: iq, to: [original.sender] }] };
}
