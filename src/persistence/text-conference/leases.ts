// Hosting leases (DESIGN §5): acquire, renew, release and take over after expiry, with an epoch
// that increases whenever the lease changes hands. Time is the database's, shared by all nodes.
import type { Knex } from 'knex';
import type { SqlDialect } from '../dialects/sql-dialect.js';
import type { Fence, Lease, LeaseStore } from '../ports.js';
import { inContext } from '../storage-error.js';
import { TC_LEASES } from '../tables.js';

interface LeaseRow {
  alias: string;
  owner_node: string | null;
  epoch: number | string;
  expires_at: Date;
  acquired_at: Date;
}

function toLease(row: LeaseRow): Lease {
  return { alias: row.alias, ownerNode: row.owner_node ?? undefined, epoch: Number(row.epoch), expiresAt: new Date(row.expires_at) };
}

export function createLeaseStore(db: Knex, dialect: SqlDialect): LeaseStore {
  const now = (): Knex.Raw => db.raw(dialect.clock.now);
  const nowPlus = (ms: number): Knex.Raw => db.raw(dialect.clock.nowPlusMilliseconds, [ms]);
  const leases = () => db<LeaseRow>(TC_LEASES);
  const read = async (alias: string): Promise<Lease | undefined> => {
    const row = await leases().where({ alias }).first();
    return row === undefined ? undefined : toLease(row);
  };

  return {
    acquire: (alias, node, ttlMs) => inContext(`leases.acquire ${alias} for ${node}`, async () => {
      // Already ours and alive: extended, same epoch.
      const extended = await leases().where({ alias, owner_node: node }).andWhere('expires_at', '>=', now())
        .update({ expires_at: nowPlus(ttlMs) });
      if (extended === 1) return read(alias);
      // Released or expired (ours or not): taken over, next epoch.
      const taken = await leases().where({ alias })
        .andWhere((free) => {
          void free.whereNull('owner_node').orWhere('expires_at', '<', now());
        })
        .update({ owner_node: node, epoch: db.raw('?? + 1', ['epoch']), expires_at: nowPlus(ttlMs), acquired_at: now() });
      if (taken === 1) return read(alias);
      if ((await read(alias)) !== undefined) return undefined;
      try {
        await leases().insert({ alias, owner_node: node, epoch: 1, expires_at: nowPlus(ttlMs), acquired_at: now() });
      } catch (failure) {
        // Another node created the row first: it holds the lease.
        if (dialect.isUniqueViolation(failure)) return undefined;
        throw failure;
      }
      return read(alias);
    }),

    renew: (fence: Fence, ttlMs) => inContext(`leases.renew ${fence.alias} for ${fence.node}`, async () => {
      const renewed = await leases().where({ alias: fence.alias, owner_node: fence.node, epoch: fence.epoch })
        .update({ expires_at: nowPlus(ttlMs) });
      return renewed === 1 ? read(fence.alias) : undefined;
    }),

    release: (fence: Fence) => inContext(`leases.release ${fence.alias} for ${fence.node}`, async () => {
      await leases().where({ alias: fence.alias, owner_node: fence.node, epoch: fence.epoch })
        .update({ owner_node: null, expires_at: now() });
    }),

    get: (alias) => inContext(`leases.get ${alias}`, () => read(alias)),
  };
}
