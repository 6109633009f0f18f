// Per-account serialisation: a write that reads before it writes (roster version, offline limit,
// insert-or-replace) first locks the account's row, the one row every account is sure to have.
import type { Knex } from 'knex';
import { ACCOUNTS } from './tables.js';

/** The columns naming an account in every table. */
export interface AccountKey {
  domain: string;
  username: string;
}

/**
 * Locks the account's row until the transaction ends; false when there is no such account.
 * Inserts referencing the account wait for the lock too (their foreign key check), so a
 * concurrent account deletion cannot leave rows behind.
 */
export async function lockAccount(trx: Knex.Transaction, account: AccountKey): Promise<boolean> {
  const rows = await trx(ACCOUNTS).where(account).select('username').forUpdate();
  return rows.length > 0;
}

/** Runs `write` in a transaction holding the account's lock; rejects when there is no such account. */
export async function withAccountLock<T>(db: Knex, account: AccountKey, write: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  return db.transaction(async (trx) => {
    if (!(await lockAccount(trx, account))) throw new Error('no such account');
    return write(trx);
  });
}

/** Replaces the row at `key` (the account and the rest of the primary key), or inserts it: race-free only under the account's lock. */
export async function replaceRow(
  trx: Knex.Transaction, table: string, key: AccountKey & Readonly<Record<string, string>>, values: object,
): Promise<void> {
  const updated = await trx(table).where(key).update(values);
  if (updated === 0) await trx(table).insert({ ...key, ...values });
}
