// The PostgreSQL dialect family (external PostgreSQL through `pg`, and PGlite) and the knex
// settings of an external PostgreSQL server. SQLSTATEs: PostgreSQL docs, Appendix A.
import type { Knex } from 'knex';
import type { StorageConfig } from '../../config/schema.js';
import { errorCode, firstValue, poolSettings, type SqlDialect } from './sql-dialect.js';

export type PostgresStorageConfig = Extract<StorageConfig, { type: 'postgres' }>;

const HEALTH_QUERY = 'select 1';
const UNIQUE_VIOLATION = '23505';
/** Transaction-scoped advisory lock; the key is arbitrary but fixed ("parley" in ASCII). */
const MIGRATION_LOCK = 'select pg_advisory_xact_lock(123563833845113)';
const APPLICATION_NAME = 'parley';

export const postgresDialect: SqlDialect = {
  name: 'postgres',
  healthQuery: HEALTH_QUERY,
  // DDL is transactional: the migrations run in the transaction that holds the advisory lock.
  withMigrationLock: (db, migrate) => db.transaction(async (trx) => {
    await trx.raw(MIGRATION_LOCK);
    return migrate(trx);
  }),
  isUniqueViolation: (failure) => errorCode(failure) === UNIQUE_VIOLATION,
  // server_version_num: 90100 for 9.1, 160004 for 16.4. Advisory transaction locks need 9.1.
  async serverVersion(db) {
    const text = firstValue(await db.raw("select current_setting('server_version') as version"));
    const comparable = Number(firstValue(await db.raw("select current_setting('server_version_num') as version")));
    return { text, comparable };
  },
  minimumVersion: { text: '9.1', comparable: 90100 },
  // FOR SHARE: the holder's writes share the row; a takeover's UPDATE waits for them.
  lockLeaseRow: (query) => query.forShare(),
  clock: {
    now: 'current_timestamp',
    nowPlusMilliseconds: "current_timestamp + (? * interval '1 millisecond')",
  },
};

/** Where the server is, for log lines and error messages: never the password. */
export function describePostgres(config: PostgresStorageConfig): string {
  return `postgres ${config.user}@${config.host}:${config.port}/${config.database}`;
}

export function postgresKnexConfig(config: PostgresStorageConfig): Knex.Config {
  return {
    client: 'pg',
    connection: {
      host: config.host,
      port: config.port,
      database: config.database,
      user: config.user,
      password: config.password,
      application_name: APPLICATION_NAME,
      keepAlive: true,
      connectionTimeoutMillis: config.connectTimeoutMs,
      // Sent as a startup parameter, so every pooled session has it; 0 leaves the server's default.
      statement_timeout: config.statementTimeoutMs,
    },
    ...poolSettings(config),
  };
}
