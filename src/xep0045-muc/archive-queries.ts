// Answers XEP-0313 queries to a room: from the external database for a stored room, from the
// room's recent history in memory for a temporary one. Who may read is the room's business
// (§5 of XEP-0313 for MUC: whoever may enter it).
import type { ArchivedMessage, ArchivePage, ArchiveQuery, TextConferenceStore } from '../persistence/ports.js';
import { errorReply } from '../xmpp/stanza-errors.js';
import { xml } from '../xmpp/element.js';
import { NS } from '../xmpp/namespaces.js';
import { effectiveAffiliation, isAtLeast } from './room/permissions.js';
import type { Incoming, Outbound, RoomPolicy, RoomState } from './room/types.js';
import { finElement, mamFormFields, parseMamQuery, resultMessage, type MamQuery } from './room-archive.js';

export function mayReadArchive(room: RoomState, bareJid: string, policy: RoomPolicy): boolean {
  const affiliation = effectiveAffiliation(room, bareJid, policy);
  if (affiliation === 'outcast') return false;
  if (room.isLocked) return isAtLeast(affiliation, 'owner');
  if (room.config.isMembersOnly) return isAtLeast(affiliation, 'member');
  return true;
}

/** What a room without a stored archive remembers: its recent messages and subject changes, in order. */
function historyAsArchive(room: RoomState): ArchivedMessage[] {
  return [...room.history, ...room.subjectChanges].sort((a, b) => a.id - b.id).map((entry) => ({
    id: entry.id, stanzaId: entry.stanzaId, nickJid: `${room.jid}/${entry.nick}`, fromJid: entry.fromJid,
    sentAt: entry.sentAt, type: 'groupchat', stanza: entry.stanza.toString(),
  }));
}

/** The same paging over messages held in memory. */
function pageOf(messages: readonly ArchivedMessage[], query: ArchiveQuery): ArchivePage {
  const all = messages.filter((message) =>
    (query.start === undefined || message.sentAt >= query.start) && (query.end === undefined || message.sentAt <= query.end)
    && (query.nickJid === undefined || message.nickJid === query.nickJid));
  const matches = all.filter((message) =>
    (query.afterId === undefined || message.id > query.afterId) && (query.beforeId === undefined || message.id < query.beforeId));
  const page = query.from === 'oldest' ? matches.slice(0, query.limit) : matches.slice(-query.limit);
  const first = page[0];
  return {
    messages: page, isComplete: matches.length <= query.limit, count: all.length,
    firstIndex: first === undefined ? 0 : all.indexOf(first),
  };
}

export interface ArchiveSource {
  store: TextConferenceStore | undefined;
  storeId: number | undefined;
  maxPage: number;
  policy: RoomPolicy;
}

export async function answerArchiveQuery(room: RoomState, incoming: Incoming, source: ArchiveSource): Promise<Outbound[]> {
  const { stanza } = incoming;
  const reply = (spec: Parameters<typeof errorReply>[1]): Outbound[] => [{ stanza: errorReply(stanza, spec), to: [incoming.from] }];
  if (!mayReadArchive(room, incoming.bareFrom, source.policy)) return reply({ condition: 'forbidden', text: 'you may not read this room\'s archive' });
  const query = stanza.getChild('query', NS.mam);
  if (query === undefined) return reply({ condition: 'bad-request' });
  const result = (payload?: ReturnType<typeof xml>): Outbound => ({
    stanza: xml('iq', { xmlns: NS.client, type: 'result', id: stanza.attrs.id as string | undefined, from: room.jid }, payload),
    to: [incoming.from],
  });
  if (stanza.attrs.type === 'get') return [result(mamFormFields())];
  const parsed = parseMamQuery(query, source.maxPage);
  if (!('max' in parsed)) return reply(parsed);
  const archiveQuery = await toArchiveQuery(parsed, room, source);
  if (archiveQuery === undefined) return reply({ condition: 'item-not-found', text: 'no message with that id in the archive' });
  const page = source.store !== undefined && source.storeId !== undefined
    ? await source.store.archive.page(source.storeId, archiveQuery)
    : pageOf(historyAsArchive(room), archiveQuery);
  const messages = parsed.isFlipped ? [...page.messages].reverse() : page.messages;
  const out: Outbound[] = messages.map((message) => ({ stanza: resultMessage(room.jid, parsed.queryId, message), to: [incoming.from] }));
  out.push(result(finElement(page, parsed)));
  return out;
}

/** Maps stanza-ids to archive ids; undefined when an id is unknown (item-not-found, XEP-0313 §4.3.3). */
async function toArchiveQuery(query: MamQuery, room: RoomState, source: ArchiveSource): Promise<ArchiveQuery | undefined> {
  const idOf = async (stanzaId: string): Promise<number | undefined> => {
    if (source.store !== undefined && source.storeId !== undefined) return (await source.store.archive.byStanzaId(source.storeId, stanzaId))?.id;
    return historyAsArchive(room).find((message) => message.stanzaId === stanzaId)?.id;
  };
  const archiveQuery: ArchiveQuery = { limit: Math.max(query.max, 1), from: query.before !== undefined ? 'newest' : 'oldest' };
  if (query.start !== undefined) archiveQuery.start = query.start;
  if (query.end !== undefined) archiveQuery.end = query.end;
  if (query.with !== undefined) archiveQuery.nickJid = query.with;
  if (query.after !== undefined && query.after !== '') {
    const id = await idOf(query.after);
    if (id === undefined) return undefined;
    archiveQuery.afterId = id;
  }
  if (query.before !== undefined && query.before !== '') {
    const id = await idOf(query.before);
    if (id === undefined) return undefined;
    archiveQuery.beforeId = id;
  }
  return archiveQuery;
}
