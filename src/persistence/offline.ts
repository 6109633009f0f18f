// OfflineStore over knex (XEP-0160). The limit is checked and the message stored in one
// transaction holding the account's lock, so concurrent stores can never exceed it.
import type { Knex } from 'knex';
import { type AccountKey, withAccountLock } from './account-lock.js';
import type { OfflineMessage, OfflineStore } from './ports.js';
import { inContext } from './storage-error.js';
import { OFFLINE_MESSAGES } from './tables.js';

interface MessageRow extends AccountKey {
  /** A bigint: pg returns it as a string, PGlite as a number. */
  id: string | number;
  stanza: string;
  stored_at: Date;
}

export function createOfflineStore(db: Knex): OfflineStore {
  const messages = (source: Knex, account: AccountKey) => source<MessageRow>(OFFLINE_MESSAGES).where(account);
  const count = async (source: Knex, account: AccountKey): Promise<number> => {
    const [row] = await messages(source, account).count({ total: '*' });
    return Number(row?.total ?? 0);
  };

  return {
    async store(username, domain, stanza, limit) {
      if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`offline.store limit must be a non-negative integer, got ${limit}`);
      return inContext(`offline.store ${username}@${domain}`, () =>
        withAccountLock(db, { domain, username }, async (trx) => {
          if (await count(trx, { domain, username }) >= limit) return false;
          await trx<MessageRow>(OFFLINE_MESSAGES).insert({ domain, username, stanza });
          return true;
        }));
    },

    list: (username, domain) => inContext(`offline.list ${username}@${domain}`, async () => {
      const rows = await messages(db, { domain, username }).orderBy('id').select('id', 'stanza', 'stored_at');
      return rows.map((row): OfflineMessage => ({ id: Number(row.id), stanza: row.stanza, storedAt: row.stored_at }));
    }),

    remove: (username, domain, ids) => inContext(`offline.remove ${username}@${domain}`, async () => {
      if (ids.length > 0) await messages(db, { domain, username }).whereIn('id', ids).del();
    }),

    count: (username, domain) => inContext(`offline.count ${username}@${domain}`, () => count(db, { domain, username })),
  };
}
