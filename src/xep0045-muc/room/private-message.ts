// XEP-0045 §7.5 private messages: from one occupant to all sessions of another, marked with
// <x xmlns='…muc#user'/>; groupchat to an occupant JID is refused with bad-request.
import { xml } from '../../xmpp/element.js';
import { NS } from '../../xmpp/namespaces.js';
import { canSendPrivateMessage } from './permissions.js';
import { refuse } from './replies.js';
import type { Incoming, Outcome, RoomContext, RoomState } from './types.js';

export function privateMessage(room: RoomState, incoming: Incoming, ctx: RoomContext): Outcome {
  const { stanza } = incoming;
  const type = (stanza.attrs.type as string | undefined) ?? 'normal';
  if (type === 'groupchat') return refuse(incoming, { condition: 'bad-request', text: 'groupchat messages go to the room, not to an occupant' });
  const senderNick = room.nickOf.get(incoming.from);
  const sender = senderNick === undefined ? undefined : room.occupants.get(senderNick);
  if (sender === undefined) return refuse(incoming, { condition: 'not-acceptable', text: 'only occupants may send private messages' });
  if (!canSendPrivateMessage(sender.role, room.config)) return refuse(incoming, { condition: 'forbidden', text: 'private messages are not allowed for your role' });
  const target = room.occupants.get(incoming.nick);
  if (target === undefined) return refuse(incoming, { condition: 'item-not-found', text: 'no such occupant' });
  const body = stanza.getChildText('body') ?? '';
  if (Buffer.byteLength(body, 'utf8') > ctx.policy.maxMessageBytes) {
    return refuse(incoming, { condition: 'not-acceptable', text: `messages are limited to ${ctx.policy.maxMessageBytes} bytes` });
  }
  const message = xml('message', { xmlns: NS.client, type, id: stanza.attrs.id as string | undefined, from: `${room.jid}/${sender.nick}` });
  message.children = stanza.children.filter((child) => typeof child !== 'string'
    && !(child.name === 'x' && child.attrs.xmlns === NS.mucUser)
    && !(child.name === 'occupant-id' && child.attrs.xmlns === NS.occupantId)
    && !(child.name === 'stanza-id' && child.attrs.xmlns === NS.stanzaId && child.attrs.by === room.jid));
  message.cnode(xml('x', { xmlns: NS.mucUser }));
  message.cnode(xml('occupant-id', { xmlns: NS.occupantId, id: sender.occupantId }));
  return { changes: [], out: [{ stanza: message, to: [...target.sessions.keys()] }] };
}
