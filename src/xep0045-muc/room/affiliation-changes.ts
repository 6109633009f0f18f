// XEP-0045 §9.1 ban (301), §9.3–9.4 membership (321 when a members-only room loses a member),
// §9.6–9.7 admin, §10.3–10.8 owner: the state and presence each affiliation change makes.
import { removeOccupant } from './leave.js';
import { defaultRole } from './permissions.js';
import { broadcastPresence, representativeSession } from './presence-out.js';
import type { ChangeNotes } from './role-changes.js';
import type { Affiliation, AffiliationEntry, Occupant, Outbound, RoomChange, RoomState } from './types.js';

export function occupantsOf(room: RoomState, bareJid: string): Occupant[] {
  return [...room.occupants.values()].filter((occupant) => occupant.bareJid === bareJid);
}

/** Sets a user's affiliation; `nick`, when given, becomes the user's reserved nick (§9.3). */
export function setAffiliation(room: RoomState, bareJid: string, affiliation: Affiliation, notes: ChangeNotes, nick?: string): { changes: RoomChange[]; out: Outbound[] } {
  const current = room.affiliations.get(bareJid);
  // Losing every affiliation loses the registered nick too; outcasts keep none (IQ rule 6).
  const reserved = affiliation === 'outcast' ? undefined : nick ?? current?.nick;
  const entry: AffiliationEntry | undefined = affiliation === 'none' ? undefined : {
    affiliation,
    ...(reserved === undefined ? {} : { nick: reserved }),
    ...(notes.reason === undefined ? {} : { reason: notes.reason }),
  };
  const changes: RoomChange[] = [{ kind: 'affiliation-set', bareJid, entry }];
  const out: Outbound[] = [];
  for (const occupant of occupantsOf(room, bareJid)) {
    if (affiliation === 'outcast') {
      const removal = removeOccupant(room, occupant, { codes: [301], affiliation, ...notes });
      changes.push(...removal.changes);
      out.push(...removal.out);
    } else if (affiliation === 'none' && room.config.isMembersOnly) {
      const removal = removeOccupant(room, occupant, { codes: [321], affiliation, ...notes });
      changes.push(...removal.changes);
      out.push(...removal.out);
    } else {
      const role = occupant.role === 'visitor' && affiliation === 'none' ? 'visitor' : defaultRole(affiliation, room.config);
      const shown = representativeSession(occupant);
      if (role !== occupant.role) changes.push({ kind: 'role-set', nick: occupant.nick, role });
      if (shown !== undefined) {
        out.push(...broadcastPresence(room, { ...occupant, role }, shown[1], shown[0], { ...notes, affiliation, role }, [...occupant.sessions.keys()]));
      }
    }
  }
  return { changes, out };
}
