// XEP-0045 §7.10 registering with a room: a reserved nick and membership, when the operator lets
// users add themselves as members ("Users can add themselves to rooms as members"); §7.10 also
// answers a registered user with its nick, and <remove/> cancels the registration.
import { dataForm, SubmittedForm } from '../../xmpp/data-form.js';
import { xml, type Element } from '../../xmpp/element.js';
import { normalizeResource } from '../../xmpp/jid.js';
import { NS } from '../../xmpp/namespaces.js';
import { affiliationOf } from './permissions.js';
import { setAffiliation } from './affiliation-changes.js';
import { answer, iqResult, refuse } from './replies.js';
import type { Incoming, Outcome, RoomState } from './types.js';

const NICK = 'muc#register_roomnick';

export function registrationGet(room: RoomState, incoming: Incoming, canSelfRegister: boolean): Outcome {
  const entry = room.affiliations.get(incoming.bareFrom);
  // A member, admin or owner is registered, with or without a reserved nick.
  if (entry !== undefined && entry.affiliation !== 'outcast') {
    return answer(incoming, xml('query', { xmlns: NS.register }, xml('registered'), entry.nick === undefined ? undefined : xml('username', {}, entry.nick)));
  }
  if (!canSelfRegister || entry?.affiliation === 'outcast') return refuse(incoming, { condition: 'not-allowed', text: 'registration with this room is not open' });
  const form = dataForm('form', NS.mucRegister, [
    { var: NICK, type: 'text-single', label: 'Desired nickname' },
  ], 'Room registration', 'Choose the nickname reserved for you in this room.');
  return answer(incoming, xml('query', { xmlns: NS.register }, xml('instructions', {}, 'Fill in the form to register with this room.'), form));
}

export function registrationSet(room: RoomState, incoming: Incoming, query: Element, canSelfRegister: boolean): Outcome {
  const entry = room.affiliations.get(incoming.bareFrom);
  if (query.getChild('remove') !== undefined) {
    if (entry === undefined) return refuse(incoming, { condition: 'item-not-found', text: 'you are not registered with this room' });
    if (entry.affiliation === 'owner' || entry.affiliation === 'admin' || entry.affiliation === 'outcast') {
      const kept = { affiliation: entry.affiliation, ...(entry.reason === undefined ? {} : { reason: entry.reason }) };
      return answer(incoming, undefined, [{ kind: 'affiliation-set', bareJid: incoming.bareFrom, entry: kept }]);
    }
    return answer(incoming, undefined, [{ kind: 'affiliation-set', bareJid: incoming.bareFrom, entry: undefined }]);
  }
  const isMember = affiliationOf(room, incoming.bareFrom) !== 'none';
  if (affiliationOf(room, incoming.bareFrom) === 'outcast' || (!canSelfRegister && !isMember)) {
    return refuse(incoming, { condition: 'not-allowed', text: 'registration with this room is not open' });
  }
  const form = SubmittedForm.from(query);
  if (form === undefined || (form.formType !== undefined && form.formType !== NS.mucRegister)) {
    return refuse(incoming, { condition: 'bad-request', text: 'submit the muc#register form' });
  }
  if (form.type === 'cancel') return answer(incoming);
  const nick = normalizeResource(form.text(NICK) ?? '');
  // A form without the nick is not a valid form (§7.10: bad-request).
  if (nick === undefined || nick.trim() === '') return refuse(incoming, { condition: 'bad-request', text: `${NICK} is required` });
  for (const [jid, other] of room.affiliations) {
    if (other.nick === nick && jid !== incoming.bareFrom) return refuse(incoming, { condition: 'conflict', text: 'that nickname is registered to someone else' });
  }
  const holder = room.occupants.get(nick);
  if (holder !== undefined && holder.bareJid !== incoming.bareFrom) return refuse(incoming, { condition: 'conflict', text: 'that nickname is in use' });
  // Registering makes the user a member; if in the room, everyone sees it (§7.10, §9.3).
  const effect = entry === undefined ? setAffiliation(room, incoming.bareFrom, 'member', {}, { actorJid: incoming.bareFrom, nick })
    : { changes: [{ kind: 'affiliation-set' as const, bareJid: incoming.bareFrom, entry: { ...entry, nick } }], out: [] };
  return {
    changes: effect.changes,
    out: [iqResult(incoming), ...effect.out],
    onStorageFailure: { condition: 'resource-constraint', text: 'the registration could not be stored' },
  };
}
