// XEP-0045 §8 (moderator) and §9 (admin) through muc#admin: role and affiliation lists (get) and
// changes (set). A set with several items is checked whole before any item takes effect.
import { xml, type Element } from '../../xmpp/element.js';
import { Jid } from '../../xmpp/jid.js';
import { NS } from '../../xmpp/namespaces.js';
import type { StanzaErrorSpec } from '../../xmpp/stanza-errors.js';
import { setAffiliation } from './affiliation-changes.js';
import { affiliationOf, canChangeAffiliation, canChangeRole, effectiveAffiliation, isAtLeast, seesRealJids } from './permissions.js';
import { representativeSession } from './presence-out.js';
import { answer, refuse } from './replies.js';
import { setRole } from './role-changes.js';
import type { Affiliation, Incoming, Occupant, Outbound, Outcome, Role, RoomChange, RoomContext, RoomState } from './types.js';

const ROLES = new Set<string>(['moderator', 'participant', 'visitor', 'none']);
const AFFILIATIONS = new Set<string>(['owner', 'admin', 'member', 'outcast', 'none']);

function actorOf(room: RoomState, incoming: Incoming, ctx: RoomContext): { occupant: Occupant | undefined; affiliation: Affiliation; role: Role } {
  const nick = room.nickOf.get(incoming.from);
  const occupant = nick === undefined ? undefined : room.occupants.get(nick);
  return { occupant, affiliation: effectiveAffiliation(room, incoming.bareFrom, ctx.policy), role: occupant?.role ?? 'none' };
}

export function adminGet(room: RoomState, incoming: Incoming, query: Element, ctx: RoomContext): Outcome {
  const item = query.getChild('item');
  const actor = actorOf(room, incoming, ctx);
  const role = item?.attrs.role as string | undefined;
  const affiliation = item?.attrs.affiliation as string | undefined;
  const result = xml('query', { xmlns: NS.mucAdmin });
  if (role !== undefined && ROLES.has(role) && role !== 'none') {
    // §8.5, §9.8: role lists are for moderators.
    if (actor.role !== 'moderator') return refuse(incoming, { condition: 'forbidden', text: 'only moderators may list roles' });
    for (const occupant of room.occupants.values()) {
      if (occupant.role !== role) continue;
      // IQ business rule 5: role lists carry the full JID (where the asker may see it).
      result.cnode(xml('item', { nick: occupant.nick, role, affiliation: affiliationOf(room, occupant.bareJid),
        jid: seesRealJids(actor.role, room.config) ? representativeSession(occupant)?.[0] : undefined }));
    }
    return answer(incoming, result);
  }
  if (affiliation !== undefined && AFFILIATIONS.has(affiliation) && affiliation !== 'none') {
    // §9.5: the member list also for the roles the room allows; everything else for admins and owners.
    const isMemberListReader = affiliation === 'member' && room.config.getMemberList.includes(actor.role);
    if (!isAtLeast(actor.affiliation, 'admin') && !isMemberListReader) {
      return refuse(incoming, { condition: 'forbidden', text: 'only admins and owners may list affiliations' });
    }
    for (const [jid, entry] of room.affiliations) {
      if (entry.affiliation !== affiliation) continue;
      const listed = xml('item', { affiliation, jid, nick: entry.nick });
      if (entry.reason !== undefined) listed.cnode(xml('reason', {}, entry.reason));
      result.cnode(listed);
    }
    return answer(incoming, result);
  }
  return refuse(incoming, { condition: 'bad-request', text: 'ask for one role or one affiliation' });
}

type Planned = { kind: 'role'; target: Occupant; role: Role; reason?: string } | { kind: 'affiliation'; jid: string; affiliation: Affiliation; reason?: string };

function planItem(room: RoomState, incoming: Incoming, item: Element, ctx: RoomContext): Planned | StanzaErrorSpec {
  const actor = actorOf(room, incoming, ctx);
  const reason = item.getChildText('reason') ?? undefined;
  const role = item.attrs.role as string | undefined;
  const affiliation = item.attrs.affiliation as string | undefined;
  // IQ business rule 4: one item changes a role or an affiliation, not both.
  if (role !== undefined && affiliation !== undefined) return { condition: 'bad-request', text: 'an item changes a role or an affiliation, not both' };
  if (affiliation !== undefined) {
    if (!AFFILIATIONS.has(affiliation)) return { condition: 'bad-request', text: `unknown affiliation ${affiliation}` };
    const jid = Jid.tryParse(item.attrs.jid as string | undefined)
      ?? jidOfNick(room, item.attrs.nick as string | undefined);
    if (jid === undefined) return { condition: 'jid-malformed', text: 'an affiliation change needs a valid jid' };
    const bare = jid.bare().toString();
    const current = affiliationOf(room, bare);
    const next = affiliation as Affiliation;
    if (!isAtLeast(actor.affiliation, 'admin')) return { condition: 'forbidden', text: 'only admins and owners may change affiliations' };
    if (!canChangeAffiliation(actor.affiliation, current, next)) {
      return isAtLeast(current, 'admin')
        ? { condition: 'not-allowed', text: 'you may not change the affiliation of an admin or owner' }
        : { condition: 'forbidden', text: 'only owners may grant admin or owner status' };
    }
    // §9.1: nobody bans themselves.
    if (bare === incoming.bareFrom && next === 'outcast') return { condition: 'conflict', text: 'you cannot ban yourself' };
    return { kind: 'affiliation', jid: bare, affiliation: next, ...(reason === undefined ? {} : { reason }) };
  }
  if (role !== undefined) {
    if (!ROLES.has(role)) return { condition: 'bad-request', text: `unknown role ${role}` };
    const target = room.occupants.get(String(item.attrs.nick ?? ''));
    if (actor.role !== 'moderator') return { condition: 'forbidden', text: 'only moderators may change roles' };
    if (target === undefined) return { condition: 'item-not-found', text: 'no occupant with that nick' };
    const targetAffiliation = effectiveAffiliation(room, target.bareJid, ctx.policy);
    if (!canChangeRole(actor, { role: target.role, affiliation: targetAffiliation }, role as Role)) {
      return { condition: 'not-allowed', text: 'you may not change the role of that occupant' };
    }
    return { kind: 'role', target, role: role as Role, ...(reason === undefined ? {} : { reason }) };
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
  const plans: Planned[] = [];
  for (const item of items) {
    const plan = planItem(room, incoming, item, ctx);
    if (!('kind' in plan)) return refuse(incoming, plan);
    plans.push(plan);
  }
  if (leavesNoOwner(room, plans)) return refuse(incoming, { condition: 'conflict', text: 'a room must keep at least one owner' });
  const actorNick = room.nickOf.get(incoming.from);
  const changes: RoomChange[] = [];
  const out: Outbound[] = [];
  for (const plan of plans) {
    const notes = { ...(actorNick === undefined ? {} : { actorNick }), ...(plan.reason === undefined ? {} : { reason: plan.reason }) };
    const effect = plan.kind === 'role'
      ? setRole(room, plan.target, plan.role, notes)
      : setAffiliation(room, plan.jid, plan.affiliation, notes);
    changes.push(...effect.changes);
    out.push(...effect.out);
  }
  return { ...answer(incoming, undefined, changes, out), onStorageFailure: { condition: 'resource-constraint', text: 'the change could not be stored' } };
}
