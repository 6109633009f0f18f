// XEP-0045 §10 through muc#owner: the configuration form (§10.1.3, §10.2), accepting the
// instant room (§10.1.2), cancelling the initial configuration, and destroying the room (§10.9).
import { dataForm, SubmittedForm } from '../../xmpp/data-form.js';
import { xml, type Element } from '../../xmpp/element.js';
import { Jid } from '../../xmpp/jid.js';
import { NS } from '../../xmpp/namespaces.js';
import { ROOM_FEATURES } from '../features/index.js';
import { isArchived } from '../features/logging.js';
import { everyone } from './groupchat.js';
import { removeOccupant } from './leave.js';
import { applyOwnerLists, ownerListFields } from './owner-lists.js';
import { selfPresence } from './presence-out.js';
import { effectiveAffiliation, isAtLeast } from './permissions.js';
import { answer, refuse } from './replies.js';
import type { RoomConfig } from './room-config.js';
import type { Incoming, Outbound, Outcome, RoomChange, RoomContext, RoomState } from './types.js';

function isOwner(room: RoomState, incoming: Incoming, ctx: RoomContext): boolean {
  return isAtLeast(effectiveAffiliation(room, incoming.bareFrom, ctx.policy), 'owner');
}

export function ownerGet(room: RoomState, incoming: Incoming, ctx: RoomContext): Outcome {
  if (!isOwner(room, incoming, ctx)) return refuse(incoming, { condition: 'forbidden', text: 'only owners may configure the room' });
  const fields = [...ROOM_FEATURES.flatMap((feature) => feature.configFields?.(room.config, ctx.policy) ?? []), ...ownerListFields(room)];
  const form = dataForm('form', NS.mucRoomConfig, fields, `Configuration for ${room.jid}`,
    'Complete this form to modify the configuration of your room.');
  return answer(incoming, xml('query', { xmlns: NS.mucOwner }, form));
}

export function ownerSet(room: RoomState, incoming: Incoming, query: Element, ctx: RoomContext): Outcome {
  if (!isOwner(room, incoming, ctx)) return refuse(incoming, { condition: 'forbidden', text: 'only owners may configure or destroy the room' });
  const destroy = query.getChild('destroy');
  if (destroy !== undefined) return destroyRoom(room, incoming, destroy);
  const form = SubmittedForm.from(query);
  if (form === undefined) return refuse(incoming, { condition: 'bad-request', text: 'expected a data form or destroy' });
  if (form.type === 'cancel') {
    // §10.1.3: cancelling the initial configuration destroys the room.
    return room.isLocked ? destroyRoom(room, incoming, xml('destroy')) : answer(incoming);
  }
  if (form.type !== 'submit') return refuse(incoming, { condition: 'bad-request', text: 'the form must be submitted' });
  if (form.formType !== undefined && form.formType !== NS.mucRoomConfig) return refuse(incoming, { condition: 'bad-request', text: 'wrong FORM_TYPE' });
  let config: RoomConfig = room.config;
  for (const feature of ROOM_FEATURES) {
    if (feature.applyConfig === undefined) continue;
    const result = feature.applyConfig(config, form, ctx.policy, incoming.bareFrom);
    if ('refused' in result) return refuse(incoming, result.refused);
    config = result;
  }
  const actorNick = room.nickOf.get(incoming.from);
  const lists = applyOwnerLists(room, form, actorNick === undefined ? {} : { actorNick }, incoming.bareFrom);
  if ('condition' in lists) return refuse(incoming, lists);
  const changes: RoomChange[] = [{ kind: 'config-set', config }, ...lists.changes];
  if (room.isLocked) changes.push({ kind: 'unlocked' });
  const out: Outbound[] = [...lists.out];
  const notice = configChangeNotice(room, room.config, config, ctx);
  if (notice !== undefined) out.push(notice);
  // §10.2: making the room members-only removes those who are not members (322).
  if (config.isMembersOnly && !room.config.isMembersOnly) {
    const after = { ...room, config };
    for (const occupant of room.occupants.values()) {
      if (isAtLeast(effectiveAffiliation(room, occupant.bareJid, ctx.policy), 'member')) continue;
      const removal = removeOccupant(after, occupant, { codes: [322] });
      changes.push(...removal.changes);
      out.push(...removal.out);
    }
  }
  return { ...answer(incoming, undefined, changes, out), onStorageFailure: { condition: 'resource-constraint', text: 'the configuration could not be stored' } };
}

/** §10.2.1: occupants hear of a change: 104, and 170/171 (logging), 172/173 (anonymity). */
function configChangeNotice(room: RoomState, before: RoomConfig, after: RoomConfig, ctx: RoomContext): Outbound | undefined {
  if (room.isLocked || room.occupants.size === 0) return undefined;
  const codes: number[] = [];
  // 104 is for a change that touches no one's privacy; logging and anonymity have codes of their own.
  const others = (config: RoomConfig): string => JSON.stringify({ ...config, isLogging: undefined, whois: undefined });
  if (others(before) !== others(after)) codes.push(104);
  const wasLogged = isArchived(before, ctx.policy);
  const isLogged = isArchived(after, ctx.policy);
  if (wasLogged !== isLogged) codes.push(isLogged ? 170 : 171);
  if (before.whois !== after.whois) codes.push(after.whois === 'anyone' ? 172 : 173);
  if (codes.length === 0) return undefined;
  const message = xml('message', { xmlns: NS.client, type: 'groupchat', from: room.jid },
    xml('x', { xmlns: NS.mucUser }, ...codes.map((code) => xml('status', { code: String(code) }))));
  return { stanza: message, to: everyone(room) };
}

/** §10.9: every occupant leaves with the destroy element (alternate venue, reason). */
function destroyRoom(room: RoomState, incoming: Incoming, destroy: Element): Outcome {
  const venue = Jid.tryParse(destroy.attrs.jid as string | undefined);
  if (destroy.attrs.jid !== undefined && venue === undefined) return refuse(incoming, { condition: 'jid-malformed', text: 'the alternate venue is not a valid JID' });
  const reason = destroy.getChildText('reason') ?? undefined;
  const password = destroy.getChildText('password') ?? undefined;
  const element = xml('destroy', { jid: venue?.toString() },
    reason === undefined ? undefined : xml('reason', {}, reason),
    password === undefined ? undefined : xml('password', {}, password));
  const out: Outbound[] = [];
  // Each occupant hears only of its own exit: one presence per session, not one per pair.
  for (const occupant of room.occupants.values()) {
    out.push(...selfPresence(room, occupant, undefined, { destroy: element, affiliation: 'none', role: 'none' }, [...occupant.sessions.keys()]));
  }
  return { ...answer(incoming, undefined, [{ kind: 'destroyed' }], out), onStorageFailure: { condition: 'resource-constraint', text: 'the room could not be destroyed' } };
}
