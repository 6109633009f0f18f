// XEP-0045 §7.4 sending a message to all occupants: reflected to everyone, the sender included,
// with the room's XEP-0359 stanza-id and the sender's XEP-0421 occupant-id; recorded for history
// and, when the room is archived, committed to the archive before anyone gets it.
import { xml, type Element } from '../../xmpp/element.js';
import { NS } from '../../xmpp/namespaces.js';
import { canSpeak } from './permissions.js';
import { refuse } from './replies.js';
import { isSubjectChange } from './history.js';
import { changeSubject } from './subject.js';
import type { Incoming, Occupant, Outcome, RoomContext, RoomState } from './types.js';

/** Every session of every occupant. */
export function everyone(room: RoomState): string[] {
  const to: string[] = [];
  for (const occupant of room.occupants.values()) for (const jid of occupant.sessions.keys()) to.push(jid);
  return to;
}

/** Children a sender may not set: ids the room vouches for (XEP-0359 §5, XEP-0421 §4). */
function isForged(child: Element, room: RoomState): boolean {
  if (child.name === 'stanza-id' && child.attrs.xmlns === NS.stanzaId) return child.attrs.by === room.jid;
  return child.name === 'occupant-id' && child.attrs.xmlns === NS.occupantId;
}

export function groupchat(room: RoomState, incoming: Incoming, ctx: RoomContext): Outcome {
  const { stanza } = incoming;
  const nick = room.nickOf.get(incoming.from);
  const sender = nick === undefined ? undefined : room.occupants.get(nick);
  if (sender === undefined) {
    // §17.2 rule 3: a room not yet unlocked does not exist for anyone outside it.
    return refuse(incoming, room.isLocked ? { condition: 'item-not-found', text: 'no such room' } : { condition: 'not-acceptable', text: 'you are not in this room' });
  }
  if (isSubjectChange(stanza)) return changeSubject(room, sender, incoming, ctx);
  if (!canSpeak(sender.role, room.config)) return refuse(incoming, { condition: 'forbidden', text: 'you have no voice in this room' });
  const body = stanza.getChildText('body') ?? '';
  if (Buffer.byteLength(body, 'utf8') > ctx.policy.maxMessageBytes) {
    return refuse(incoming, { condition: 'not-acceptable', text: `messages are limited to ${ctx.policy.maxMessageBytes} bytes` });
  }
  return broadcastMessage(room, sender, stanza, ctx);
}

export function broadcastMessage(room: RoomState, sender: Occupant, stanza: Element, ctx: RoomContext): Outcome {
  const message = xml('message', { xmlns: NS.client, type: 'groupchat', id: stanza.attrs.id as string | undefined, from: `${room.jid}/${sender.nick}` });
  message.children = stanza.children.filter((child) => typeof child !== 'string' && !isForged(child, room));
  // Only messages with a body are history (XEP-0313 §7.1.1: chat states are not archived); only
  // archived ones get a stanza-id (XEP-0359 §4).
  if (stanza.getChild('body') === undefined) {
    message.cnode(xml('occupant-id', { xmlns: NS.occupantId, id: sender.occupantId }));
    return { changes: [], out: [{ stanza: message, to: everyone(room) }] };
  }
  const stanzaId = ctx.newStanzaId();
  message.cnode(xml('stanza-id', { xmlns: NS.stanzaId, id: stanzaId, by: room.jid }));
  message.cnode(xml('occupant-id', { xmlns: NS.occupantId, id: sender.occupantId }));
  const entry = { id: room.lastArchiveId + 1, stanzaId, nick: sender.nick, fromJid: sender.bareJid, sentAt: ctx.now, stanza: message };
  return {
    changes: [{ kind: 'history-appended', entry }],
    out: [{ stanza: message, to: everyone(room) }],
    onStorageFailure: { condition: 'resource-constraint', text: 'the message could not be archived; it was not sent' },
  };
}
