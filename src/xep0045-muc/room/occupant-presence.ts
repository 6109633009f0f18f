// Presence to an occupant JID (XEP-0045 §7.2, §7.6, §7.7, §7.14): entering, changing nick or
// availability, exiting; an error bounced by an occupant's server removes that session (§18.1.2).
import { NS } from '../../xmpp/namespaces.js';
import { join } from './join.js';
import { leave, sessionGone } from './leave.js';
import { changeNick } from './nick-change.js';
import { affiliationOf } from './permissions.js';
import { broadcastPresence, selfPresence, stripMucExtension } from './presence-out.js';
import { refuse } from './replies.js';
import type { Incoming, Occupant, Outcome, RoomContext, RoomState } from './types.js';

/** Delivery errors that mean the occupant's session is gone (§18.1.2, "ghost users"). */
const GONE_WHEN_WAITING = new Set(['recipient-unavailable', 'remote-server-timeout', 'remote-server-not-found']);

export function meansGone(error: ReturnType<Incoming['stanza']['getChild']>): boolean {
  if (error === undefined) return false;
  if (error.attrs.type === 'cancel') return true;
  return error.attrs.type === 'wait' && error.getChildElements().some((child) => GONE_WHEN_WAITING.has(child.name));
}

/** An error from one session of an occupant: that session leaves the room (333). */
export function removeSessionOnError(room: RoomState, incoming: Incoming): Outcome {
  const nick = room.nickOf.get(incoming.from);
  const occupant = nick === undefined ? undefined : room.occupants.get(nick);
  if (occupant === undefined || !meansGone(incoming.stanza.getChild('error'))) return { changes: [], out: [] };
  const unavailable = stripMucExtension(incoming.stanza);
  unavailable.children = [];
  unavailable.attrs.type = 'unavailable';
  return { changes: [{ kind: 'session-left', realJid: incoming.from }], out: sessionGone(room, occupant, incoming.from, unavailable, { codes: [333] }) };
}

/**
 * §7.2.18: presence without the MUC extension from someone not in the room is not an entry (it is
 * usually a server still sending presence to a room its user has left): the sender is told it is
 * out, with 110, 307 and 333.
 */
function notAnEntry(room: RoomState, incoming: Incoming, ctx: RoomContext): Outcome {
  const ghost: Occupant = { nick: incoming.nick, bareJid: incoming.bareFrom, role: 'none', occupantId: ctx.occupantId(incoming.bareFrom), sessions: new Map() };
  return { changes: [], out: selfPresence(room, ghost, undefined, { codes: [307, 333], role: 'none', affiliation: affiliationOf(room, incoming.bareFrom) }, [incoming.from]) };
}

export function handlePresence(room: RoomState, incoming: Incoming, ctx: RoomContext): Outcome {
  const type = incoming.stanza.attrs.type as string | undefined;
  const currentNick = room.nickOf.get(incoming.from);
  const occupant = currentNick === undefined ? undefined : room.occupants.get(currentNick);
  if (type === 'error') return removeSessionOnError(room, incoming);
  if (type === 'unavailable') return leave(room, incoming);
  if (type !== undefined) return { changes: [], out: [] };
  if (incoming.nick === '') {
    // §7.2.1: entering needs a nick.
    return refuse(incoming, { condition: 'jid-malformed', text: 'a nickname is required to enter a room' });
  }
  const hasMucExtension = incoming.stanza.getChild('x', NS.muc) !== undefined;
  if (occupant === undefined) return hasMucExtension || room.isUnclaimed ? join(room, incoming, ctx) : notAnEntry(room, incoming, ctx);
  if (occupant.nick !== incoming.nick) return changeNick(room, occupant, incoming, ctx);
  // §7.7: a change of availability, broadcast like any presence; a repeated join (the
  // client re-entering after a lost connection) gets the full join again (§17.3 rule 3).
  if (hasMucExtension) {
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
