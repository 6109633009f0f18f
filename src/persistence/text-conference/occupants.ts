// Who is in each room now, with the node they connect through (tc_occupants), and the log of
// entries and exits (tc_timelog). Writes are fenced by the lease.
import type { Knex } from 'knex';
import type { OccupantRecord, TextConferenceStore, TimelogEntry } from '../ports.js';
import { inContext } from '../storage-error.js';
import { TC_OCCUPANTS, TC_ROOMS, TC_TIMELOG } from '../tables.js';
import { fencedGroupCommit } from './fenced-group-commit.js';
import { jidKey, type Fenced } from './fencing.js';

interface OccupantRow {
  room_id: number;
  real_key: string;
  real_jid: string;
  nick: string;
  role: OccupantRecord['role'];
  node: string;
  joined_at: Date;
}

interface TimelogRow {
  timelog_id: number | string;
  room_id: number;
  real_jid: string;
  nick_jid: string;
  direction: 'E' | 'L';
  stamp: Date;
}

function toOccupant(row: OccupantRow): OccupantRecord {
  return { nick: row.nick, realJid: row.real_jid, role: row.role, node: row.node, joinedAt: new Date(row.joined_at) };
}

/** One change to tc_occupants or tc_timelog, applied in submission order within a commit. */
type OccupantOp = { roomId: number; occupant: OccupantRecord } | { roomId: number; removed: string } | { roomId: number; logged: TimelogEntry };

/** Most occupant changes in one commit. */
const OCCUPANT_BATCH = 200;

async function applyOccupantOps(trx: Knex.Transaction, ops: readonly OccupantOp[]): Promise<void> {
  for (const op of ops) {
    if ('logged' in op) {
      const entry = op.logged;
      await trx(TC_TIMELOG).insert({ room_id: op.roomId, real_jid: entry.realJid, nick_jid: entry.nickJid, direction: entry.direction, stamp: entry.at });
      continue;
    }
    if ('removed' in op) {
      await trx(TC_OCCUPANTS).where({ room_id: op.roomId, real_key: jidKey(op.removed) }).del();
      continue;
    }
    const { occupant } = op;
    const key = { room_id: op.roomId, real_key: jidKey(occupant.realJid) };
    const values = { real_jid: occupant.realJid, nick: occupant.nick, role: occupant.role, node: occupant.node, joined_at: occupant.joinedAt };
    const updated = await trx(TC_OCCUPANTS).where(key).update(values);
    if (updated === 0) await trx(TC_OCCUPANTS).insert({ ...key, ...values });
  }
}

export function createOccupantStores(db: Knex, fenced: Fenced): Pick<TextConferenceStore, 'occupants' | 'timelog'> {
  // Entries and exits of many rooms share commits, as archived messages do.
  const submit = fencedGroupCommit<OccupantOp>((fence, ops) => fenced(fence, (trx) => applyOccupantOps(trx, ops)), OCCUPANT_BATCH);
  return {
    occupants: {
      add: (roomId, occupant, fence) => inContext(`occupants.add ${roomId}`, () => submit(fence, { roomId, occupant })),

      remove: (roomId, realJid, fence) => inContext(`occupants.remove ${roomId}`, () => submit(fence, { roomId, removed: realJid })),

      list: (roomId) => inContext(`occupants.list ${roomId}`, async () =>
        (await db<OccupantRow>(TC_OCCUPANTS).where({ room_id: roomId }).orderBy('joined_at').orderBy('real_key')).map(toOccupant)),

      clearNode: (alias, node, fence) => inContext(`occupants.clearNode ${alias} ${node}`, () => fenced(fence, (trx) =>
        trx(TC_OCCUPANTS).where({ node }).whereIn('room_id', trx(TC_ROOMS).select('room_id').where({ alias })).del())),

      listByNode: (alias, node) => inContext(`occupants.listByNode ${alias} ${node}`, async () => {
        const rows: (OccupantRow & { room_jid: string })[] = await db(TC_OCCUPANTS)
          .join(TC_ROOMS, `${TC_ROOMS}.room_id`, `${TC_OCCUPANTS}.room_id`)
          .where(`${TC_ROOMS}.alias`, alias).andWhere(`${TC_OCCUPANTS}.node`, node)
          .orderBy(`${TC_OCCUPANTS}.room_id`).orderBy(`${TC_OCCUPANTS}.joined_at`)
          .select(`${TC_OCCUPANTS}.*`, `${TC_ROOMS}.room_jid`);
        return rows.map((row) => ({ roomJid: row.room_jid, occupant: toOccupant(row) }));
      }),
    },

    timelog: {
      // In the same commits as the occupants, so entries and exits keep their order.
      append: (roomId, entry, fence) => inContext(`timelog.append ${roomId}`, () => submit(fence, { roomId, logged: entry })),

      list: (roomId, limit) => inContext(`timelog.list ${roomId}`, async () => {
        const rows = await db<TimelogRow>(TC_TIMELOG).where({ room_id: roomId }).orderBy('timelog_id', 'desc').limit(limit);
        return rows.reverse().map((row) => ({ realJid: row.real_jid, nickJid: row.nick_jid, direction: row.direction, at: new Date(row.stamp) }));
      }),
    },
  };
}
