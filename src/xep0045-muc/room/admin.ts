// XEP-0045 §8 (moderator) and §9 (admin) through muc#admin: role and affiliation lists (get) and
// changes (set). Privileges go with the requester's bare JID (§8, §9 intros). A set with several
// items is checked whole before any item takes effect.
import { xml, type Element } from '../../xmpp/element.js';
import { Jid, normalizeResource } from '../../xmpp/jid.js';
import { NS } from '../../xmpp/namespaces.js';
import type { StanzaErrorSpec } from '../../xmpp/stanza-errors.js';
import { setAffiliation } from './affiliation-changes.js';
import { invitationMessage } from './invitations.js';
import {
  affiliationOf, canChangeAffiliation, canChangeRole, effectiveAffiliation, hasRoleAtLeast, isAtLeast, moderatorGrantNeedsAdmin, seesRealJids,
} from './permissions.js';
import { representativeSession } from './presence-out.js';
import { iqResult, refuse } from './replies.js';
import { setRole } from './role-changes.js';
import type { Affiliation, Incoming, Occupant, Outbound, Outcome, Role, RoomChange, RoomContext, RoomState } from './types.js';

const ROLES = new Set<string>(['moderator', 'participant', 'visitor', 'none']);
const AFFILIATIONS = new Set<string>(['owner', 'admin', 'member', 'outcast', 'none']);

interface Actor {
  affiliation: Affiliation;
  /** The highest role the requester's bare JID holds in the room. */
  role: Role;
}

function actorOf(room: RoomState, incoming: Incoming, ctx: RoomContext): Actor {
  let role: Role = 'none';
  for (const occupant of room.occupants.values()) {
    if (occupant.bareJid === incoming.bareFrom && hasRoleAtLeast(occupant.role, role)) role = occupant.role;
  }
  return { affiliation: effectiveAffiliation(room, incoming.bareFrom, ctx.policy), role };
}

function listRoles(room: RoomState, incoming: Incoming, role: Role, actor: Actor): Outcome {
  // §8.5, §9.8: role lists are for moderators.
  if (actor.role !== 'moderator') return refuse(incoming, { condition: 'forbidden', text: 'only moderators may list roles' });
  const result = xml('query', { xmlns: NS.mucAdmin });
  for (const occupant of room.occupants.values()) {
    if (occupant.role !== role) continue;
    // IQ business rule 5: role lists carry the full JID (where the asker may see it).
    result.cnode(xml('item', { nick: occupant.nick, role, affiliation: affiliationOf(room, occupant.bareJid),
      jid: seesRealJids(actor.role, room.config) ? representativeSession(occupant)?.[0] : undefined }));
  }
  return { changes: [], out: [iqResult(incoming, result)] };
}

/** Who may read which affiliation list (§9.2, §9.5, §10.5, §10.8, with §5.2.1's note on semi-anonymous rooms). */
function mayList(room: RoomState, affiliation: Affiliation, actor: Actor): boolean {
  const isSemiAnonymous = room.config.whois !== 'anyone';
  if (affiliation === 'owner' || affiliation === 'admin') return isSemiAnonymous ? isAtLeast(actor.affiliation, 'owner') : isAtLeast(actor.affiliation, 'admin');
  if (isAtLeast(actor.affiliation, 'admin')) return true;
  return affiliation === 'member' && room.config.getMemberList.includes(actor.role) && (!isSemiAnonymous || actor.role === 'moderator');
}

