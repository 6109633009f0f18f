// AccountStore over knex, dialect-neutral: the same builder calls run on every database.
// Byte columns come back as Buffer (pg) or Uint8Array (PGlite); both become Buffer here.
import type { Knex } from 'knex';
import { type Account, type AccountCredentials, AccountExistsError, type AccountStore } from './ports.js';
import type { SqlDialect } from './dialects/sql-dialect.js';
import { lockAccount } from './account-lock.js';
import { inContext, StorageError } from './storage-error.js';
import { ACCOUNT_DATA_TABLES, ACCOUNTS } from './tables.js';

const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 1000;

interface CredentialColumns {
  sha1_iterations: number;
  sha1_salt: Uint8Array;
  sha1_stored_key: Uint8Array;
  sha1_server_key: Uint8Array;
  sha256_iterations: number;
  sha256_salt: Uint8Array;
  sha256_stored_key: Uint8Array;
  sha256_server_key: Uint8Array;
}

interface AccountRow extends CredentialColumns {
  domain: string;
  username: string;
  created_at: Date;
}

export function createAccountStore(db: Knex, dialect: SqlDialect): AccountStore {
  const accounts = () => db<AccountRow>(ACCOUNTS);

  return {
    async create(username, domain, credentials) {
      try {
        await accounts().insert({ domain, username, ...toColumns(credentials) });
      } catch (failure) {
        if (dialect.isUniqueViolation(failure)) throw new AccountExistsError(username, domain);
        throw new StorageError(`accounts.create ${username}@${domain}`, failure);
      }
    },

    get: (username, domain) => inContext(`accounts.get ${username}@${domain}`, async () => {
      const row = await accounts().where({ domain, username }).first();
      return row === undefined ? undefined : toAccount(row);
    }),

    exists: (username, domain) => inContext(`accounts.exists ${username}@${domain}`, async () =>
      (await accounts().where({ domain, username }).first('username')) !== undefined),

    setCredentials: (username, domain, credentials) =>
      inContext(`accounts.setCredentials ${username}@${domain}`, async () =>
        await accounts().where({ domain, username }).update(toColumns(credentials)) > 0),

    // Locked first, so a write for the account waits and then finds it gone instead of leaving a row.
    delete: (username, domain) => inContext(`accounts.delete ${username}@${domain}`, () =>
      db.transaction(async (trx) => {
        const account = { domain, username };
        if (!(await lockAccount(trx, account))) return false;
        for (const table of ACCOUNT_DATA_TABLES) await trx(table).where(account).del();
        await trx<AccountRow>(ACCOUNTS).where(account).del();
        return true;
      })),

    async list(domain, options = {}) {
      const limit = pageSize(options.limit);
      return inContext(`accounts.list ${domain}`, async () => {
        // Keyset paging: the next page starts after the last username seen, so it costs an
        // index range scan however deep the caller has paged.
        const page = accounts().where({ domain });
        if (options.afterUsername !== undefined) page.andWhere('username', '>', options.afterUsername);
        return page.orderBy('username').limit(limit).pluck('username');
      });
    },

    count: (domain) => inContext(`accounts.count ${domain}`, async () => {
      const [row] = await accounts().where({ domain }).count({ total: '*' });
      // PostgreSQL's count is a bigint, which pg returns as a string and PGlite as a number.
      return Number(row?.total ?? 0);
    }),
  };
}

function pageSize(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new RangeError(`accounts.list limit must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${limit}`);
  }
  return limit;
}

function toColumns(credentials: AccountCredentials): CredentialColumns {
  const sha1 = credentials['SHA-1'];
  const sha256 = credentials['SHA-256'];
  return {
    sha1_iterations: sha1.iterations,
    sha1_salt: sha1.salt,
    sha1_stored_key: sha1.storedKey,
    sha1_server_key: sha1.serverKey,
    sha256_iterations: sha256.iterations,
    sha256_salt: sha256.salt,
    sha256_stored_key: sha256.storedKey,
    sha256_server_key: sha256.serverKey,
  };
}

function toAccount(row: AccountRow): Account {
  return {
    username: row.username,
    domain: row.domain,
    credentials: {
      'SHA-1': {
        iterations: row.sha1_iterations,
        salt: toBuffer(row.sha1_salt),
        storedKey: toBuffer(row.sha1_stored_key),
        serverKey: toBuffer(row.sha1_server_key),
      },
      'SHA-256': {
        iterations: row.sha256_iterations,
        salt: toBuffer(row.sha256_salt),
        storedKey: toBuffer(row.sha256_stored_key),
        serverKey: toBuffer(row.sha256_server_key),
      },
    },
    createdAt: row.created_at,
  };
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
