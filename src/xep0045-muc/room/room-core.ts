// The room core's entry (STYLE §4): one stanza for a room in, an Outcome out. Pure: no sockets,
// timers or SQL. Addressing (XEP-0045 §7–§10): presence to an occupant JID; groupchat, invitations
// and voice forms to the room; private messages to an occupant JID; IQs to the room by namespace.
import { SubmittedForm } from '../../xmpp/data-form.js';
import { NS } from '../../xmpp/namespaces.js';
import { adminGet, adminSet } from './admin.js';
import { groupchat } from './groupchat.js';
import { handleInvitations } from './invitations.js';
import { relayAnswer, relayRequest } from './iq-relay.js';
import { handlePresence, removeSessionOnError } from './occupant-presence.js';
import { ownerGet, ownerSet } from './owner.js';
import { privateMessage } from './private-message.js';
import { registrationGet, registrationSet } from './registration.js';
import { answer, refuse } from './replies.js';
import { roomDiscoInfo, roomDiscoItems } from './room-disco.js';
import { handleVoiceForm } from './voice-request.js';
import { NO_OUTCOME, type Incoming, type Outcome, type RoomContext, type RoomState } from './types.js';

export interface CoreOptions {
  /** Users may register with rooms and so make themselves members (§7.10). */
  canSelfRegister: boolean;
}

export function handleStanza(room: RoomState, incoming: Incoming, ctx: RoomContext, options: CoreOptions): Outcome {
  switch (incoming.stanza.name) {
    case 'presence': return handlePresence(room, incoming, ctx);
    case 'message': return handleMessage(room, incoming, ctx);
    case 'iq': return handleIq(room, incoming, ctx, options);
    default: return NO_OUTCOME;
  }
}

function handleMessage(room: RoomState, incoming: Incoming, ctx: RoomContext): Outcome {
  const { stanza } = incoming;
  const type = stanza.attrs.type as string | undefined;
  if (type === 'error') return removeSessionOnError(room, incoming);
  if (incoming.nick !== '') return privateMessage(room, incoming, ctx);
  if (type === 'groupchat') return groupchat(room, incoming, ctx);
  const mucUser = stanza.getChild('x', NS.mucUser);
  if (mucUser !== undefined) return handleInvitations(room, incoming, mucUser, ctx);
  const form = SubmittedForm.from(stanza);
  if (form?.formType === NS.mucRequest) return handleVoiceForm(room, incoming, form, ctx);
  return refuse(incoming, { condition: 'bad-request', text: 'send groupchat messages to the room, or private messages to an occupant' });
}

function handleIq(room: RoomState, incoming: Incoming, ctx: RoomContext, options: CoreOptions): Outcome {
  const { stanza } = incoming;
  const type = stanza.attrs.type as string | undefined;
  if (type === 'result' || type === 'error') return incoming.nick === '' ? NO_OUTCOME : relayAnswer(room, incoming);
  if (type !== 'get' && type !== 'set') return NO_OUTCOME;
  const query = stanza.getChildElements()[0];
  if (query === undefined) return refuse(incoming, { condition: 'bad-request', text: 'an IQ needs a payload' });
  if (incoming.nick !== '') return relayRequest(room, incoming, query, ctx);
  const key = `${type} ${query.getNS() ?? ''}`;
  switch (key) {
    case `get ${NS.discoInfo}`: return roomDiscoInfo(room, incoming, query, ctx);
    case `get ${NS.discoItems}`: return roomDiscoItems(room, incoming);
    case `get ${NS.mucAdmin}`: return adminGet(room, incoming, query, ctx);
    case `set ${NS.mucAdmin}`: return adminSet(room, incoming, query, ctx);
    case `get ${NS.mucOwner}`: return ownerGet(room, incoming, ctx);
    case `set ${NS.mucOwner}`: return ownerSet(room, incoming, query, ctx);
    case `get ${NS.register}`: return registrationGet(room, incoming, options.canSelfRegister);
    case `set ${NS.register}`: return registrationSet(room, incoming, query, options.canSelfRegister);
    case `get ${NS.ping}`: return answer(incoming);
    default: return refuse(incoming, { condition: 'service-unavailable' });
  }
}
