// Applies the changes an Outcome names to a room's state, once they are stored. The only code
// that mutates a RoomState.
import { isSubjectChange } from './history.js';
import type { RoomChange, RoomState } from './types.js';

const MAX_PENDING_RELAYS = 1000;

export function applyChanges(room: RoomState, changes: readonly RoomChange[], historyLimit: number): void {
  for (const change of changes) applyChange(room, change, historyLimit);
}

function applyChange(room: RoomState, change: RoomChange, historyLimit: number): void {
  switch (change.kind) {
    case 'session-joined': {
      let occupant = room.occupants.get(change.nick);
      if (occupant === undefined) {
        occupant = { nick: change.nick, bareJid: change.bareJid, role: change.role, occupantId: change.occupantId, sessions: new Map() };
        room.occupants.set(change.nick, occupant);
      }
      occupant.sessions.set(change.realJid, change.presence);
      room.nickOf.set(change.realJid, change.nick);
      room.isUnclaimed = false;
      return;
    }
    case 'session-left': {
      const nick = room.nickOf.get(change.realJid);
      if (nick === undefined) return;
      room.nickOf.delete(change.realJid);
      const occupant = room.occupants.get(nick);
      occupant?.sessions.delete(change.realJid);
      if (occupant?.sessions.size === 0) room.occupants.delete(nick);
      return;
    }
    case 'presence-updated': {
      const nick = room.nickOf.get(change.realJid);
      const sessions = nick === undefined ? undefined : room.occupants.get(nick)?.sessions;
      // The session that spoke last stands for the occupant (presence-out.ts): move it to the end.
      sessions?.delete(change.realJid);
      sessions?.set(change.realJid, change.presence);
      return;
    }
    case 'nick-changed': {
      const oldNick = room.nickOf.get(change.realJid);
      const occupant = oldNick === undefined ? undefined : room.occupants.get(oldNick);
      if (oldNick === undefined || occupant === undefined) return;
      const presence = occupant.sessions.get(change.realJid);
      occupant.sessions.delete(change.realJid);
      if (occupant.sessions.size === 0) room.occupants.delete(oldNick);
      const moved = room.occupants.get(change.nick)
        ?? { ...occupant, nick: change.nick, sessions: new Map() };
      if (presence !== undefined) moved.sessions.set(change.realJid, presence);
      room.occupants.set(change.nick, moved);
      room.nickOf.set(change.realJid, change.nick);
      return;
    }
    case 'role-set': {
      const occupant = room.occupants.get(change.nick);
      if (occupant !== undefined) occupant.role = change.role;
      return;
    }
    case 'affiliation-set':
      if (change.entry === undefined) room.affiliations.delete(change.bareJid);
      else room.affiliations.set(change.bareJid, change.entry);
      return;
    case 'config-set':
      room.config = change.config;
      return;
    case 'subject-set':
      room.subject = change.subject;
      return;
    case 'unlocked':
      room.isLocked = false;
      return;
    case 'invited':
      room.invited.add(change.bareJid);
      return;
    case 'iq-relayed':
      room.relays.set(change.relayId, change.relay);
      // Unanswered requests are forgotten oldest first.
      if (room.relays.size > MAX_PENDING_RELAYS) room.relays.delete(room.relays.keys().next().value as string);
      return;
    case 'iq-answered':
      room.relays.delete(change.relayId);
      return;
    case 'destroyed':
      room.isDestroyed = true;
      room.occupants.clear();
      room.nickOf.clear();
      return;
    case 'history-appended':
      room.lastArchiveId = Math.max(room.lastArchiveId, change.entry.id);
      {
        // A subject change takes an archive id but no place in the discussion history.
        const kept = isSubjectChange(change.entry.stanza) ? room.subjectChanges : room.history;
        kept.push(change.entry);
        if (kept.length > historyLimit) kept.splice(0, kept.length - historyLimit);
      }
      return;
  }
}