export function adminGet(room: RoomState, incoming: Incoming, query: Element, ctx: RoomContext): Outcome {
  const item = query.getChild('item');
  const actor = actorOf(room, incoming, ctx);
  const role = item?.attrs.role as string | undefined;
  const affiliation = item?.attrs.affiliation as string | undefined;
  if (role !== undefined && ROLES.has(role) && role !== 'none') return listRoles(room, incoming, role as Role, actor);
  if (affiliation === undefined || !AFFILIATIONS.has(affiliation) || affiliation === 'none') {
    return refuse(incoming, { condition: 'bad-request', text: 'ask for one role or one affiliation' });
  }
  if (!mayList(room, affiliation as Affiliation, actor)) return refuse(incoming, { condition: 'forbidden', text: 'you may not read that list' });
  const result = xml('query', { xmlns: NS.mucAdmin });
  for (const [jid, entry] of room.affiliations) {
    if (entry.affiliation !== affiliation) continue;
    const listed = xml('item', { affiliation, jid, nick: entry.nick });
    if (entry.reason !== undefined) listed.cnode(xml('reason', {}, entry.reason));
    result.cnode(listed);
  }
  return { changes: [], out: [iqResult(incoming, result)] };
}

type Planned =
  | { kind: 'role'; target: Occupant; role: Role; reason?: string }
  | { kind: 'affiliation'; jid: string; affiliation: Affiliation; current: Affiliation; nick?: string; reason?: string };

function planAffiliation(room: RoomState, incoming: Incoming, item: Element, actor: Actor, next: Affiliation): Planned | StanzaErrorSpec {
  const jid = Jid.tryParse(item.attrs.jid as string | undefined) ?? jidOfNick(room, item.attrs.nick as string | undefined);
  if (jid === undefined) return { condition: 'jid-malformed', text: 'an affiliation change needs a valid jid' };
  const bare = jid.bare().toString();
  const current = affiliationOf(room, bare);
  if (!isAtLeast(actor.affiliation, 'admin')) return { condition: 'forbidden', text: 'only admins and owners may change affiliations' };
  // §9.1: nobody bans themselves.
  if (bare === incoming.bareFrom && next === 'outcast') return { condition: 'conflict', text: 'you cannot ban yourself' };
  if (!canChangeAffiliation(actor.affiliation, current, next)) {
    // §9.1: banning someone above you is not-allowed; §10.3–§10.7: the owner and admin lists are the owners'.
    return next === 'outcast'
      ? { condition: 'not-allowed', text: 'you may not ban an admin or owner' }
      : { condition: 'forbidden', text: 'only owners may change who is an admin or owner' };
  }
  const nick = item.attrs.jid === undefined ? undefined : normalizeResource(String(item.attrs.nick ?? ''));
  const reason = item.getChildText('reason') ?? undefined;
  return {
    kind: 'affiliation', jid: bare, affiliation: next, current,
    ...(nick === undefined || !isAtLeast(next, 'member') ? {} : { nick }),
    ...(reason === undefined ? {} : { reason }),
  };
}

function planRole(room: RoomState, item: Element, actor: Actor, next: Role, ctx: RoomContext): Planned | StanzaErrorSpec {
  const target = room.occupants.get(String(item.attrs.nick ?? ''));
  if (actor.role !== 'moderator') return { condition: 'forbidden', text: 'only moderators may change roles' };
  if (target === undefined) return { condition: 'item-not-found', text: 'no occupant with that nick' };
  const targetAffiliation = effectiveAffiliation(room, target.bareJid, ctx.policy);
  // §9 intro: making and unmaking moderators is for admins; asking for it otherwise is forbidden.
  if (moderatorGrantNeedsAdmin(target.role, next) && !isAtLeast(actor.affiliation, 'admin') && !isAtLeast(targetAffiliation, 'admin')) {
    return { condition: 'forbidden', text: 'only admins and owners may grant or revoke moderator status' };
  }
  if (!canChangeRole(actor, { role: target.role, affiliation: targetAffiliation }, next)) {
    return { condition: 'not-allowed', text: 'you may not change the role of that occupant' };
  }
  const reason = item.getChildText('reason') ?? undefined;
  return { kind: 'role', target, role: next, ...(reason === undefined ? {} : { reason }) };
}

