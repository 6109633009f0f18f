// XEP-0045 §7.8 mediated invitations and declines. In a members-only room an invitation by an
// admin or owner also makes the invitee a member (§7.8.2), so the invitation can be used.
import { xml, type Element } from '../../xmpp/element.js';
import { Jid } from '../../xmpp/jid.js';
import { NS } from '../../xmpp/namespaces.js';
import { affiliationOf, canInvite, effectiveAffiliation, isAtLeast } from './permissions.js';
import { refuse } from './replies.js';
import type { Incoming, Outbound, Outcome, RoomChange, RoomContext, RoomState } from './types.js';

const MAX_INVITES = 20;

export function handleInvitations(room: RoomState, incoming: Incoming, x: Element, ctx: RoomContext): Outcome {
  const invites = x.getChildren('invite');
  const declines = x.getChildren('decline');
  if (invites.length > 0) return invite(room, incoming, invites, ctx);
  if (declines.length > 0) return decline(room, incoming, declines);
  return refuse(incoming, { condition: 'bad-request', text: 'expected an invite or a decline' });
}

function invite(room: RoomState, incoming: Incoming, invites: Element[], ctx: RoomContext): Outcome {
  const nick = room.nickOf.get(incoming.from);
  const inviter = nick === undefined ? undefined : room.occupants.get(nick);
  const affiliation = effectiveAffiliation(room, incoming.bareFrom, ctx.policy);
  if (inviter === undefined) return refuse(incoming, { condition: 'not-acceptable', text: 'only occupants may invite' });
  if (!canInvite(inviter.role, affiliation, room.config)) return refuse(incoming, { condition: 'forbidden', text: 'you may not invite others to this room' });
  if (invites.length > MAX_INVITES) return refuse(incoming, { condition: 'policy-violation', text: `at most ${MAX_INVITES} invitations at once` });
  const invitees: Jid[] = [];
  for (const element of invites) {
    const invitee = Jid.tryParse(element.attrs.to as string | undefined);
    if (invitee === undefined) return refuse(incoming, { condition: 'jid-malformed', text: 'an invitation needs a valid \'to\'' });
    invitees.push(invitee);
  }
  const changes: RoomChange[] = [];
  const out: Outbound[] = [];
  // §7.8.2 and §9.5: in a members-only room, those who may invite also make the invitee a member.
  const makesMembers = room.config.isMembersOnly && (isAtLeast(affiliation, 'admin') || (room.config.allowInvites && isAtLeast(affiliation, 'member')));
  invitees.forEach((invitee, index) => {
    const element = invites[index];
    const reason = element?.getChildText('reason') ?? undefined;
    const bare = invitee.bare().toString();
    changes.push({ kind: 'invited', bareJid: bare });
    if (makesMembers && affiliationOf(room, bare) === 'none') {
      changes.push({ kind: 'affiliation-set', bareJid: bare, entry: { affiliation: 'member', reason: 'invited' } });
    }
    out.push(invitationMessage(room, incoming.bareFrom, invitee.toString(), reason, incoming.stanza.attrs.id as string | undefined, element?.getChild('continue')));
  });
  return { changes, out, onStorageFailure: { condition: 'resource-constraint', text: 'the new member could not be stored' } };
}

/** §7.8.2: the invitation the room sends, with the password of a protected room and a direct-invitation element. */
export function invitationMessage(room: RoomState, inviter: string, invitee: string, reason: string | undefined, id: string | undefined, resume?: Element): Outbound {
  const password = room.config.isPasswordProtected ? room.config.password : undefined;
  const message = xml('message', { xmlns: NS.client, from: room.jid, id },
    xml('x', { xmlns: NS.mucUser },
      // §7.9: <continue/> turns a one-to-one chat into this room.
      xml('invite', { from: inviter }, reason === undefined ? undefined : xml('reason', {}, reason), resume),
      password === undefined ? undefined : xml('password', {}, password)),
    // XEP-0249-style element for clients that only understand direct invitations.
    xml('x', { xmlns: NS.conference, jid: room.jid, reason, password }),
    xml('body', {}, `${inviter} invites you to the room ${room.jid}${reason === undefined ? '' : ` (${reason})`}`));
  return { stanza: message, to: [invitee] };
}

function decline(room: RoomState, incoming: Incoming, declines: Element[]): Outcome {
  const element = declines[0];
  const inviter = Jid.tryParse(element?.attrs.to as string | undefined);
  if (element === undefined || inviter === undefined) return refuse(incoming, { condition: 'jid-malformed', text: 'a decline needs a valid \'to\'' });
  const reason = element.getChildText('reason') ?? undefined;
  const message = xml('message', { xmlns: NS.client, from: room.jid },
    xml('x', { xmlns: NS.mucUser },
      xml('decline', { from: incoming.bareFrom }, reason === undefined ? undefined : xml('reason', {}, reason))));
  return { changes: [], out: [{ stanza: message, to: [inviter.toString()] }] };
}
