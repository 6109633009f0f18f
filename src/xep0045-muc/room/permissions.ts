// Who may do what in a room: XEP-0045 §5.1.1 (role privileges), §5.1.2 (default roles),
// §5.2.1 (affiliation privileges), §8 and §9 (who may change whose role and affiliation).
import type { RoomConfig } from './room-config.js';
import type { Affiliation, Role, RoomPolicy, RoomState } from './types.js';

const AFFILIATION_RANK: Record<Affiliation, number> = { outcast: 0, none: 1, member: 2, admin: 3, owner: 4 };
const ROLE_RANK: Record<Role, number> = { none: 0, visitor: 1, participant: 2, moderator: 3 };

export function affiliationOf(room: RoomState, bareJid: string): Affiliation {
  const own = room.affiliations.get(bareJid)?.affiliation;
  if (own !== undefined) return own;
  // §9.2: a banned domain keeps out every user of it.
  const domain = bareJid.slice(bareJid.indexOf('@') + 1);
  return room.affiliations.get(domain)?.affiliation === 'outcast' ? 'outcast' : 'none';
}

/** The affiliation a user acts with: group chat system administrators act as owners (§5.2). */
export function effectiveAffiliation(room: RoomState, bareJid: string, policy: RoomPolicy): Affiliation {
  return policy.isServiceAdmin(bareJid) ? 'owner' : affiliationOf(room, bareJid);
}

export function isAtLeast(affiliation: Affiliation, minimum: Affiliation): boolean {
  return AFFILIATION_RANK[affiliation] >= AFFILIATION_RANK[minimum];
}

export function hasRoleAtLeast(role: Role, minimum: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[minimum];
}

/** §5.1.2: the role an occupant gets on entering, from its affiliation. */
export function defaultRole(affiliation: Affiliation, config: RoomConfig): Role {
  if (affiliation === 'owner' || affiliation === 'admin') return 'moderator';
  if (affiliation === 'member') return 'participant';
  if (affiliation === 'outcast') return 'none';
  return config.isModerated ? 'visitor' : 'participant';
}

/** §7.4 and §8.3: visitors have no voice in a moderated room. */
export function canSpeak(role: Role, config: RoomConfig): boolean {
  return config.isModerated ? hasRoleAtLeast(role, 'participant') : hasRoleAtLeast(role, 'visitor');
}

export function canChangeSubject(role: Role, config: RoomConfig): boolean {
  return role === 'moderator' || (config.canParticipantsChangeSubject && canSpeak(role, config) && hasRoleAtLeast(role, 'participant'));
}

export function canSendPrivateMessage(role: Role, config: RoomConfig): boolean {
  switch (config.allowPrivateMessages) {
    case 'anyone': return hasRoleAtLeast(role, 'visitor');
    case 'participants': return hasRoleAtLeast(role, 'participant');
    case 'moderators': return role === 'moderator';
    case 'none': return false;
  }
}

/** §7.8: in a members-only room only admins and owners invite, unless occupants are allowed to. */
export function canInvite(role: Role, affiliation: Affiliation, config: RoomConfig): boolean {
  if (role === 'none') return false;
  if (config.allowInvites) return true;
  if (config.isMembersOnly) return isAtLeast(affiliation, 'admin');
  return true;
}

/** Whether an occupant with this role sees other occupants' real JIDs (§5.3 non-anonymous vs semi-anonymous). */
export function seesRealJids(role: Role, config: RoomConfig): boolean {
  return config.whois === 'anyone' || role === 'moderator';
}

/**
 * §8 and §9: may an actor change a target's role? Moderators manage visitors and participants;
 * only admins and owners make or unmake moderators (see moderatorGrantNeedsAdmin); an admin's or
 * owner's role, which comes from the affiliation, changes only with the affiliation (§8.2, §9.7).
 * Nobody kicks someone of higher affiliation (§8.2), nor silences someone of an affiliation at
 * or above their own (§8.4) unless neither has one.
 */
export function canChangeRole(actor: { role: Role; affiliation: Affiliation }, target: { role: Role; affiliation: Affiliation }, newRole: Role): boolean {
  if (actor.role !== 'moderator') return false;
  if (isAtLeast(target.affiliation, 'admin')) return newRole === 'moderator';
  if (moderatorGrantNeedsAdmin(target.role, newRole) && !isAtLeast(actor.affiliation, 'admin')) return false;
  const actorRank = AFFILIATION_RANK[actor.affiliation];
  const targetRank = AFFILIATION_RANK[target.affiliation];
  if (newRole === 'none') return targetRank <= actorRank;
  if (newRole === 'visitor') return targetRank < actorRank || (targetRank === actorRank && target.affiliation === 'none');
  return true;
}

/** §9.6–9.7: making or unmaking a moderator is an admin's privilege. */
export function moderatorGrantNeedsAdmin(currentRole: Role, newRole: Role): boolean {
  return newRole === 'moderator' || currentRole === 'moderator';
}

/**
 * §9 and §10: may an actor change a user's affiliation from `current` to `next`? Admins manage
 * outcasts, members and the unaffiliated; owners manage everything.
 */
export function canChangeAffiliation(actorAffiliation: Affiliation, current: Affiliation, next: Affiliation): boolean {
  if (actorAffiliation === 'owner') return true;
  if (actorAffiliation !== 'admin') return false;
  return !isAtLeast(current, 'admin') && !isAtLeast(next, 'admin');
}
