// IQs to an occupant JID (XEP-0045 §17.4, IQ business rules 2–3): relayed to the occupant's
// real JID with the room as the sender and an id of the room's own, so neither side learns the
// other's real JID; only the session asked may answer, and the answer goes back to the asker.
// XEP-0410: a ping to one's own occupant JID is answered by the room.
import { xml, type Element } from '../../xmpp/element.js';
import { NS } from '../../xmpp/namespaces.js';
import { representativeSession } from './presence-out.js';
import { answer, refuse } from './replies.js';
import { NO_OUTCOME, type Incoming, type Outcome, type RoomContext, type RoomState } from './types.js';

/** An IQ get or set to an occupant JID. */
export function relayRequest(room: RoomState, incoming: Incoming, payload: Element, ctx: RoomContext): Outcome {
  const senderNick = room.nickOf.get(incoming.from);
  if (senderNick === undefined) {
    // §6.6: disco of an occupant by a non-occupant is a bad request; anything else is not for outsiders.
    const isDisco = payload.getNS() === NS.discoInfo || payload.getNS() === NS.discoItems;
    return refuse(incoming, isDisco ? { condition: 'bad-request', text: 'only occupants may query occupants' } : { condition: 'not-acceptable', text: 'you are not in this room' });
  }
  if (payload.getNS() === NS.ping && incoming.nick === senderNick) return answer(incoming);
  const target = room.occupants.get(incoming.nick);
  const session = target === undefined ? undefined : representativeSession(target);
  if (session === undefined) return refuse(incoming, { condition: 'item-not-found', text: 'no such occupant' });
  const relayId = ctx.newStanzaId();
  const iq = xml('iq', { xmlns: NS.client, type: incoming.stanza.attrs.type as string, from: `${room.jid}/${senderNick}`, id: relayId });
  iq.children = [...incoming.stanza.children];
  return {
    changes: [{ kind: 'iq-relayed', relayId, relay: { sender: incoming.from, id: String(incoming.stanza.attrs.id ?? ''), target: session[0] } }],
    out: [{ stanza: iq, to: [session[0]] }],
  };
}

/** The answer of a relayed IQ, from the session asked, back to whoever asked. */
export function relayAnswer(room: RoomState, incoming: Incoming): Outcome {
  const relayId = String(incoming.stanza.attrs.id ?? '');
  const relay = room.relays.get(relayId);
  const responderNick = room.nickOf.get(incoming.from);
  if (relay === undefined || relay.target !== incoming.from || responderNick === undefined) return NO_OUTCOME;
  const iq = xml('iq', { xmlns: NS.client, type: incoming.stanza.attrs.type as string, from: `${room.jid}/${responderNick}`, id: relay.id });
  iq.children = [...incoming.stanza.children];
  return { changes: [{ kind: 'iq-answered', relayId }], out: [{ stanza: iq, to: [relay.sender] }] };
}
