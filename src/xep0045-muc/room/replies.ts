// Error replies from the room (XEP-0045 §7.2 and the error conditions of every use case):
// expected refusals are values turned into stanzas here, in one place (STYLE §13).
import { xml, type Element } from '../../xmpp/element.js';
import { NS } from '../../xmpp/namespaces.js';
import { errorReply, type StanzaErrorSpec } from '../../xmpp/stanza-errors.js';
import type { Incoming, Outbound, Outcome, RoomChange } from './types.js';

export function errorTo(incoming: Incoming, error: StanzaErrorSpec): Outbound {
  return { stanza: errorReply(incoming.stanza, error), to: [incoming.from] };
}

export function refuse(incoming: Incoming, error: StanzaErrorSpec): Outcome {
  return { changes: [], out: [errorTo(incoming, error)] };
}

/** The result of an IQ the room answered, from the address it was sent to. */
export function iqResult(incoming: Incoming, payload?: Element): Outbound {
  const reply = xml('iq', { xmlns: NS.client, type: 'result', id: incoming.stanza.attrs.id as string | undefined,
    from: incoming.stanza.attrs.to as string | undefined }, payload);
  return { stanza: reply, to: [incoming.from] };
}

export function answer(incoming: Incoming, payload?: Element, changes: RoomChange[] = [], out: Outbound[] = []): Outcome {
  return { changes, out: [...out, iqResult(incoming, payload)] };
}
