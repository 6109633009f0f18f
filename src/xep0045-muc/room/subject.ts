// XEP-0045 §8.1 modifying the room subject: by moderators, or by participants when the room
// allows it; stored with the room, archived (XEP-0313 §6.1.1) and sent to everyone.
import { xml } from '../../xmpp/element.js';
import { NS } from '../../xmpp/namespaces.js';
import { canChangeSubject } from './permissions.js';
import { refuse } from './replies.js';
import { everyone } from './groupchat.js';
import type { Incoming, Occupant, Outcome, RoomContext, RoomState } from './types.js';

const MAX_SUBJECT = 1024;

export function changeSubject(room: RoomState, sender: Occupant, incoming: Incoming, ctx: RoomContext): Outcome {
  if (!canChangeSubject(sender.role, room.config)) return refuse(incoming, { condition: 'forbidden', text: 'you may not change the subject' });
  const text = incoming.stanza.getChildText('subject') ?? '';
  if (text.length > MAX_SUBJECT) return refuse(incoming, { condition: 'not-acceptable', text: `subjects are limited to ${MAX_SUBJECT} characters` });
  // Archived like a message (XEP-0313 §6.1.1), so it has the room's stanza-id too.
  const stanzaId = ctx.newStanzaId();
  const message = xml('message', { xmlns: NS.client, type: 'groupchat', id: incoming.stanza.attrs.id as string | undefined, from: `${room.jid}/${sender.nick}` },
    xml('subject', {}, text), xml('stanza-id', { xmlns: NS.stanzaId, id: stanzaId, by: room.jid }), xml('occupant-id', { xmlns: NS.occupantId, id: sender.occupantId }));
  const entry = { id: room.lastArchiveId + 1, stanzaId, nick: sender.nick, fromJid: sender.bareJid, sentAt: ctx.now, stanza: message };
  return {
    changes: [{ kind: 'subject-set', subject: { text, by: sender.nick, occupantId: sender.occupantId, at: ctx.now } }, { kind: 'history-appended', entry }],
    out: [{ stanza: message, to: everyone(room) }],
    onStorageFailure: { condition: 'resource-constraint', text: 'the subject could not be stored' },
  };
}
