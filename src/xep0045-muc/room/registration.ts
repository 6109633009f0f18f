// XEP-0045 §7.10 registering with a room: a reserved nick and membership, when the operator lets
// users add themselves as members ("Users can add themselves to rooms as members"); §7.10 also
// answers a registered user with its nick, and <remove/> cancels the registration.
import { dataForm, SubmittedForm } from '../../xmpp/data-form.js';
import { xml, type Element } from '../../xmpp/element.js';
import { normalizeResource } from '../../xmpp/jid.js';
import { NS } from '../../xmpp/namespaces.js';
import { affiliationOf } from './permissions.js';
import { answer, refuse } from './replies.js';
import type { Incoming, Outcome, RoomState } from './types.js';

const NICK = 'muc#register_roomnick';

export function registrationGet(room: RoomState, incoming: Incoming, canSelfRegister: boolean): Outcome {
  const entry = room.affiliations.get(incoming.bareFrom);
  if (entry?.nick !== undefined) {
    return answer(incoming, xml('query', { xmlns: NS.register }, xml('registered'), xml('username', {}, entry.nick)));
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
  if (form?.type === 'cancel') return answer(incoming);
  const nick = normalizeResource(form?.text(NICK) ?? '');
  if (form === undefined || nick === undefined) return refuse(incoming, { condition: 'not-acceptable', text: `${NICK} is required` });
  for (const [jid, other] of room.affiliations) {
    if (other.nick === nick && jid !== incoming.bareFrom) return refuse(incoming, { condition: 'conflict', text: 'that nickname is registered to someone else' });
  }
  const holder = room.occupants.get(nick);
  if (holder !== undefined && holder.bareJid !== incoming.bareFrom) return refuse(incoming, { condition: 'conflict', text: 'that nickname is in use' });
  const affiliation = entry?.affiliation ?? 'member';
  return {
    ...answer(incoming, undefined, [{ kind: 'affiliation-set', bareJid: incoming.bareFrom, entry: { ...entry, affiliation, nick } }]),
    onStorageFailure: { condition: 'resource-constraint', text: 'the registration could not be stored' },
  };
}
