// Writes fenced by the hosting lease (DESIGN §5): each TC write runs in a transaction that first
// locks the lease row under the writer's epoch (or, for archive batches where the dialect can,
// in one statement that does the same). A node that lost the lease finds no row and its write is
// refused; a node taking the lease over updates the row, which waits for those locks, so no
// write of the old holder can commit after the takeover. The lock is shared where the dialect
// has one (the holder's own writes then do not queue on one another) and exclusive on Oracle.
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type { SqlDialect } from '../dialects/sql-dialect.js';
import { type Fence, StaleFenceError } from '../ports.js';
import { TC_LEASES } from '../tables.js';

/** Runs a write in a transaction fenced by the lease; rejects with StaleFenceError when it is not held. */
export type Fenced = <T>(fence: Fence, write: (trx: Knex.Transaction) => Promise<T>) => Promise<T>;

export function createFencing(db: Knex, dialect: SqlDialect): Fenced {
  return (fence, write) => db.transaction(async (trx) => {
    // A plain select (no row limit): Oracle refuses FOR UPDATE around the ROWNUM wrapper a limit makes.
    const query = trx(TC_LEASES).where({ alias: fence.alias, owner_node: fence.node, epoch: fence.epoch }).select('epoch');
    const held = (await dialect.lockLeaseRow(query)) as unknown[];
    if (held.length === 0) throw new StaleFenceError(fence);
    return write(trx);
  });
}

/** Inserts rows fenced by the lease; rejects with StaleFenceError (inserting none) when it is not held. */
export type FencedInsert = (fence: Fence, table: string, rows: readonly Record<string, unknown>[]) => Promise<void>;

/**
 * The dialect's single fenced statement where it has one, otherwise a fenced transaction with
 * up to `rowsPerInsert` rows per INSERT (SQL Server binds at most 2100 values per statement).
 */
export function createFencedInsert(db: Knex, dialect: SqlDialect, fenced: Fenced, rowsPerInsert: number): FencedInsert {
  const statement = dialect.fencedInsert;
  if (statement === undefined) {
    return (fence, table, rows) => fenced(fence, async (trx) => {
      for (let start = 0; start < rows.length; start += rowsPerInsert) await trx(table).insert(rows.slice(start, start + rowsPerInsert));
    });
  }
  return async (fence, table, rows) => {
    if (rows.length === 0) return;
    // The lease row is one row, so the statement inserts all the rows or none.
    const inserted = await statement(db, table, rows, fence);
    if (inserted === 0) throw new StaleFenceError(fence);
    if (inserted !== rows.length) throw new Error(`the fenced insert into ${table} inserted ${inserted} of ${rows.length} rows`);
  };
}

/** Hex SHA-256 of a JID: the key columns, short enough for every dialect's index limits. */
export function jidKey(jid: string): string {
  return createHash('sha256').update(jid, 'utf8').digest('hex');
}
