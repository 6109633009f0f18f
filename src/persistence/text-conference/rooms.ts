// Rooms and their lasting affiliations (tc_rooms, tc_users). Writes are fenced by the lease.
import type { Knex } from 'knex';
import type { AffiliationRecord, Fence, RoomRecord, TextConferenceStore } from '../ports.js';
import { inContext } from '../storage-error.js';
import { TC_OCCUPANTS, TC_ROOMS, TC_USERS } from '../tables.js';
import { jidKey, type Fenced } from './fencing.js';

interface RoomRow {
  room_id: number | string;
  room_key: string;
  room_jid: string;
  alias: string;
  creator_jid: string;
  type: RoomRecord['type'];
  config: string;
  format_version: number | string;
  subject: string | null;
  subject_by: string | null;
  created_at: Date;
  modified_at: Date;
}

interface UserRow {
  room_id: number;
  real_key: string;
  real_jid: string;
  role: string;
  affiliation: AffiliationRecord['affiliation'];
  nick_jid: string | null;
  reason: string | null;
  initiator_jid: string | null;
}

function toRoom(row: RoomRow): RoomRecord {
  const room: RoomRecord = {
    id: Number(row.room_id),
    roomJid: row.room_jid,
    alias: row.alias,
    creatorJid: row.creator_jid,
    type: row.type,
    config: row.config,
    formatVersion: Number(row.format_version),
    // Oracle reads an empty string back as null.
    subject: row.subject ?? '',
    createdAt: new Date(row.created_at),
    modifiedAt: new Date(row.modified_at),
  };
  if (row.subject_by !== null) room.subjectBy = row.subject_by;
  return room;
}

/** A registered nick is stored as an occupant JID (room@service/nick), as the reference product does. */
function toAffiliation(row: UserRow): AffiliationRecord {
  const record: AffiliationRecord = { realJid: row.real_jid, affiliation: row.affiliation };
  if (row.nick_jid !== null) record.nick = row.nick_jid.slice(row.nick_jid.indexOf('/') + 1);
  if (row.reason !== null) record.reason = row.reason;
  if (row.initiator_jid !== null) record.actorJid = row.initiator_jid;
  return record;
}

export function createRoomStores(db: Knex, fenced: Fenced): Pick<TextConferenceStore, 'rooms' | 'affiliations'> {
  const roomJidOf = async (trx: Knex.Transaction, roomId: number): Promise<string> => {
    const row = await trx<RoomRow>(TC_ROOMS).where({ room_id: roomId }).first('room_jid');
    if (row === undefined) throw new Error(`no room with id ${roomId}`);
    return row.room_jid;
  };

  return {
    rooms: {
      create: (room, fence: Fence) => inContext(`rooms.create ${room.roomJid}`, () => fenced(fence, async (trx) => {
        const now = new Date();
        await trx(TC_ROOMS).insert({
          room_key: jidKey(room.roomJid), room_jid: room.roomJid, alias: room.alias, creator_jid: room.creatorJid,
          type: room.type, config: room.config, format_version: room.formatVersion, subject: room.subject,
          subject_by: room.subjectBy ?? null, created_at: now, modified_at: now,
        });
        const row = await trx<RoomRow>(TC_ROOMS).where({ room_key: jidKey(room.roomJid) }).first();
        if (row === undefined) throw new Error('the room just inserted is missing');
        return toRoom(row);
      })),

      get: (roomJid) => inContext(`rooms.get ${roomJid}`, async () => {
        const row = await db<RoomRow>(TC_ROOMS).where({ room_key: jidKey(roomJid) }).first();
        return row === undefined ? undefined : toRoom(row);
      }),

      list: (alias, { limit, afterId }) => inContext(`rooms.list ${alias}`, async () => {
        const query = db<RoomRow>(TC_ROOMS).where({ alias }).orderBy('room_id').limit(limit);
        if (afterId !== undefined) void query.andWhere('room_id', '>', afterId);
        return (await query).map(toRoom);
      }),

      count: (alias) => inContext(`rooms.count ${alias}`, async () => {
        const row = await db(TC_ROOMS).where({ alias }).count<{ count: number | string }[]>({ count: '*' }).first();
        return Number(row?.count ?? 0);
      }),

      update: (roomId, changes, fence) => inContext(`rooms.update ${roomId}`, () => fenced(fence, async (trx) => {
        const columns: Record<string, unknown> = { modified_at: new Date() };
        if (changes.config !== undefined) columns.config = changes.config;
        if (changes.formatVersion !== undefined) columns.format_version = changes.formatVersion;
        if (changes.subject !== undefined) columns.subject = changes.subject;
        if ('subjectBy' in changes) columns.subject_by = changes.subjectBy ?? null;
        if (changes.type !== undefined) columns.type = changes.type;
        await trx(TC_ROOMS).where({ room_id: roomId }).update(columns);
      })),

      destroy: (roomId, fence) => inContext(`rooms.destroy ${roomId}`, () => fenced(fence, async (trx) => {
        await trx(TC_OCCUPANTS).where({ room_id: roomId }).del();
        await trx(TC_USERS).where({ room_id: roomId }).del();
        await trx(TC_ROOMS).where({ room_id: roomId }).del();
      })),
    },

    affiliations: {
      list: (roomId) => inContext(`affiliations.list ${roomId}`, async () =>
        (await db<UserRow>(TC_USERS).where({ room_id: roomId }).orderBy('real_jid')).map(toAffiliation)),

      put: (roomId, record, fence) => inContext(`affiliations.put ${roomId}`, () => fenced(fence, async (trx) => {
        const key = { room_id: roomId, real_key: jidKey(record.realJid) };
        const values = {
          real_jid: record.realJid,
          role: 'none',
          affiliation: record.affiliation,
          nick_jid: record.nick === undefined ? null : `${await roomJidOf(trx, roomId)}/${record.nick}`,
          reason: record.reason ?? null,
          initiator_jid: record.actorJid ?? null,
        };
        // The lease makes this node the only writer of the room: update-then-insert cannot race.
        const updated = await trx(TC_USERS).where(key).update(values);
        if (updated === 0) await trx(TC_USERS).insert({ ...key, ...values });
      })),

      remove: (roomId, realJid, fence) => inContext(`affiliations.remove ${roomId}`, () => fenced(fence, async (trx) => {
        await trx(TC_USERS).where({ room_id: roomId, real_key: jidKey(realJid) }).del();
      })),
    },
  };
}
