// A room message as the archive stores it, numbered, from alice: what the storage tests append.
import type { ArchivedMessage } from '../../src/persistence/ports.js';

export function archivedMessage(roomJid: string, id: number): ArchivedMessage {
  return {
    id, stanzaId: `sid-${id}`, nickJid: `${roomJid}/alice`, fromJid: 'alice@example/desk', sentAt: new Date(),
    type: 'groupchat', body: `message ${id}`, stanza: `<message type="groupchat"><body>message ${id}</body></message>`,
  };
}
