// BlockingStore over knex (XEP-0191): a set of JIDs per account. Adding reads the set under the
// account's lock and inserts only what is new, so duplicates are ignored on every dialect.
import type { Knex } from 'knex';
import { type AccountKey, withAccountLock } from './account-lock.js';
import type { BlockingStore } from './ports.js';
import { inContext } from './storage-error.js';
import { BLOCKLIST } from './tables.js';

interface BlockedRow extends AccountKey {
  blocked_jid: string;
}

// Blocked JIDs stay out of error messages, as contacts do in the roster's.
export function createBlockingStore(db: Knex): BlockingStore {
  const blocklist = (source: Knex, account: AccountKey) => source<BlockedRow>(BLOCKLIST).where(account);

  return {
    list: (username, domain) => inContext(`blocking.list ${username}@${domain}`, () =>
      blocklist(db, { domain, username }).orderBy('blocked_jid').pluck('blocked_jid')),

    add: (username, domain, jids) => inContext(`blocking.add ${username}@${domain}`, async () => {
      if (jids.length === 0) return;
      await withAccountLock(db, { domain, username }, async (trx) => {
        const blocked = new Set(await blocklist(trx, { domain, username }).pluck('blocked_jid'));
        const added = [...new Set(jids)].filter((jid) => !blocked.has(jid));
        if (added.length > 0) await trx<BlockedRow>(BLOCKLIST).insert(added.map((jid) => ({ domain, username, blocked_jid: jid })));
      });
    }),

    remove: (username, domain, jids) => inContext(`blocking.remove ${username}@${domain}`, async () => {
      const account = blocklist(db, { domain, username });
      if (jids === 'all') await account.del();
      else if (jids.length > 0) await account.whereIn('blocked_jid', jids).del();
    }),
  };
}
