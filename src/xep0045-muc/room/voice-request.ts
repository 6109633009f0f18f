// XEP-0045 §7.13 requesting voice (a visitor's muc#request form, passed to the moderators) and
// §8.6 approving it (a moderator submits the form back with muc#request_allow).
import { dataForm, type SubmittedForm } from '../../xmpp/data-form.js';
import { xml } from '../../xmpp/element.js';
import { NS } from '../../xmpp/namespaces.js';
import { canChangeRole, effectiveAffiliation } from './permissions.js';
import { refuse } from './replies.js';
import { setRole } from './role-changes.js';
import type { Incoming, Outcome, RoomContext, RoomState } from './types.js';

export function handleVoiceForm(room: RoomState, incoming: Incoming, form: SubmittedForm, ctx: RoomContext): Outcome {
  const nick = room.nickOf.get(incoming.from);
  const sender = nick === undefined ? undefined : room.occupants.get(nick);
  if (sender === undefined) return refuse(incoming, { condition: 'not-acceptable', text: 'only occupants may request voice' });
  if (form.boolean('muc#request_allow') !== undefined && sender.role === 'moderator') return approve(room, incoming, form, ctx);
  if (!room.config.isModerated || sender.role !== 'visitor') return refuse(incoming, { condition: 'not-acceptable', text: 'you already have voice' });
  if (!room.config.allowVoiceRequests) return refuse(incoming, { condition: 'forbidden', text: 'voice requests are disabled in this room' });
  const request = dataForm('form', NS.mucRequest, [
    { var: 'muc#role', type: 'list-single', label: 'Requested role', values: ['participant'], options: [{ value: 'participant' }] },
    { var: 'muc#jid', type: 'jid-single', label: 'User ID', values: [incoming.from] },
    { var: 'muc#roomnick', type: 'text-single', label: 'Room nickname', values: [sender.nick] },
    { var: 'muc#request_allow', type: 'boolean', label: 'Grant voice to this person?', values: ['0'] },
  ], 'Voice request', 'To approve this request for voice, select "Grant voice" and submit the form.');
  const moderators = [...room.occupants.values()].filter((occupant) => occupant.role === 'moderator')
    .flatMap((occupant) => [...occupant.sessions.keys()]);
  return { changes: [], out: [{ stanza: xml('message', { xmlns: NS.client, from: room.jid }, request), to: moderators }] };
}

function approve(room: RoomState, incoming: Incoming, form: SubmittedForm, ctx: RoomContext): Outcome {
  if (form.boolean('muc#request_allow') !== true) return { changes: [], out: [] };
  const target = room.occupants.get(form.text('muc#roomnick') ?? '');
  if (target === undefined) return refuse(incoming, { condition: 'item-not-found', text: 'no occupant with that nick' });
  if (target.role !== 'visitor') return { changes: [], out: [] };
  const actor = { role: 'moderator' as const, affiliation: effectiveAffiliation(room, incoming.bareFrom, ctx.policy) };
  if (!canChangeRole(actor, { role: target.role, affiliation: effectiveAffiliation(room, target.bareJid, ctx.policy) }, 'participant')) {
    return refuse(incoming, { condition: 'not-allowed', text: 'you may not grant voice to that occupant' });
  }
  const actorNick = room.nickOf.get(incoming.from);
  return setRole(room, target, 'participant', actorNick === undefined ? {} : { actorNick });
}
