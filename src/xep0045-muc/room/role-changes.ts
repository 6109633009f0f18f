// XEP-0045 §8.2 kick (role none, 307), §8.3–8.6 voice, §9.6–9.8 moderator status: the presence
// each role change makes the room send. Who may do it is in permissions.ts.
import { removeOccupant } from './leave.js';
import { broadcastPresence, representativeSession } from './presence-out.js';
import type { Occupant, Outbound, Role, RoomChange, RoomState } from './types.js';

export interface ChangeNotes {
  actorNick?: string;
  reason?: string;
}

export function setRole(room: RoomState, target: Occupant, role: Role, notes: ChangeNotes): { changes: RoomChange[]; out: Outbound[] } {
  if (role === 'none') return removeOccupant(room, target, { codes: [307], ...notes });
  const shown = representativeSession(target);
  const updated = { ...target, role };
  const out = shown === undefined ? [] : broadcastPresence(room, updated, shown[1], shown[0], notes, [...target.sessions.keys()]);
  return { changes: [{ kind: 'role-set', nick: target.nick, role }], out };
}