function planItem(room: RoomState, incoming: Incoming, item: Element, actor: Actor, ctx: RoomContext): Planned | StanzaErrorSpec {
  const role = item.attrs.role as string | undefined;
  const affiliation = item.attrs.affiliation as string | undefined;
  // IQ business rule 4: one item changes a role or an affiliation, not both.
  if (role !== undefined && affiliation !== undefined) return { condition: 'bad-request', text: 'an item changes a role or an affiliation, not both' };
  if (affiliation !== undefined) {
    if (!AFFILIATIONS.has(affiliation)) return { condition: 'bad-request', text: `unknown affiliation ${affiliation}` };
    return planAffiliation(room, incoming, item, actor, affiliation as Affiliation);
  }
  if (role !== undefined) {
    if (!ROLES.has(role)) return { condition: 'bad-request', text: `unknown role ${role}` };
    return planRole(room, item, actor, role as Role, ctx);
  }
  return { condition: 'bad-request', text: 'an item needs a role or an affiliation' };
}

function jidOfNick(room: RoomState, nick: string | undefined): Jid | undefined {
  const occupant = nick === undefined ? undefined : room.occupants.get(nick);
  return occupant === undefined ? undefined : Jid.parse(occupant.bareJid);
}

/** §10.5 and §10.8: a room never loses its last owner. */
function leavesNoOwner(room: RoomState, plans: readonly Planned[]): boolean {
  const owners = new Set([...room.affiliations].filter(([, entry]) => entry.affiliation === 'owner').map(([jid]) => jid));
  if (owners.size === 0) return false;
  for (const plan of plans) {
    if (plan.kind !== 'affiliation') continue;
    if (plan.affiliation === 'owner') owners.add(plan.jid);
    else owners.delete(plan.jid);
  }
  return owners.size === 0;
}

export function adminSet(room: RoomState, incoming: Incoming, query: Element, ctx: RoomContext): Outcome {
  const items = query.getChildren('item');
  if (items.length === 0) return refuse(incoming, { condition: 'bad-request', text: 'no items' });
  const actor = actorOf(room, incoming, ctx);
  const plans: Planned[] = [];
  for (const item of items) {
    const plan = planItem(room, incoming, item, actor, ctx);
    if (!('kind' in plan)) return refuse(incoming, plan);
    plans.push(plan);
  }
  if (leavesNoOwner(room, plans)) return refuse(incoming, { condition: 'conflict', text: 'a room must keep at least one owner' });
  const actorNick = [...room.occupants.values()].find((occupant) => occupant.bareJid === incoming.bareFrom)?.nick;
  const changes: RoomChange[] = [];
  // §8.2: the removed hear first, then the requester gets the result, then everyone else.
  const first: Outbound[] = [];
  const rest: Outbound[] = [];
  for (const plan of plans) {
    const notes = { ...(actorNick === undefined ? {} : { actorNick }), ...(plan.reason === undefined ? {} : { reason: plan.reason }) };
    const effect = plan.kind === 'role' ? setRole(room, plan.target, plan.role, notes) : setAffiliation(room, plan.jid, plan.affiliation, notes, { actorJid: incoming.bareFrom, ...(plan.nick === undefined ? {} : { nick: plan.nick }) });
    changes.push(...effect.changes);
    const removed = new Set(effect.changes.flatMap((change) => (change.kind === 'session-left' ? [change.realJid] : [])));
    for (const outbound of effect.out) (removed.size > 0 && outbound.to.every((jid) => removed.has(jid)) ? first : rest).push(outbound);
    // §9.5: someone added to a members-only room's member list is invited to it.
    if (plan.kind === 'affiliation' && room.config.isMembersOnly && plan.affiliation === 'member' && plan.current === 'none') {
      rest.push(invitationMessage(room, incoming.bareFrom, plan.jid, plan.reason, incoming.stanza.attrs.id as string | undefined));
    }
  }
  return {
    changes,
    out: [...first, iqResult(incoming), ...rest],
    onStorageFailure: { condition: 'resource-constraint', text: 'the change could not be stored' },
  };
}
