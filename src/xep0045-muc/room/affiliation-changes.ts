// XEP-0045 §9.1 ban (301), §9.3–9.4 membership (321 when a members-only room loses a member),
// §9.6–9.7 admin, §10.3–10.8 owner: the state and presence each affiliation change makes, and
// the out-of-room notice (101) for a user who is not in the room.
import { xml, type Element } from '../../xmpp/element.js';
import { NS } from '../../xmpp/namespaces.js';
import { removeOccupant } from './leave.js';
import { defaultRole } from './permissions.js';
import { broadcastPresence, representativeSession } from './presence-out.js';
import type { ChangeNotes } from './role-changes.js';
import type { Affiliation, AffiliationEntry, Occupant, Outbound, RoomChange, RoomState } from './types.js';

/** §17.1 status 101: told to a user who is not in the room, as a headline (a courtesy: not kept offline). */
function affiliationNotice(room: RoomState, bareJid: string, affiliation: Affiliation): Element {
  return xml('message', { xmlns: NS.client, type: 'headline', from: room.jid, to: bareJid },
    xml('body', {}, `Your affiliation in the room ${room.jid} is now ${affiliation}.`),
    xml('x', { xmlns: NS.mucUser }, xml('item', { affiliation, jid: bareJid }), xml('status', { code: '101' })));
}

/**
 * Whether a user out of the room is told of an affiliation change: not by a room that is still
 * locked (it does not exist yet, §10.1.1), not the user who asked for it (the reply says it), not
 * one a members-only room invites instead (§9.5), and not when nothing changes.
 */
function isNoticed(room: RoomState, bareJid: string, before: Affiliation, after: Affiliation, request: AffiliationRequest): boolean {
  if (before === after || room.isLocked || request.actorJid === bareJid) return false;
  return !(room.config.isMembersOnly && before === 'none' && after === 'member');
}

export function occupantsOf(room: RoomState, bareJid: string): Occupant[] {
  return [...room.occupants.values()].filter((occupant) => occupant.bareJid === bareJid);
}

/** Who asked for an affiliation change, and the reserved nick it sets (§9.3), when it sets one. */
export interface AffiliationRequest {
  /** Bare JID of the user who asked: told by the reply, not by a 101 notice. */
  actorJid: string;
  nick?: string;
}

/** Sets a user's affiliation; `request.nick`, when given, becomes the user's reserved nick (§9.3). */
export function setAffiliation(room: RoomState, bareJid: string, affiliation: Affiliation, notes: ChangeNotes, request: AffiliationRequest): { changes: RoomChange[]; out: Outbound[] } {
  const { nick } = request;
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
  const inRoom = occupantsOf(room, bareJid);
  if (isNoticed(room, bareJid, current?.affiliation ?? 'none', affiliation, request) && inRoom.length === 0) {
    out.push({ stanza: affiliationNotice(room, bareJid, affiliation), to: [bareJid] });
  }
  for (const occupant of inRoom) {
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
