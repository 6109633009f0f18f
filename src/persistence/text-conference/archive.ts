// The room message archive (tc_msgarchive): group-committed appends fenced by the lease, and
// pages by id, time and sender for history on join and XEP-0313 queries.
import type { Knex } from 'knex';
import type { ArchivedMessage, TextConferenceStore } from '../ports.js';
import { inContext } from '../storage-error.js';
import { TC_MSGARCHIVE } from '../tables.js';
import { fencedGroupCommit } from './fenced-group-commit.js';
import type { FencedInsert } from './fencing.js';

/** Longest text kept in the *_string columns, in UTF-8 bytes (Oracle counts VARCHAR2 in bytes). */
const INLINE_TEXT_BYTES = 4000;

/** A type, not an interface, so that it is a Record for the fenced insert. */
type ArchiveRow = {
  room_id: number;
  msg_id: number | string;
  stanza_id: string;
  to_jid: string;
  from_jid: string;
  nick_jid: string;
  sent_date: Date;
  msg_type: string;
  body_len: number;
  message_len: number;
  body_string: string | null;
  message_string: string | null;
  body_text: string | null;
  message_text: string | null;
  subject: string | null;
  epoch: number | string;
};

interface Entry {
  roomId: number;
  roomJid: string;
  message: ArchivedMessage;
  epoch: number;
}

const TYPE_LETTERS: Record<string, string> = { groupchat: 'g', chat: 'c', normal: 'n', headline: 'h', error: 'e' };
const TYPES_BY_LETTER = Object.fromEntries(Object.entries(TYPE_LETTERS).map(([type, letter]) => [letter, type]));

/** The reference product's split: short text in *_string, long text in *_text. */
function split(text: string | undefined): { inline: string | null; long: string | null } {
  if (text === undefined) return { inline: null, long: null };
  return Buffer.byteLength(text, 'utf8') <= INLINE_TEXT_BYTES ? { inline: text, long: null } : { inline: null, long: text };
}

/** Length in characters (code points), as the reference product counts body_len and message_len. */
function characters(text: string): number {
  return Array.from(text).length;
}

function toRow({ roomId, roomJid, message, epoch }: Entry): ArchiveRow {
  const body = split(message.body);
  const stanza = split(message.stanza);
  return {
    room_id: roomId,
    msg_id: message.id,
    stanza_id: message.stanzaId,
    to_jid: roomJid,
    from_jid: message.fromJid,
    nick_jid: message.nickJid,
    sent_date: message.sentAt,
    msg_type: TYPE_LETTERS[message.type] ?? 'n',
    body_len: message.body === undefined ? 0 : characters(message.body),
    message_len: characters(message.stanza),
    body_string: body.inline,
    message_string: stanza.inline,
    body_text: body.long,
    message_text: stanza.long,
    subject: message.subject ?? null,
    epoch,
  };
}

function toMessage(row: ArchiveRow): ArchivedMessage {
  const message: ArchivedMessage = {
    id: Number(row.msg_id),
    stanzaId: row.stanza_id,
    nickJid: row.nick_jid,
    fromJid: row.from_jid,
    sentAt: new Date(row.sent_date),
    type: TYPES_BY_LETTER[row.msg_type] ?? 'normal',
    stanza: row.message_string ?? row.message_text ?? '',
  };
  const body = row.body_string ?? row.body_text;
  if (body !== null) message.body = body;
  if (row.subject !== null) message.subject = row.subject;
  return message;
}

export function createArchiveStore(db: Knex, insert: FencedInsert, maxBatch: number): TextConferenceStore['archive'] {
  const submit = fencedGroupCommit<Entry>((fence, entries) => insert(fence, TC_MSGARCHIVE, entries.map(toRow)), maxBatch);

  const archive = (roomId: number) => db<ArchiveRow>(TC_MSGARCHIVE).where({ room_id: roomId });

  return {
    append: (roomId, roomJid, message, fence) => inContext(`archive.append ${roomJid}`, () =>
      submit(fence, { roomId, roomJid, message, epoch: fence.epoch })),

    page: (roomId, query) => inContext(`archive.page ${roomId}`, async () => {
      // The whole result set (XEP-0059 <count/>) is the query without its paging cursor.
      const all = archive(roomId);
      if (query.start !== undefined) void all.andWhere('sent_date', '>=', query.start);
      if (query.end !== undefined) void all.andWhere('sent_date', '<=', query.end);
      if (query.nickJid !== undefined) void all.andWhere('nick_jid', query.nickJid);
      // Oracle stores a cleared subject ('') as NULL, so such a row passes; the room leaves it out.
      if (query.isWithoutSubjects === true) void all.whereNull('subject');
      const matching = all.clone();
      if (query.afterId !== undefined) void matching.andWhere('msg_id', '>', query.afterId);
      if (query.beforeId !== undefined) void matching.andWhere('msg_id', '<', query.beforeId);
      const counted = await all.clone().count<{ count: number | string }[]>({ count: '*' }).first();
      const rows = await matching.clone().orderBy('msg_id', query.from === 'oldest' ? 'asc' : 'desc').limit(query.limit + 1);
      const page = rows.slice(0, query.limit);
      if (query.from === 'newest') page.reverse();
      const first = page[0];
      const before = first === undefined ? undefined
        : await all.clone().andWhere('msg_id', '<', Number(first.msg_id)).count<{ count: number | string }[]>({ count: '*' }).first();
      return {
        messages: page.map(toMessage), isComplete: rows.length <= query.limit, count: Number(counted?.count ?? 0),
        firstIndex: Number(before?.count ?? 0),
      };
    }),

    lastId: (roomId) => inContext(`archive.lastId ${roomId}`, async () => {
      const row = await archive(roomId).max<{ last: number | string | null }[]>({ last: 'msg_id' }).first();
      return Number(row?.last ?? 0);
    }),

    byStanzaId: (roomId, stanzaId) => inContext(`archive.byStanzaId ${roomId}`, async () => {
      const row = await archive(roomId).andWhere({ stanza_id: stanzaId }).first();
      return row === undefined ? undefined : toMessage(row);
    }),
  };
}
