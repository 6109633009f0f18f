// XEP-0045 §7.14 exiting a room, and the removals of §8.2 (kick, 307), §9.1 (ban, 301),
// §9.4 (membership revoked, 321), §10.2 (room made members-only, 322), §10.9 (destroyed), and
// technical removal (333).
import { xml, type Element } from '../../xmpp/element.js';
import { broadcastPresence, representativeSession, selfPresence, stripMucExtension, type PresenceNotes } from './presence-out.js';
import { affiliationOf } from './permissions.js';
import type { Incoming, Occupant, Outbound, Outcome, RoomChange, RoomState } from './types.js';

/** A session leaves by sending unavailable presence. */
export function leave(room: RoomState, incoming: Incoming): Outcome {
  const nick = room.nickOf.get(incoming.from);
  const occupant = nick === undefined ? undefined : room.occupants.get(nick);
  // §7.14: one leaves through one's own occupant JID; unavailable sent to another occupant's
  // (a server withdrawing presence from a JID its user blocked) is no exit.
  if (occupant === undefined || nick !== incoming.nick) return { changes: [], out: [] };
  const unavailable = stripMucExtension(incoming.stanza);
  unavailable.attrs.type = 'unavailable';
  // §10.1.3: an owner who leaves a room never configured takes the room with it.
  if (room.isLocked && room.occupants.size === 1 && occupant.sessions.size === 1) {
    return { changes: [{ kind: 'session-left', realJid: incoming.from }, { kind: 'destroyed' }],
      out: selfPresence(room, occupant, unavailable, { role: 'none', destroy: xml('destroy') }, [incoming.from]) };
  }
  return { changes: [{ kind: 'session-left', realJid: incoming.from }], out: sessionGone(room, occupant, incoming.from, unavailable, {}) };
}

/**
 * Presence when one session of an occupant goes: others see the remaining session's presence,
 * or the occupant leave when it was the last; the session gets its own unavailable.
 */
export function sessionGone(room: RoomState, occupant: Occupant, realJid: string,
  unavailable: Element, notes: PresenceNotes): Outbound[] {
  const remaining = new Map(occupant.sessions);
  remaining.delete(realJid);
  if (remaining.size === 0) {
    return broadcastPresence(room, occupant, unavailable, realJid, { ...notes, role: 'none' }, [])
      .concat(selfPresence(room, occupant, unavailable, { ...notes, role: 'none' }, [realJid]));
  }
  const rest = { ...occupant, sessions: remaining };
  const shown = representativeSession(rest);
  const out = shown === undefined ? [] : broadcastPresence(room, rest, shown[1], shown[0], {}, []);
  return out.concat(selfPresence(room, occupant, unavailable, { ...notes, role: 'none' }, [realJid]));
}

/** Removes an occupant with every session, telling everyone why (status codes, actor, reason). */
export function removeOccupant(room: RoomState, occupant: Occupant, notes: PresenceNotes): { changes: RoomChange[]; out: Outbound[] } {
  const sessions = [...occupant.sessions.keys()];
  const shown = { ...notes, role: 'none' as const, affiliation: notes.affiliation ?? affiliationOf(room, occupant.bareJid) };
  const out = broadcastPresence(room, occupant, undefined, sessions[0], shown, []);
  for (const session of sessions) out.push(...selfPresence(room, occupant, undefined, shown, [session]));
  return { changes: sessions.map((realJid) => ({ kind: 'session-left', realJid })), out };
}
