// Presence to an occupant JID (XEP-0045 §7.2, §7.6, §7.7, §7.14): entering, changing nick or
// availability, exiting; an error from an occupant's session removes it (333).
import { NS } from '../../xmpp/namespaces.js';
import { join } from './join.js';
import { leave, removeOccupant } from './leave.js';
import { changeNick } from './nick-change.js';
import { broadcastPresence, stripMucExtension } from './presence-out.js';
import { refuse } from './replies.js';
import type { Incoming, Outcome, RoomContext, RoomState } from './types.js';

export function handlePresence(room: RoomState, incoming: Incoming, ctx: RoomContext): Outcome {
  const type = incoming.stanza.attrs.type as string | undefined;
  const currentNick = room.nickOf.get(incoming.from);
  const occupant = currentNick === undefined ? undefined : room.occupants.get(currentNick);
  if (type === 'error') {
    if (occupant === undefined) return { changes: [], out: [] };
    return removeOccupant(room, occupant, { codes: [333] });
  }
  if (type === 'unavailable') return leave(room, incoming);
  if (type !== undefined) return { changes: [], out: [] };
  if (incoming.nick === '') {
    // §7.2.1: entering needs a nick.
    return refuse(incoming, { condition: 'jid-malformed', text: 'a nickname is required to enter a room' });
  }
  if (occupant === undefined) return join(room, incoming, ctx);
  if (occupant.nick !== incoming.nick) return changeNick(room, occupant, incoming, ctx);
  // §7.7: a change of availability, broadcast like any presence; a repeated join (the
  // client re-entering after a lost connection) gets the full join again.
  if (incoming.stanza.getChild('x', NS.muc) !== undefined) {
    const rejoin = { ...room, nickOf: new Map(room.nickOf), occupants: new Map(room.occupants) };
    const without = { ...occupant, sessions: new Map(occupant.sessions) };
    without.sessions.delete(incoming.from);
    if (without.sessions.size === 0) rejoin.occupants.delete(occupant.nick);
    else rejoin.occupants.set(occupant.nick, without);
    rejoin.nickOf.delete(incoming.from);
    return join(rejoin, incoming, ctx);
  }
  const presence = stripMucExtension(incoming.stanza);
  return {
    changes: [{ kind: 'presence-updated', realJid: incoming.from, presence }],
    out: broadcastPresence(room, occupant, presence, incoming.from, {}, [incoming.from]),
  };
}
