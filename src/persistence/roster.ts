// RosterStore over knex (RFC 6121 §2, §2.6 versioning): an item and the roster version change in
// one transaction holding the account's lock, so concurrent changes get distinct versions.
import type { Knex } from 'knex';
import { type AccountKey, replaceRow, withAccountLock } from './account-lock.js';
import type { RosterItem, RosterStore, Subscription } from './ports.js';
import { inContext } from './storage-error.js';
import { ROSTER_ITEMS, ROSTER_VERSIONS } from './tables.js';

interface ItemColumns {
  name: string | null;
  /** JSON array of group names. */
  groups: string;
  subscription: Subscription;
  pending_out: boolean;
  pending_in: boolean;
  pre_approved: boolean;
  is_listed: boolean;
  pending_in_stanza: string | null;
}

interface ItemRow extends AccountKey, ItemColumns {
  contact_jid: string;
}

interface VersionRow extends AccountKey {
  version: number;
}

// Contact JIDs stay out of error messages: who a user talks to is theirs, not the log's.
export function createRosterStore(db: Knex): RosterStore {
  const items = (account: AccountKey) => db<ItemRow>(ROSTER_ITEMS).where(account);

  return {
    get: (username, domain) => inContext(`roster.get ${username}@${domain}`, async () => {
      const account = { domain, username };
      // The version is read before the items: items newer than their version only make a client
      // fetch them again later, whereas items older than it would be cached as current.
      const version = await currentVersion(db, account);
      const rows = await items(account).orderBy('contact_jid');
      return { version, items: rows.map(toItem) };
    }),

    getItem: (username, domain, contact) => inContext(`roster.getItem ${username}@${domain}`, async () => {
      const row = await items({ domain, username }).andWhere({ contact_jid: contact }).first();
      return row === undefined ? undefined : toItem(row);
    }),

    putItem: (username, domain, item) => inContext(`roster.putItem ${username}@${domain}`, () =>
      withAccountLock(db, { domain, username }, async (trx) => {
        await replaceRow(trx, ROSTER_ITEMS, { domain, username, contact_jid: item.jid }, toColumns(item));
        return nextVersion(trx, { domain, username });
      })),

    removeItem: (username, domain, contact) => inContext(`roster.removeItem ${username}@${domain}`, () =>
      withAccountLock(db, { domain, username }, async (trx) => {
        await trx<ItemRow>(ROSTER_ITEMS).where({ domain, username, contact_jid: contact }).del();
        return nextVersion(trx, { domain, username });
      })),

    countListed: (username, domain) => inContext(`roster.countListed ${username}@${domain}`, async () => {
      const [row] = await items({ domain, username }).andWhere({ is_listed: true }).count({ total: '*' });
      // PostgreSQL's count is a bigint, which pg returns as a string and PGlite as a number.
      return Number(row?.total ?? 0);
    }),
  };
}

async function currentVersion(db: Knex, account: AccountKey): Promise<number> {
  const row = await db<VersionRow>(ROSTER_VERSIONS).where(account).first('version');
  return row?.version ?? 0;
}

/**
 * Increments the version; the caller holds the account's lock, so reading then writing is safe.
 * The row is written with 1 or more only, so version 1 means there was no row.
 */
async function nextVersion(trx: Knex.Transaction, account: AccountKey): Promise<number> {
  const version = await currentVersion(trx, account) + 1;
  if (version === 1) await trx<VersionRow>(ROSTER_VERSIONS).insert({ ...account, version });
  else await trx<VersionRow>(ROSTER_VERSIONS).where(account).update({ version });
  return version;
}

function toColumns(item: RosterItem): ItemColumns {
  return {
    name: item.name ?? null,
    groups: JSON.stringify(item.groups),
    subscription: item.subscription,
    pending_out: item.pendingOut,
    pending_in: item.pendingIn,
    pre_approved: item.preApproved,
    is_listed: item.isListed,
    pending_in_stanza: item.pendingInStanza ?? null,
  };
}

function toItem(row: ItemRow): RosterItem {
  return {
    jid: row.contact_jid,
    ...(row.name === null ? {} : { name: row.name }),
    groups: parseGroups(row.groups),
    subscription: row.subscription,
    pendingOut: row.pending_out,
    pendingIn: row.pending_in,
    preApproved: row.pre_approved,
    isListed: row.is_listed,
    ...(row.pending_in_stanza === null ? {} : { pendingInStanza: row.pending_in_stanza }),
  };
}

function parseGroups(text: string): string[] {
  let groups: unknown;
  try {
    groups = JSON.parse(text);
  } catch {
    // Reported below: JSON.parse would quote the stored text in its message.
  }
  if (!Array.isArray(groups) || !groups.every((group): group is string => typeof group === 'string')) {
    throw new Error('roster groups are not a JSON array of strings');
  }
  return groups;
}
