// Building a room's state: a new room (§10.1.1), or a persistent one loaded from the external
// database with its affiliations, subject and the most recent messages for history on entry.
import { parseElement } from '../xmpp/element.js';
import type { RoomRecord, TextConferenceStore } from '../persistence/ports.js';
import { isSubjectChange } from './room/history.js';
import { decodeRoomConfig, defaultRoomConfig, type RoomDefaults } from './room/room-config.js';
import type { AffiliationEntry, HistoryEntry, RoomState } from './room/types.js';

export function newRoomState(jid: string, creator: string, defaults: RoomDefaults, now: Date, isLocked: boolean): RoomState {
  return {
    jid, creator, createdAt: now, isLocked, isUnclaimed: true, isDestroyed: false,
    config: defaultRoomConfig(defaults),
    affiliations: new Map(), occupants: new Map(), nickOf: new Map(), invited: new Set(), relays: new Map(),
    subject: undefined, history: [], subjectChanges: [], lastArchiveId: 0,
  };
}

export async function loadRoomState(store: TextConferenceStore, record: RoomRecord, defaults: RoomDefaults, historyLimit: number): Promise<RoomState> {
  const [affiliations, page, lastId] = await Promise.all([
    store.affiliations.list(record.id),
    historyLimit === 0 ? undefined : store.archive.page(record.id, { limit: historyLimit, from: 'newest', isWithoutSubjects: true }),
    store.archive.lastId(record.id),
  ]);
  const entries = new Map<string, AffiliationEntry>();
  for (const affiliation of affiliations) {
    if (affiliation.affiliation === 'none') continue;
    entries.set(affiliation.realJid, {
      affiliation: affiliation.affiliation,
      ...(affiliation.nick === undefined ? {} : { nick: affiliation.nick }),
      ...(affiliation.reason === undefined ? {} : { reason: affiliation.reason }),
    });
  }
  const history: HistoryEntry[] = (page?.messages ?? [])
    .filter((message) => message.type === 'groupchat')
    .map((message) => ({
      id: message.id, stanzaId: message.stanzaId, nick: message.nickJid.slice(message.nickJid.indexOf('/') + 1),
      fromJid: message.fromJid, sentAt: message.sentAt, stanza: parseElement(message.stanza),
    }))
    // The query leaves subject changes out; one Oracle stored as NULL (a cleared subject) is caught here.
    .filter((entry) => !isSubjectChange(entry.stanza));
  const subjectBy = record.subjectBy?.slice(record.subjectBy.indexOf('/') + 1);
  return {
    jid: record.roomJid, creator: record.creatorJid, createdAt: record.createdAt, isLocked: false, isUnclaimed: false, isDestroyed: false,
    config: decodeRoomConfig(record.config, record.formatVersion, defaults),
    affiliations: entries, occupants: new Map(), nickOf: new Map(), invited: new Set(), relays: new Map(),
    subject: record.subject === '' && subjectBy === undefined ? undefined
      : { text: record.subject, at: record.modifiedAt, ...(subjectBy === undefined ? {} : { by: subjectBy }) },
    history, subjectChanges: [], lastArchiveId: lastId,
  };
}
