// The Oracle Database dialect: `oracledb` in thin mode (pure JavaScript, no Instant Client) and
// the knex settings for it. Error numbers: Oracle Database Error Messages (ORA-00001, ORA-00955).
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { StorageConfig } from '../../config/schema.js';
import { errorCode, firstValue, poolSettings, type SqlDialect } from './sql-dialect.js';

export type OracleStorageConfig = Extract<StorageConfig, { type: 'oracle' }>;

/** knex needs the server version for identifier limits; 12.2 and later allow 128-byte names. */
const ORACLE_VERSION = '19.0';
const UNIQUE_VIOLATION = 1;

/** A lock row outlives a crashed migrator by this long; then another node may take it. */
const STALE_LOCK_MINUTES = 10;
const LOCK_RETRY_MS = 500;

// Oracle commits at every DDL statement, so no transaction can hold a lock across migrations:
// a single lock row is taken with a guarded update and given back at the end (named statements).
export const ORACLE_STATEMENTS = {
  createLockTable: `begin execute immediate 'create table "parley_migration_lock" ("id" number(1) primary key, "holder" varchar2(64), "taken_at" timestamp)'; exception when others then if sqlcode != -955 then raise; end if; end;`,
  insertLockRow: `begin insert into "parley_migration_lock" ("id") values (1); commit; exception when dup_val_on_index then null; end;`,
  takeLock: `update "parley_migration_lock" set "holder" = ?, "taken_at" = systimestamp where "id" = 1 and ("holder" is null or "taken_at" < systimestamp - interval '${STALE_LOCK_MINUTES}' minute)`,
  giveLockBack: `update "parley_migration_lock" set "holder" = null, "taken_at" = null where "id" = 1 and "holder" = ?`,
  /** Readable by every user, unlike v$instance. */
  version: `select version from product_component_version where product like 'Oracle Database%'`,
} as const;

/** Row count of an update run through knex.raw on oracledb. */
function rowsAffected(result: unknown): number {
  if (typeof result === 'number') return result;
  if (typeof result === 'object' && result !== null && 'rowsAffected' in result && typeof result.rowsAffected === 'number') return result.rowsAffected;
  return 0;
}

export const oracleDialect: SqlDialect = {
  name: 'oracle',
  healthQuery: 'select 1 from dual',
  async withMigrationLock(db, migrate) {
    const holder = randomBytes(16).toString('hex');
    await db.raw(ORACLE_STATEMENTS.createLockTable);
    await db.raw(ORACLE_STATEMENTS.insertLockRow);
    while (rowsAffected(await db.raw(ORACLE_STATEMENTS.takeLock, [holder])) === 0) {
      await new Promise((resolve) => setTimeout(resolve, LOCK_RETRY_MS));
    }
    try {
      return await migrate(db);
    } finally {
      await db.raw(ORACLE_STATEMENTS.giveLockBack, [holder]);
    }
  },
  isUniqueViolation: (failure) => errorCode(failure) === UNIQUE_VIOLATION,
  async serverVersion(db) {
    const text = firstValue(await db.raw(ORACLE_STATEMENTS.version));
    return { text, comparable: Number.parseInt(text, 10) };
  },
  minimumVersion: { text: '19c', comparable: 19 },
  // Oracle has no shared row lock: FOR UPDATE, so the holder's writes take turns on the row.
  lockLeaseRow: (query) => query.forUpdate(),
  clock: {
    now: 'systimestamp',
    nowPlusMilliseconds: "systimestamp + numtodsinterval(? / 1000, 'SECOND')",
  },
};

/** Where the server is, for log lines and error messages: never the password. */
export function describeOracle(config: OracleStorageConfig): string {
  return `oracle ${config.user}@${config.host}:${config.port}/${config.serviceName}`;
}

export function oracleKnexConfig(config: OracleStorageConfig): Knex.Config {
  return {
    client: 'oracledb',
    version: ORACLE_VERSION,
    connection: {
      user: config.user,
      password: config.password,
      // Easy Connect; the thin driver takes the connect timeout in seconds.
      connectString: `${config.host}:${config.port}/${config.serviceName}?connect_timeout=${Math.max(1, Math.ceil(config.connectTimeoutMs / 1000))}`,
    },
    ...poolSettings(config),
    pool: {
      ...poolSettings(config).pool,
      // oracledb's per-round-trip timeout is the statement timeout; 0 leaves it unlimited.
      afterCreate: (connection: { callTimeout: number }, done: (error: Error | null, connection: unknown) => void) => {
        connection.callTimeout = config.statementTimeoutMs;
        done(null, connection);
      },
    },
  };
}
