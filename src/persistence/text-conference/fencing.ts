// Writes fenced by the hosting lease (DESIGN §5): each TC write runs in a transaction that first
// touches the lease row under the writer's epoch. A node that lost the lease finds no row to
// touch and its write is refused; a node stealing the lease waits for the row lock, so no write
// of the old holder can commit after the steal.
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { type Fence, StaleFenceError } from '../ports.js';
import { TC_LEASES } from '../tables.js';

export async function fenced<T>(db: Knex, fence: Fence, write: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  return db.transaction(async (trx) => {
    const held = await trx(TC_LEASES)
      .where({ alias: fence.alias, owner_node: fence.node, epoch: fence.epoch })
      .update({ epoch: fence.epoch });
    if (held !== 1) throw new StaleFenceError(fence);
    return write(trx);
  });
}

/** Hex SHA-256 of a JID: the key columns, short enough for every dialect's index limits. */
export function jidKey(jid: string): string {
  return createHash('sha256').update(jid, 'utf8').digest('hex');
}
