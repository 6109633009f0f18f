// VCardStore over knex (XEP-0054): one document per account, replaced whole by every set.
import type { Knex } from 'knex';
import { type AccountKey, replaceRow, withAccountLock } from './account-lock.js';
import type { VCardStore } from './ports.js';
import { inContext } from './storage-error.js';
import { VCARDS } from './tables.js';

interface VCardRow extends AccountKey {
  vcard: string;
  updated_at: Date;
}

export function createVCardStore(db: Knex): VCardStore {
  return {
    get: (username, domain) => inContext(`vcards.get ${username}@${domain}`, async () => {
      const row = await db<VCardRow>(VCARDS).where({ domain, username }).first('vcard');
      return row?.vcard;
    }),

    set: (username, domain, vcard) => inContext(`vcards.set ${username}@${domain}`, () =>
      withAccountLock(db, { domain, username }, (trx) =>
        replaceRow(trx, VCARDS, { domain, username }, { vcard, updated_at: trx.fn.now() }))),
  };
}
